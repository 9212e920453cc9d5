package io.agentpulse.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentpulse.ops.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayDbConfigTest {
    @Test
    void readsTheQueryApisVariablesAndNeverPrintsThePassword() {
        GatewayDbConfig db = GatewayDbConfig.fromEnv(Map.of(
                "AGENTPULSE_DB_URL", "jdbc:postgresql://pg.internal:6543/pulse?user=u1&password=from-url",
                "AGENTPULSE_DB_PASSWORD", "hunter22hunter22"));
        assertThat(db).isEqualTo(new GatewayDbConfig("pg.internal", 6543, "pulse", "u1", "hunter22hunter22", 2,
                io.agentpulse.ops.PgTls.NONE));
        assertThat(db.toString()).doesNotContain("hunter22");
        assertThat(GatewayDbConfig.fromEnv(Map.of()).port()).isEqualTo(5432);
        assertThatThrownBy(() -> GatewayDbConfig.fromEnv(Map.of("AGENTPULSE_DB_URL", "postgres://x:secret@h/db")))
                .isInstanceOf(ConfigException.class).hasMessageEndingWith("jdbc:postgresql://host:port/database.")
                .message().doesNotContain("secret");
    }
}
