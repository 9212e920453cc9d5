package io.agentpulse.schemas.registry;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made at test time, as a production registry has one: the client trusts
 * the CA's PEM file, the server presents a certificate the CA signed for 127.0.0.1. Keys live only
 * in the test's temporary folder, never in git.
 */
final class TestCa {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private final X500Name name;
    private final KeyPair keys;
    /** The CA certificate as a PEM file: what {@code AGENTPULSE_REGISTRY_CA_FILE} names. */
    final Path caFile;

    TestCa(Path dir, String cn) throws Exception {
        name = new X500Name("CN=" + cn);
        keys = rsa();
        X509Certificate ca = sign(name, keys.getPublic(), true);
        caFile = dir.resolve(cn + "-ca.pem");
        Files.writeString(caFile, pem("CERTIFICATE", ca.getEncoded()), StandardCharsets.US_ASCII);
    }

    /** A server certificate for 127.0.0.1 and localhost signed by this CA: {certFile, keyFile}. */
    Path[] issueServer(Path dir) throws Exception {
        KeyPair server = rsa();
        X509Certificate cert = sign(new X500Name("CN=registry"), server.getPublic(), false);
        Path certFile = dir.resolve("registry.crt");
        Path keyFile = dir.resolve("registry.key");
        Files.writeString(certFile, pem("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(keyFile, pem("PRIVATE KEY", server.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        return new Path[] {certFile, keyFile};
    }

    private X509Certificate sign(X500Name subject, java.security.PublicKey key, boolean isCa) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), subject, key);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (!isCa) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        }
        PrivateKey signer = keys.getPrivate();
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer)));
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        return gen.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
