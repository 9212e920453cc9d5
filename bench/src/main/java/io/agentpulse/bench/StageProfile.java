package io.agentpulse.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The processor's CPU by stage, from JFR execution samples (every 10 ms per running thread) of the
 * stream threads and the sink thread: each sample is charged to the first stage rule any frame of its
 * stack matches, in the order below (so serialization inside a send is "encode", not "produce").
 */
final class StageProfile implements AutoCloseable {
    /** stage -> frame fragments (class simple name + '.' + method), first match wins. */
    private static final Map<String, List<String>> RULES = new LinkedHashMap<>();

    static {
        RULES.put("alert evaluation", List.of("AlertProcessor."));
        RULES.put("encode (rollup + sketch + Avro out)", List.of("Rollup.of", "SketchCodec.encode", "AvroSerializer.", "Aggregate.encodeTo"));
        RULES.put("decode (Avro in)", List.of("AvroDeserializer.", "Aggregate.decodeFrom", "WindowKey.decodeFrom"));
        RULES.put("dedup (RocksDB window store)", List.of("MeteredWindowStore.", "RocksDBSegmentedBytesStore.", "InMemoryWindowStore."));
        RULES.put("window update (one per event)", List.of("OpenWindows.add", "Aggregate.add"));
        RULES.put("merge (groups, minutes, coarser windows)", List.of("OpenWindows.emit", "RollupProcessor.", "MinuteWindows.", "WindowStores."));
        RULES.put("produce (records to topics)", List.of("RecordCollectorImpl.send", "KafkaProducer.send"));
        RULES.put("commit (transactions, changelog flush)", List.of("TaskManager.commit", "StreamsProducer.commit", "CommitHookStore.flushCache"));
        RULES.put("poll (fetch input)", List.of("KafkaConsumer.poll", "ClassicKafkaConsumer.poll", "AsyncKafkaConsumer.poll"));
    }

    private final Recording recording = new Recording();

    StageProfile() {
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
        // RocksDB runs in JNI: its time is in native samples (which also hold idle socket waits, so
        // only the ones under a state store are counted)
        recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(10));
        recording.start();
    }

    /** Samples per stage (stream threads), plus "sink (decode + PostgreSQL)" for the sink thread. */
    Map<String, Long> stop() throws Exception {
        recording.stop();
        Path file = Files.createTempFile("agentpulse-stages", ".jfr");
        recording.dump(file);
        Map<String, Long> out = new TreeMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            boolean nativeSample = e.getEventType().getName().equals("jdk.NativeMethodSample");
            if (!(nativeSample || e.getEventType().getName().equals("jdk.ExecutionSample")) || e.getStackTrace() == null) {
                continue;
            }
            String thread = e.getThread("sampledThread") == null ? "" : e.getThread("sampledThread").getJavaName();
            String stage = thread.contains("agentpulse-sink") ? "sink (decode + PostgreSQL writes)"
                    : thread.contains("StreamThread") ? classify(e.getStackTrace().getFrames()) : null;
            if (nativeSample && (stage == null || !stage.startsWith("dedup") && !stage.startsWith("merge"))) {
                continue;
            }
            if (stage != null) {
                out.merge(stage, 1L, Long::sum);
            }
        }
        Files.deleteIfExists(file);
        return out;
    }

    private static String classify(List<RecordedFrame> frames) {
        for (Map.Entry<String, List<String>> rule : RULES.entrySet()) {
            for (RecordedFrame f : frames) {
                String name = f.getMethod().getType().getName();
                String m = name.substring(name.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
                for (String fragment : rule.getValue()) {
                    if (m.startsWith(fragment)) {
                        return rule.getKey();
                    }
                }
            }
        }
        return "other (Streams runtime, state store puts, GC safepoints)";
    }

    @Override
    public void close() {
        recording.close();
    }
}
