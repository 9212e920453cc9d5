package io.agentpulse.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.sql.SQLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The errors as pgjdbc and the JDK raise them (the IT ITPostgresTls raises them for real). */
class PgTlsFailureTest {
    @Test
    void aCertificateFromAnotherCaNamesSslrootcert() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
        handshake.initCause(new CertificateException("validator", new CertPathBuilderException(
                "unable to find valid certification path to requested target")));
        ConfigException e = PgTlsFailure.explain(new SQLException("SSL error: PKIX path building failed", "08006",
                handshake)).orElseThrow();
        assertThat(e.variable()).isEqualTo("AGENTPULSE_DB_URL");
        assertThat(e.getMessage()).startsWith("PostgreSQL's certificate was not signed by the certificate authority in the"
                + " sslrootcert parameter of AGENTPULSE_DB_URL").endsWith("(unable to find valid certification path to requested target).");
        assertThat(e.getCause()).isInstanceOf(SQLException.class);
    }

    @Test
    void aCertificateForAnotherHostNamesTheHost() {
        assertThat(PgTlsFailure.explain(new SQLException("The hostname 127.0.0.1 could not be verified by hostnameverifier"
                + " PgjdbcHostnameVerifier."))).get().extracting(Throwable::getMessage).asString()
                .startsWith("PostgreSQL's certificate does not name the host in AGENTPULSE_DB_URL");
        assertThat(PgTlsFailure.explain(new SSLHandshakeException("x").initCause(new CertificateException(
                "No subject alternative names matching IP address 127.0.0.1 found")))).get()
                .extracting(Throwable::getMessage).asString().contains("sslmode=verify-full");
    }

    @Test
    void aServerThatIsDownIsNotATlsProblem() {
        assertThat(PgTlsFailure.explain(new SQLException("Connection refused", "08001", new ConnectException("refused")))).isEmpty();
        assertThat(PgTlsFailure.explain(new IOException("closed"))).isEmpty();
    }
}
