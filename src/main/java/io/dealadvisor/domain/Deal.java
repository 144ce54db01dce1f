package io.dealadvisor.domain;

import java.time.LocalDate;

/** The deal being decided, and the day it is decided for. */
public record Deal(String id, LocalDate asOf) {
}
