package dev.cassini.contract;

/** Every 4xx and 5xx answer of the agent: what went wrong and what to do about it. */
public record ErrorBody(String error) {}
