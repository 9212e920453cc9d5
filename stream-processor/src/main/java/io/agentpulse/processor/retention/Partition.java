package io.agentpulse.processor.retention;

import java.time.Instant;

/** One time partition (or chunk) of a timed table: rows with time in [from, to). */
public record Partition(String table, String name, Instant from, Instant to) {}
