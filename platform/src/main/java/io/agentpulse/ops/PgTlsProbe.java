package io.agentpulse.ops;

import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Repeats a failed TLS handshake with the JDK alone, to learn why it failed: vertx-pg-client reports every
 * failed handshake as "SSL handshake failed" without a cause, so a CA that did not sign the server's
 * certificate and a certificate for another host would read the same. The probe asks as the client does
 * (PostgreSQL's SSLRequest, then the JDK's TLS as Netty's default engine does, trusting sslrootcert or the
 * JVM's trust store, the host name checked under verify-full) and returns the JDK's exception.
 */
final class PgTlsProbe {
    /** PostgreSQL's SSLRequest code (protocol 1234.5679). */
    private static final int SSL_REQUEST = 80877103;

    private PgTlsProbe() {
    }

    /** The handshake's failure, or null when it succeeds (then TLS was not what failed). */
    static Exception handshake(PgTls tls, String host, int port, int timeoutMs) {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), timeoutMs);
            plain.setSoTimeout(timeoutMs);
            DataOutputStream out = new DataOutputStream(plain.getOutputStream());
            out.writeInt(8);
            out.writeInt(SSL_REQUEST);
            out.flush();
            int answer = plain.getInputStream().read();
            if (answer != 'S') {
                return new SSLException("The server does not support SSL: it answered the SSLRequest with " + answer + ".");
            }
            try (SSLSocket ssl = (SSLSocket) context(tls).getSocketFactory().createSocket(plain, host, port, true)) {
                if ("verify-full".equals(tls.mode())) {
                    SSLParameters p = ssl.getSSLParameters();
                    p.setEndpointIdentificationAlgorithm("HTTPS");
                    ssl.setSSLParameters(p);
                }
                ssl.startHandshake();
                return null;
            }
        } catch (IOException | GeneralSecurityException e) {
            return e;
        }
    }

    private static SSLContext context(PgTls tls) throws GeneralSecurityException {
        return tls.rootCert() == null ? SSLContext.getDefault() : PemTrust.context(PgTlsFailure.VARIABLE, tls.rootCert());
    }
}
