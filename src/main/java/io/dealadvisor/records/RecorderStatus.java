package io.dealadvisor.records;

/**
 * The state of the decision recorder that the health checks report.
 *
 * @param reachable whether the database answered the writer's last attempt, and the writer still runs
 * @param backlog   records waiting to be written, those waiting for the shadow included
 * @param dropped   records dropped since start
 * @param lastError why the database could not be used, while it cannot: the driver's message, for the log and
 *                  for tests, never for the health check
 * @param writerStopped the writer failed too often and was given up: nothing is written until a restart
 */
public record RecorderStatus(boolean enabled, String store, boolean reachable, int backlog, long dropped,
                             String lastError, boolean writerStopped) {
}
