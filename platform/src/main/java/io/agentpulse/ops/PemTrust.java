package io.agentpulse.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS client context that trusts exactly the certificates of a PEM file (a private CA, or
 * Confluent Platform's own), the way operators hand out CAs; no JKS/PKCS12 store to convert to.
 * One copy for both of its users: the schema registry client (contract's RegistrySettings, AGENTPULSE_REGISTRY_CA_FILE)
 * and the PostgreSQL TLS probe ({@link PgTlsProbe}, sslrootcert of AGENTPULSE_DB_URL).
 */
public final class PemTrust {
    private PemTrust() {}

    /** The context, or a ConfigException naming {@code variable} when the file is unreadable or holds no certificate. */
    public static SSLContext context(String variable, Path pemFile) {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(pemFile)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new ConfigException(variable, variable + " names \"" + pemFile + "\", which cannot be read (" + e
                    + "); expected a PEM file of CA certificates.");
        } catch (GeneralSecurityException e) {
            throw new ConfigException(variable, variable + " names \"" + pemFile + "\", which is not a valid PEM certificate file ("
                    + e.getMessage() + ").");
        }
        if (certs.isEmpty()) {
            throw new ConfigException(variable, variable + " names \"" + pemFile
                    + "\", which holds no certificate; expected a PEM file with at least one BEGIN CERTIFICATE block.");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("The JVM cannot build a TLS context: " + e, e);
        }
    }
}
