package dev.cassini.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code POST /api/v1/lifecycle/stop} and {@code /restart}.
 *
 * @param drain drain before stopping (default true)
 * @param timeoutSeconds kill Cassandra if it has not exited this long after SIGTERM (default 120)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StopRequest(Boolean drain, Integer timeoutSeconds) {
    public static final int DEFAULT_TIMEOUT_SECONDS = 120;
    public static final StopRequest DRAIN = new StopRequest(true, null);
}
