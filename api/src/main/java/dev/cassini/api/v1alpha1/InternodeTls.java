package dev.cassini.api.v1alpha1;

/** Encryption between nodes; a running cluster gets there through the operator's intermediate steps. */
public enum InternodeTls {
    None,
    Required
}
