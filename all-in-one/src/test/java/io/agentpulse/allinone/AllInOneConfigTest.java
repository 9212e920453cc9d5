package io.agentpulse.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.schemas.registry.RegistrySettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AllInOneConfigTest {
    @Test
    void servicesGetTheEmbeddedRegistryWithoutCredentialsMeantForAnExternalOne() {
        AllInOneConfig config = AllInOneConfig.fromEnv(Map.of(RegistrySettings.URL, "https://reg.example",
                RegistrySettings.USER_INFO, "key:secret", RegistrySettings.CA_FILE, "/etc/ca.pem"));

        Map<String, String> env = config.serviceEnv("127.0.0.1:9092", "http://127.0.0.1:8081", "jdbc:postgresql://h/db", "u", "p");

        RegistrySettings registry = RegistrySettings.fromEnv(env);
        assertThat(registry.url()).isEqualTo("http://127.0.0.1:8081");
        assertThat(registry.basicAuth()).isFalse();
        assertThat(registry.caFile()).isEmpty();
    }
}
