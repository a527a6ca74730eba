package dev.cassini.store;

import java.time.Instant;

/** One object as a listing shows it. */
public record StoredObject(String key, long size, Instant lastModified) {}
