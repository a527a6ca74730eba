package dev.cassini.api.v1alpha1;

/** How many of a task's nodes at once: one (the default), or every node of one rack. */
public enum TaskConcurrency {
    OneAtATime,
    PerRack
}
