package io.agentpulse.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentpulse.ops.ConfigException;
import io.agentpulse.ops.Settings;
import io.agentpulse.contract.Granularity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryConfigTest {
    @Test
    void defaults() {
        QueryConfig c = QueryConfig.fromEnv(Map.of());
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.dbHost()).isEqualTo("localhost");
        assertThat(c.dbPort()).isEqualTo(5432);
        assertThat(c.dbName()).isEqualTo("agentpulse");
        assertThat(c.filledGranularities()).containsExactly(Granularity.MINUTE);
        assertThat(c.sse().heartbeatMs()).isEqualTo(15_000);
    }

    @Test
    void readsJdbcUrlsAndOverrides() {
        QueryConfig c = QueryConfig.fromEnv(Map.of(
                "AGENTPULSE_DB_URL", "jdbc:postgresql://db.example:6543/pulse?user=u1&password=p1",
                "AGENTPULSE_QUERY_PORT", "9090",
                "AGENTPULSE_QUERY_FILLED_TABLES", "1m,1h,1d",
                "AGENTPULSE_SSE_HEARTBEAT_MS", "50"));
        assertThat(c.dbHost()).isEqualTo("db.example");
        assertThat(c.dbPort()).isEqualTo(6543);
        assertThat(c.dbName()).isEqualTo("pulse");
        assertThat(c.dbUser()).isEqualTo("u1");
        assertThat(c.dbPassword()).isEqualTo("p1");
        assertThat(c.toString()).contains("dbPassword=(hidden)", "dbUser=u1").doesNotContain("=p1,", "=p1]");
        assertThat(c.port()).isEqualTo(9090);
        assertThat(c.filledGranularities()).contains(Granularity.HOUR, Granularity.DAY);
        assertThat(c.sse().heartbeatMs()).isEqualTo(50);
        assertThat(QueryConfig.fromEnv(Map.of("AGENTPULSE_DB_URL", "jdbc:postgresql://h/d", "AGENTPULSE_DB_USER", "x"))
                .dbUser()).isEqualTo("x");
    }

    @Test
    void badValuesGiveFullSentences() {
        assertThatThrownBy(() -> QueryConfig.fromEnv(Map.of("AGENTPULSE_QUERY_PORT", "http")))
                .isInstanceOf(io.agentpulse.ops.ConfigException.class).hasMessageContaining("AGENTPULSE_QUERY_PORT")
                .hasMessageContaining("http");
        assertThatThrownBy(() -> QueryConfig.fromEnv(Map.of("AGENTPULSE_DB_URL", "postgres://x")))
                .hasMessageContaining("AGENTPULSE_DB_URL").hasMessageContaining("jdbc:postgresql://host:port/database");
        assertThatThrownBy(() -> QueryConfig.fromEnv(Map.of("AGENTPULSE_QUERY_FILLED_TABLES", "1y")))
                .hasMessageContaining("AGENTPULSE_QUERY_FILLED_TABLES").hasMessageContaining("1m, 5m, 1h, 1d, 1w and 4w");
        assertThatThrownBy(() -> QueryConfig.fromEnv(Map.of("AGENTPULSE_REGISTRY_BASIC_AUTH_USER_INFO", "nocolonsecret")))
                .hasMessageStartingWith("AGENTPULSE_REGISTRY_BASIC_AUTH_USER_INFO must be user:password")
                .message().doesNotContain("nocolonsecret");
    }

    @Test
    void securitySettingsHaveDefaultsAndFullSentenceErrors() {
        var auth = QueryConfig.fromEnv(Map.of()).auth();
        assertThat(auth.keyCache()).hasSeconds(2);
        assertThat(auth.sessionIdle()).hasHours(8);
        assertThat(auth.sessionAbsolute()).hasHours(24);
        assertThat(auth.tls()).isFalse();
        assertThat(auth.adminPassword()).isNull();
        assertThat(QueryConfig.fromEnv(Map.of("AGENTPULSE_ADMIN_PASSWORD", "a-long-enough-one")).auth().toString())
                .doesNotContain("a-long-enough-one");
        assertThatThrownBy(() -> QueryConfig.fromEnv(Map.of("AGENTPULSE_ADMIN_PASSWORD", "short")))
                .hasMessageContaining("AGENTPULSE_ADMIN_PASSWORD").hasMessageContaining("at least 12").hasMessageEndingWith(".");
        assertThatThrownBy(() -> QueryConfig.fromEnv(Map.of("AGENTPULSE_TLS_CERT_FILE", "/nonexistent.pem")))
                .hasMessageContaining("AGENTPULSE_TLS_KEY_FILE").hasMessageEndingWith(".");
        assertThatThrownBy(() -> QueryConfig.fromEnv(Map.of("AGENTPULSE_SESSION_IDLE", "2d")))
                .hasMessageContaining("AGENTPULSE_SESSION_ABSOLUTE").hasMessageEndingWith(".");
        assertThatThrownBy(() -> QueryConfig.fromEnv(Map.of("AGENTPULSE_ALLOWED_ORIGINS", "https://ok.example/path")))
                .hasMessageContaining("AGENTPULSE_ALLOWED_ORIGINS").hasMessageEndingWith(".");
        assertThatThrownBy(() -> QueryConfig.fromEnv(Map.of("AGENTPULSE_KEY_CACHE_SECONDS", "-1")))
                .hasMessageContaining("AGENTPULSE_KEY_CACHE_SECONDS");
    }

    /** QueryMain builds its config from Settings.process(): the dashboard thresholds come from the file too. */
    @Test
    void dashboardThresholdsComeFromTheConfigFileToo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("agentpulse.env");
        Files.writeString(file, "AGENTPULSE_HEALTH_ERROR_RED=0.3\nAGENTPULSE_AGENT_KNOWN_DAYS=2\n");

        QueryConfig c = QueryConfig.fromEnv(Settings.load(Map.of(Settings.CONFIG_FILE, file.toString())));

        assertThat(c.dashboard().errorRed()).isEqualTo(0.3);
        assertThat(c.dashboard().knownMs()).isEqualTo(2 * 86_400_000L);
        assertThatThrownBy(() -> QueryConfig.fromEnv(Map.of("AGENTPULSE_HEALTH_ERROR_RED", "2")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("AGENTPULSE_HEALTH_ERROR_RED is set to \"2\"");
    }
}
