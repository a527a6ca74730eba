package dev.cassini.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code POST /api/v1/operations/rebuild}: stream this node's ranges from another datacenter. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RebuildRequest(String sourceDatacenter, String keyspace) {}
