package io.agentpulse.ops;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Tells a first PostgreSQL connection that failed on TLS from one that failed because the server is down.
 * A server that is down may come up (services retry or report not-ready); a certificate that the
 * configured CA did not sign, or that does not name the host, never will: that is a setting to fix, so
 * it stops the start with a sentence naming it. Reads the causes of pgjdbc's and vertx-pg-client's errors.
 */
public final class PgTlsFailure {
    /** Where the TLS settings live: the sslmode and sslrootcert parameters of this URL. */
    public static final String VARIABLE = "AGENTPULSE_DB_URL";

    private PgTlsFailure() {
    }

    /** A ConfigException naming the setting (caused by {@code error}) when that is a TLS failure; else empty. */
    public static Optional<ConfigException> explain(Throwable error) {
        Optional<ConfigException> sentence = sentence(error);
        sentence.ifPresent(e -> e.initCause(error));
        return sentence;
    }

    private static Optional<ConfigException> sentence(Throwable error) {
        String reason = null;
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("could not be verified by hostnameverifier")
                    || t instanceof CertificateException && (m.startsWith("No subject alternative") || m.startsWith("No name matching"))) {
                return Optional.of(new ConfigException(VARIABLE, "PostgreSQL's certificate does not name the host in "
                        + VARIABLE + ", and sslmode=verify-full requires it to: connect by a name the certificate lists,"
                        + " or give the server a certificate for this host (" + m + ")."));
            }
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
                return Optional.of(new ConfigException(VARIABLE, "PostgreSQL's certificate was not signed by the"
                        + " certificate authority in the sslrootcert parameter of " + VARIABLE + ", so the connection was"
                        + " refused: set sslrootcert to the PEM file of the CA that issued the server's certificate ("
                        + m + ")."));
            }
            // vertx-pg-client: "SSL handshake failed" (no cause), "Postgres Server does not handle SSL connection"
            if (t instanceof SSLException || m.contains("does not support SSL") || m.contains("SSL handshake failed")
                    || m.contains("does not handle SSL")) {
                reason = m;
            }
        }
        return Optional.ofNullable(reason).map(m -> new ConfigException(VARIABLE, "The TLS handshake with PostgreSQL"
                + " failed under the sslmode and sslrootcert parameters of " + VARIABLE + " (" + m + ")."));
    }
}
