package io.agentpulse.embedded.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made at run time, as a production PostgreSQL, Kafka or registry has one:
 * clients trust the CA's PEM file (or its PKCS12 trust store), a server presents a certificate the
 * CA signed for 127.0.0.1 and localhost. Keys live only in the caller's (temporary) folder, never
 * in git. One CA per test; a second CA is how a test shows that a wrong trust anchor is refused.
 * Certificates are valid from 5 minutes ago for one day (clock skew between processes is small here).
 */
public final class TestCa {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private final X500Name name;
    private final KeyPair keys;
    private final X509Certificate certificate;
    private final Path caFile;

    private TestCa(Path dir, String cn) throws GeneralSecurityException, IOException {
        name = new X500Name("CN=" + cn);
        keys = rsa();
        certificate = sign(name, keys.getPublic(), null);
        caFile = dir.resolve(cn + "-ca.pem");
        Files.writeString(caFile, pem("CERTIFICATE", certificate.getEncoded()), StandardCharsets.US_ASCII);
    }

    /** A new CA named {@code cn}; its certificate is written to {@code dir/<cn>-ca.pem}. */
    public static TestCa create(Path dir, String cn) {
        try {
            return new TestCa(dir, cn);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Could not create the test certificate authority " + cn + " in " + dir + ".", e);
        }
    }

    /** The CA certificate as a PEM file (what a client's CA-file setting names, e.g. PostgreSQL's sslrootcert). */
    public Path caFile() {
        return caFile;
    }

    /** The CA certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * A server certificate for 127.0.0.1 and localhost signed by this CA, written as
     * {@code dir/<cn>.crt} and an unencrypted PKCS#8 {@code dir/<cn>.key} (PEM).
     */
    public Issued issueServer(Path dir, String cn) {
        return issue(dir, cn, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
    }

    /** As {@link #issueServer(Path, String)} but for {@code dnsName} only: how a test shows a host name check. */
    public Issued issueServer(Path dir, String cn, String dnsName) {
        return issue(dir, cn, new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
    }

    private Issued issue(Path dir, String cn, GeneralNames names) {
        try {
            KeyPair server = rsa();
            X509Certificate cert = sign(new X500Name("CN=" + cn), server.getPublic(), names);
            Path certFile = dir.resolve(cn + ".crt");
            Path keyFile = dir.resolve(cn + ".key");
            Files.writeString(certFile, pem("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(keyFile, pem("PRIVATE KEY", server.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            return new Issued(cert, server, certificate, certFile, keyFile);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Could not issue a test server certificate for " + cn + ".", e);
        }
    }

    /** A PKCS12 trust store holding only this CA (what Kafka's ssl.truststore.location names). */
    public Path trustStore(Path file, String password) {
        return store(file, password, ks -> ks.setCertificateEntry("ca", certificate));
    }

    /** A client SSL context that trusts this CA only. */
    public SSLContext clientContext() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("ca", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Could not build an SSL context trusting " + name + ".", e);
        }
    }

    /** A server certificate with its key and the CA that signed it. */
    public record Issued(X509Certificate certificate, KeyPair keys, X509Certificate ca, Path certFile, Path keyFile) {
        /** A PKCS12 key store with this key and its chain (what Kafka's ssl.keystore.location names). */
        public Path keyStore(Path file, String password) {
            return store(file, password, ks -> ks.setKeyEntry("server", keys.getPrivate(), password.toCharArray(),
                    new Certificate[] {certificate, ca}));
        }
    }

    private interface Fill {
        void into(KeyStore ks) throws GeneralSecurityException;
    }

    private static Path store(Path file, String password, Fill fill) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            fill.into(ks);
            try (OutputStream out = Files.newOutputStream(file)) {
                ks.store(out, password.toCharArray());
            }
            return file;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Could not write the key store " + file + ".", e);
        }
    }

    /** {@code names} null: a CA certificate; else a server certificate for those subject alternative names. */
    private X509Certificate sign(X500Name subject, PublicKey key, GeneralNames names) throws GeneralSecurityException, CertIOException {
        boolean isCa = names == null;
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), subject, key);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (!isCa) {
            b.addExtension(Extension.subjectAlternativeName, false, names);
        }
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("No SHA256withRSA signer.", e);
        }
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        return gen.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
