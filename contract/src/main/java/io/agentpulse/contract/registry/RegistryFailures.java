package io.agentpulse.contract.registry;

import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * The sentences for the two ways a production registry turns a client away before any schema is
 * looked at: credentials (401/403) and TLS trust. Each names the setting to fix, because the
 * operator reading a start-up failure should not have to know our code; none carries a secret.
 */
final class RegistryFailures {
    private RegistryFailures() {}

    static SchemaRegistryException denied(String baseUrl, String request, int status, boolean sentCredentials) {
        String what;
        if (status == 403) {
            what = "accepted the credentials of " + RegistrySettings.USER_INFO + " but refused " + request
                    + " (HTTP 403); give that user access to the subject, or use another user.";
        } else if (sentCredentials) {
            what = "refused the credentials of " + RegistrySettings.USER_INFO + " on " + request
                    + " (HTTP 401); check the user and password set there.";
        } else {
            what = "requires authentication on " + request + " (HTTP 401); set " + RegistrySettings.USER_INFO
                    + " to user:password (for Confluent Cloud, the API key and secret of the registry).";
        }
        int code = status == 403 ? SchemaRegistryException.FORBIDDEN : SchemaRegistryException.UNAUTHORIZED;
        return new SchemaRegistryException(code, "Schema registry at " + baseUrl + " " + what);
    }

    /** A failure to trust the registry's certificate as a sentence, or null when {@code e} is no TLS failure. */
    static SchemaRegistryException untrusted(String baseUrl, String request, Throwable e, Optional<Path> caFile) {
        Throwable t = e;
        while (t != null && !(t instanceof SSLException)) {
            t = t.getCause();
        }
        if (t == null) {
            return null;
        }
        String fix = caFile.map(f -> "its certificate is not signed by a CA in " + RegistrySettings.CA_FILE + " (" + f
                        + ") or does not name this host; set that file to the CA that signed the registry's certificate.")
                .orElse("its certificate is not trusted by the JVM; set " + RegistrySettings.CA_FILE
                        + " to a PEM file of the CA that signed it.");
        return new SchemaRegistryException(SchemaRegistryException.UNTRUSTED, "Schema registry at " + baseUrl
                + " failed the TLS handshake on " + request + ": " + fix + " (" + t.getMessage() + ")", e);
    }
}
