package io.dealadvisor.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealadvisor.intake.DealReader;
import io.dealadvisor.intake.StrictJson;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.validation.Validator;

/** The service's JSON is strict (no coercion of wrong types), and deals are read the same way everywhere. */
@Singleton
public class JsonConfig implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        StrictJson.configure(mapper);
    }

    @Produces
    @Singleton
    DealReader dealReader(ObjectMapper mapper, Validator validator) {
        return new DealReader(mapper, validator);
    }
}
