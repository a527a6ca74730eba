package dev.cassini.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code POST /api/v1/operations/rebuild}: stream this node's ranges from another datacenter. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RebuildRequest(String sourceDatacenter, String keyspace) {
    /** The rebuild job's figures ({@link JobView#figures()}): bytes this node received by streaming since it started. */
    public static final String RECEIVED_BYTES = "receivedBytes";
    /** Bytes the source nodes announced they would send, as far as known (at least what was received). */
    public static final String TOTAL_BYTES = "totalBytes";
}
