package io.agentpulse.processor.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Timed tables in memory, sliced like the SQL schema (agent_events and rollup_1m by day, rollup_1h
 * by month (rollup_5m too), rollup_1d by year (rollup_1w and rollup_4w too)); rows outside every slice sit in the table's "default partition".
 * For tests of the retention job and the store contract.
 */
final class InMemoryPartitionStore implements PartitionStore {
    private final List<Partition> partitions = new ArrayList<>();
    private final Map<String, List<Instant>> rows = new HashMap<>();
    final Map<String, Optional<Duration>> policies = new HashMap<>();
    private final String mode;

    public InMemoryPartitionStore() {
        this("partitioned");
    }

    /** mode "timescaledb" makes the job set policies instead of dropping. */
    public InMemoryPartitionStore(String mode) {
        this.mode = mode;
    }

    /** Creates the slices covering [from, to) for every table (idempotent), like agentpulse_ensure_partitions. */
    public synchronized void ensurePartitions(Instant from, Instant to) {
        for (String table : List.of("agent_events", "rollup_1m", "rollup_5m", "rollup_1h", "rollup_1d", "rollup_1w", "rollup_4w")) {
            LocalDate lo = start(table, from.atOffset(ZoneOffset.UTC).toLocalDate());
            while (lo.atStartOfDay().toInstant(ZoneOffset.UTC).isBefore(to)) {
                LocalDate hi = next(table, lo);
                Partition p = new Partition(table, table + "_" + lo.toString().replace("-", ""),
                        lo.atStartOfDay().toInstant(ZoneOffset.UTC), hi.atStartOfDay().toInstant(ZoneOffset.UTC));
                if (!partitions.contains(p)) {
                    partitions.add(p);
                }
                lo = hi;
            }
        }
    }

    private static LocalDate start(String table, LocalDate d) {
        return switch (table) {
            case "rollup_5m", "rollup_1h" -> d.withDayOfMonth(1);
            case "rollup_1d", "rollup_1w", "rollup_4w" -> d.withDayOfYear(1);
            default -> d;
        };
    }

    private static LocalDate next(String table, LocalDate d) {
        return switch (table) {
            case "rollup_5m", "rollup_1h" -> d.plusMonths(1);
            case "rollup_1d", "rollup_1w", "rollup_4w" -> d.plusYears(1);
            default -> d.plusDays(1);
        };
    }

    public synchronized void addRow(String table, Instant time) {
        rows.computeIfAbsent(table, t -> new ArrayList<>()).add(time);
    }

    public synchronized long rows(String table, Instant from, Instant to) {
        return rows.getOrDefault(table, List.of()).stream().filter(t -> !t.isBefore(from) && t.isBefore(to)).count();
    }

    @Override
    public String mode() {
        return mode;
    }

    @Override
    public synchronized List<Partition> list() {
        return List.copyOf(partitions);
    }

    @Override
    public synchronized void drop(Partition p) {
        if (partitions.remove(p)) {
            rows.getOrDefault(p.table(), new ArrayList<>()).removeIf(t -> !t.isBefore(p.from()) && t.isBefore(p.to()));
        }
    }

    @Override
    public synchronized long deleteDefaultOlderThan(String table, Instant cutoff) {
        List<Instant> list = rows.getOrDefault(table, new ArrayList<>());
        int before = list.size();
        list.removeIf(t -> t.isBefore(cutoff) && partitions.stream().noneMatch(
                p -> p.table().equals(table) && !t.isBefore(p.from()) && t.isBefore(p.to())));
        return before - list.size();
    }

    @Override
    public synchronized void applyPolicy(String table, Optional<Duration> retention) {
        policies.put(table, retention);
    }
}
