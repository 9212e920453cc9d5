package io.agentpulse.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** What a steady run reads off the running all-in-one: consumer lag, thread CPU, the rollups in PostgreSQL. */
public final class SteadyMeter {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SteadyMeter() {}

    /** Events of {@code topic} not yet committed by {@code group} (all partitions). */
    public static long lag(Admin admin, String group, String topic) throws Exception {
        long committed = committed(admin, group, topic); // read first: ends read later are never below it
        return endOffsets(admin, topic) - committed;
    }

    /** Offsets of {@code topic} committed by {@code group}, summed over its partitions (0 where none is committed). */
    public static long committed(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        return committed.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    /** End offsets of {@code topic}, summed over its partitions. */
    static long endOffsets(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        for (var p : admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()) {
            ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
        }
        return admin.listOffsets(ends).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }

    /** Samples the lag every second on a daemon thread until stopped; the samples, in order. */
    public static final class LagSampler implements AutoCloseable {
        final List<Long> samples = new CopyOnWriteArrayList<>();
        private volatile boolean running = true;
        private final Thread thread;

        public LagSampler(Admin admin, String group, String topic) {
            thread = new Thread(() -> {
                while (running) {
                    try {
                        samples.add(lag(admin, group, topic));
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        samples.add(-1L); // unreadable: shown, never taken for zero
                    }
                }
            }, "bench-lag");
            thread.setDaemon(true);
            thread.start();
        }

        /** The largest sample of the last {@code n}. */
        public long maxOfLast(int n) {
            return samples.subList(Math.max(0, samples.size() - n), samples.size()).stream().mapToLong(Long::longValue).max().orElse(-1);
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }

    /** CPU nanoseconds of the live threads whose name contains {@code part} (the stream threads, the sink). */
    static long threadCpu(String part) {
        long sum = 0;
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t != null && t.getThreadName().contains(part)) {
                sum += Math.max(0, THREADS.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    /** CPU nanoseconds per thread group (the name with digits and ids removed), over the live threads. */
    static Map<String, Long> cpuByThreadGroup() {
        Map<String, Long> out = new HashMap<>();
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t != null) {
                String group = t.getThreadName().replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "").replaceAll("[0-9]+", "#");
                out.merge(group, Math.max(0, THREADS.getThreadCpuTime(t.getThreadId())), Long::sum);
            }
        }
        nativeThreads(out);
        return out;
    }

    /**
     * The JVM's and RocksDB's own threads (GC, JIT compilers, RocksDB flush and compaction), which the
     * thread MXBean does not list: user + system ticks from /proc/self/task, named by their comm.
     */
    private static void nativeThreads(Map<String, Long> out) {
        java.nio.file.Path tasks = java.nio.file.Path.of("/proc/self/task");
        try (var dirs = java.nio.file.Files.list(tasks)) {
            for (java.nio.file.Path d : (Iterable<java.nio.file.Path>) dirs::iterator) {
                try {
                    String comm = java.nio.file.Files.readString(d.resolve("comm")).trim();
                    if (!comm.matches("(GC Thread|G1 |C1 Comp|C2 Comp|VM Thread|VM Periodic|rocksdb|Sweeper|Parallel GC|ZGC|Serial).*")) {
                        continue;
                    }
                    String stat = java.nio.file.Files.readString(d.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
                    out.merge("[native] " + comm.replaceAll("[0-9]+", "#"), ticks * 10_000_000L, Long::sum); // 100 Hz
                } catch (java.io.IOException | RuntimeException e) {
                    // a thread that ended between list and read
                }
            }
        } catch (java.io.IOException e) {
            // not Linux: Java threads only
        }
    }

    /** The 1m agent rows of the run's agents: "agent|minuteStart" -> {count, input tokens}. */
    public static Map<String, long[]> agentMinutes(DataSource db, String prefix) throws Exception {
        Map<String, long[]> out = new HashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT agent_id, (extract(epoch FROM window_start) * 1000)::bigint, count, input_tokens FROM rollup_1m "
                        + "WHERE grp = 'agent' AND agent_id LIKE ?")) {
            s.setString(1, prefix + "-%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1) + "|" + rs.getLong(2), new long[] {rs.getLong(3), rs.getLong(4)});
                }
            }
        }
        return out;
    }

    /** How many oracle agent-minutes the database does not hold exactly (0 = equal). */
    public static int mismatches(Map<String, long[]> oracle, Map<String, long[]> db) {
        int bad = 0;
        for (var e : oracle.entrySet()) {
            long[] got = db.get(e.getKey());
            if (got == null || got[0] != e.getValue()[0] || got[1] != e.getValue()[1]) {
                bad++;
            }
        }
        return bad + (int) db.keySet().stream().filter(k -> !oracle.containsKey(k)).count();
    }
}
