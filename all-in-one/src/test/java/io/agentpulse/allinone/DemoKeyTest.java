package io.agentpulse.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.security.keys.ApiKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoKeyTest {
    @TempDir
    Path dir;

    @Test
    void madeOnceOwnerOnlyAndReusedAfterARestart() throws Exception {
        String first = DemoKey.load(dir);
        assertThat(ApiKeys.parse(first)).isNotNull();
        assertThat(DemoKey.load(dir)).isEqualTo(first);
        Path file = dir.resolve(DemoKey.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Files.writeString(file, "damaged");
        assertThat(DemoKey.load(dir)).isNotEqualTo(first).satisfies(t -> assertThat(ApiKeys.parse(t)).isNotNull());
    }
}
