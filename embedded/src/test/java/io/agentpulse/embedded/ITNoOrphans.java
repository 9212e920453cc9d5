package io.agentpulse.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A parent JVM that dies by SIGKILL must not leave its broker or database running. */
class ITNoOrphans {
    @TempDir
    Path dir;

    @Test
    void serversStopWhenTheirParentJvmIsKilled() throws Exception {
        Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanProbe.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try {
            List<Long> pids = readPids(parent);
            assertThat(pids).hasSize(2).allMatch(pid -> ProcessHandle.of(pid).isPresent());

            parent.destroyForcibly().waitFor();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(pids).allMatch(pid -> ProcessHandle.of(pid).isEmpty()));
        } finally {
            parent.destroyForcibly();
        }
    }

    private static List<Long> readPids(Process parent) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("PIDS ")) {
                return Arrays.stream(line.substring(5).split(" ")).map(Long::parseLong).toList();
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("The probe JVM ended before starting its servers:\n" + seen);
    }
}
