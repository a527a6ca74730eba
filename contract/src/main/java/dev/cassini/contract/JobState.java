package dev.cassini.contract;

/** Where an agent job stands. */
public enum JobState {
    RUNNING,
    SUCCEEDED,
    FAILED
}
