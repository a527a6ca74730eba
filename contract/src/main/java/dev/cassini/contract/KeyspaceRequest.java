package dev.cassini.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code POST /api/v1/operations/cleanup} and {@code /flush}: one keyspace, or every one when null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyspaceRequest(String keyspace) {
    public static final KeyspaceRequest ALL = new KeyspaceRequest(null);
}
