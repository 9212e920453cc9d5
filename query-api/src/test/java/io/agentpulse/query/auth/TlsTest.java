package io.agentpulse.query.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.query.QueryApiServer;
import io.agentpulse.query.QueryConfig;
import io.agentpulse.query.TestHttp;
import io.agentpulse.query.sse.InMemoryRollupFeed;
import io.agentpulse.query.store.InMemoryRollupReader;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/** HTTPS from PEM files: the API answers over TLS with HSTS, and the session cookie is Secure. */
class TlsTest {
    @Test
    void pemFilesTurnOnHttpsHstsAndSecureCookies() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
        Vertx vertx = Vertx.vertx();
        QueryConfig cfg = QueryConfig.fromEnv(TestHttp.env(Map.of("AGENTPULSE_TLS_CERT_FILE", cert.certificatePath(),
                "AGENTPULSE_TLS_KEY_FILE", cert.privateKeyPath())));
        QueryApiServer server = QueryApiServer.start(vertx, cfg, new InMemoryRollupReader(), new InMemoryRollupFeed(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC()).await();
        try {
            HttpsURLConnection health = open(server.port(), "/healthz");
            assertThat(health.getResponseCode()).isEqualTo(200);
            assertThat(health.getHeaderField("Strict-Transport-Security")).startsWith("max-age=");
            HttpsURLConnection login = open(server.port(), "/api/v1/auth/login");
            login.setRequestMethod("POST");
            login.setDoOutput(true);
            login.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = login.getOutputStream()) {
                out.write(("{\"username\":\"admin\",\"password\":\"" + TestHttp.ADMIN_PASSWORD + "\"}").getBytes(StandardCharsets.UTF_8));
            }
            assertThat(login.getResponseCode()).isEqualTo(200);
            assertThat(login.getHeaderField("Set-Cookie")).startsWith("ap_session=").contains("Secure").containsIgnoringCase("HttpOnly")
                    .contains("SameSite=Strict");
        } finally {
            server.close().await();
            vertx.close().await();
            cert.delete();
        }
    }

    /** A connection that trusts the test's self-signed certificate (and only this test uses it). */
    static HttpsURLConnection open(int port, String path) throws Exception {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {trustAll}, null);
        HttpsURLConnection c = (HttpsURLConnection) URI.create("https://127.0.0.1:" + port + path).toURL().openConnection();
        c.setSSLSocketFactory(ssl.getSocketFactory());
        c.setHostnameVerifier((host, session) -> true);
        return c;
    }
}
