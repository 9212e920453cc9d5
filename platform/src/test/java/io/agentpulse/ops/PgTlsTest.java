package io.agentpulse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgTlsTest {
    @Test
    void aUrlWithoutParametersMeansNoTls() {
        PgConnectOptions o = PgTls.fromJdbcUrl("jdbc:postgresql://db:5432/agentpulse").apply(new PgConnectOptions());
        assertThat(o.getSslMode()).isEqualTo(SslMode.DISABLE);
    }

    @Test
    void verifyFullTrustsTheGivenCaAndChecksTheHostName(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        PgConnectOptions o = PgTls.fromJdbcUrl("jdbc:postgresql://db:5432/agentpulse?user=a&sslmode=verify-full&sslrootcert="
                + ca).apply(new PgConnectOptions());
        assertThat(o.getSslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(o.getSslOptions().getHostnameVerificationAlgorithm()).isEqualTo("HTTPS");
        assertThat(o.getSslOptions().isTrustAll()).isFalse();
        assertThat(o.getSslOptions().getTrustOptions()).isNotNull();
    }

    @Test
    void requireEncryptsWithoutVerifyingLikeLibpq() {
        PgConnectOptions o = PgTls.fromJdbcUrl("jdbc:postgresql://db/agentpulse?sslmode=require").apply(new PgConnectOptions());
        assertThat(o.getSslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(o.getSslOptions().isTrustAll()).isTrue();
    }

    @Test
    void aWrongModeOrAMissingCaIsAFullSentence() {
        assertThatThrownBy(() -> PgTls.fromJdbcUrl("jdbc:postgresql://db/agentpulse?sslmode=on"))
                .hasMessage("The sslmode of AGENTPULSE_DB_URL must be one of disable, allow, prefer, require, verify-ca,"
                        + " verify-full, not 'on'.");
        assertThatThrownBy(() -> PgTls.fromJdbcUrl("jdbc:postgresql://db/agentpulse?sslmode=verify-ca&sslrootcert=/nope.pem"))
                .hasMessageContaining("not a readable file");
    }
}
