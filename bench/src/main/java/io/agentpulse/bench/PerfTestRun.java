package io.agentpulse.bench;

import io.agentpulse.ops.KafkaClients;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own producer benchmark (org.apache.kafka.tools.ProducerPerformance, the class behind
 * kafka-producer-perf-test.sh, from the same kafka-tools jar version as the broker) in a child
 * JVM on this JVM's classpath, with the producer settings our Avro producers use. Its final line
 * "N records sent, X records/sec (...)" gives the yardstick.
 */
final class PerfTestRun {
    private static final Pattern RATE = Pattern.compile("records sent, ([0-9.]+) records/sec");

    private PerfTestRun() {}

    static double run(String bootstrap, Properties producer, long records, int recordSize) throws Exception {
        // The embedded broker does not auto-create topics; 3 partitions like agentpulse.events.
        try (Admin admin = KafkaClients.plaintext(bootstrap).admin()) { // the embedded broker of the bench
            admin.createTopics(List.of(new NewTopic("bench.perf", 3, (short) 1))).all().get();
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance",
                "--topic", "bench.perf", "--num-records", Long.toString(records), "--record-size", Integer.toString(recordSize),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap));
        for (String k : producer.stringPropertyNames()) {
            if (!k.equals("bootstrap.servers")) {
                cmd.add(k + "=" + producer.getProperty(k));
            }
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String last = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                Matcher m = RATE.matcher(line);
                if (m.find()) {
                    last = m.group(1);
                }
                System.out.println("[perf-test] " + line);
            }
        }
        if (p.waitFor() != 0 || last == null) {
            throw new IllegalStateException("ProducerPerformance failed (exit " + p.exitValue() + ").");
        }
        return Double.parseDouble(last);
    }

    /** Producer settings as strings (the tool takes key=value pairs). */
    static Properties strings(Properties in) {
        Properties out = new Properties();
        in.forEach((k, v) -> out.setProperty(k.toString(), v.toString()));
        return out;
    }
}
