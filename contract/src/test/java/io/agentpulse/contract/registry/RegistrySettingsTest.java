package io.agentpulse.contract.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentpulse.ops.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import io.agentpulse.embedded.tls.TestCa;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation at start: every bad value is a sentence naming the variable, and no secret is repeated. */
class RegistrySettingsTest {
    private static final String HTTPS = "https://psrc-abc12.eu-central-1.aws.confluent.cloud";

    @TempDir
    Path dir;

    @Test
    void userInfoBecomesBasicAuthAndThePasswordMayHoldColons() {
        RegistrySettings s = RegistrySettings.fromEnv(Map.of(RegistrySettings.URL, HTTPS + "/",
                RegistrySettings.USER_INFO, "KEY123:se:cret"));

        assertThat(s.url()).isEqualTo(HTTPS);
        assertThat(s.authorization()).contains("Basic "
                + Base64.getEncoder().encodeToString("KEY123:se:cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(s.toString()).contains("basicAuth=set").doesNotContain("KEY123").doesNotContain("se:cret");
    }

    @Test
    void nothingSetIsThePlainDefault() {
        RegistrySettings s = RegistrySettings.fromEnv(Map.of(RegistrySettings.USER_INFO, "  "));

        assertThat(s.url()).isEqualTo(RegistrySettings.DEFAULT_URL);
        assertThat(s.basicAuth()).isFalse();
        assertThat(s.tls()).isEmpty();
    }

    @Test
    void userInfoWithoutAColonFailsWithoutEchoingIt() {
        assertThatThrownBy(() -> RegistrySettings.fromEnv(Map.of(RegistrySettings.USER_INFO, "justasecretkey")))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.variable()).isEqualTo(RegistrySettings.USER_INFO))
                .hasMessage("AGENTPULSE_REGISTRY_BASIC_AUTH_USER_INFO must be user:password (Confluent's basic.auth.user.info),"
                        + " but the value set has no colon; the value is not shown because it holds a password.");
        assertThatThrownBy(() -> RegistrySettings.fromEnv(Map.of(RegistrySettings.USER_INFO, ":pw")))
                .hasMessageContaining("has no user before the colon").message().doesNotContain("pw\"");
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> RegistrySettings.fromEnv(Map.of(RegistrySettings.URL, "https://key:hunter2@reg.example:443")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("put them in AGENTPULSE_REGISTRY_BASIC_AUTH_USER_INFO")
                .message().doesNotContain("hunter2");
    }

    @Test
    void aBadUrlNamesTheSetting() {
        assertThatThrownBy(() -> RegistrySettings.fromEnv(Map.of(RegistrySettings.URL, "reg.example:8081")))
                .hasMessage("AGENTPULSE_REGISTRY_URL is set to \"reg.example:8081\", which is not valid;"
                        + " expected http://host:port or https://host:port.");
    }

    @Test
    void theCaFileMustBeReadableHoldCertificatesAndGoWithHttps() throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> RegistrySettings.fromEnv(Map.of(RegistrySettings.URL, HTTPS, RegistrySettings.CA_FILE, missing.toString())))
                .hasMessageStartingWith("AGENTPULSE_REGISTRY_CA_FILE names \"" + missing + "\", which cannot be read");

        Path empty = Files.writeString(dir.resolve("empty.pem"), "# no certificate here\n");
        assertThatThrownBy(() -> RegistrySettings.fromEnv(Map.of(RegistrySettings.URL, HTTPS, RegistrySettings.CA_FILE, empty.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AGENTPULSE_REGISTRY_CA_FILE names \"" + empty + "\"");

        Path ca = TestCa.create(dir, "settings").caFile();
        assertThatThrownBy(() -> RegistrySettings.fromEnv(Map.of(RegistrySettings.URL, "http://reg:8081", RegistrySettings.CA_FILE, ca.toString())))
                .hasMessageContaining("AGENTPULSE_REGISTRY_URL is http://reg:8081, which is not https");
        assertThat(RegistrySettings.fromEnv(Map.of(RegistrySettings.URL, HTTPS, RegistrySettings.CA_FILE, ca.toString())).tls()).isPresent();
    }
}
