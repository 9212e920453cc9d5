package io.agentpulse.contract.registry;

import io.agentpulse.ops.ConfigException;
import io.agentpulse.ops.Env;
import io.agentpulse.ops.PemTrust;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Where the schema registry is and how to reach it, read from a service's settings and validated
 * when the service starts: {@value #URL}, {@value #USER_INFO} ({@code user:password}, what
 * Confluent's clients take as {@code basic.auth.user.info} with {@code basic.auth.credentials.source=USER_INFO})
 * and {@value #CA_FILE} (PEM certificates trusted for an https URL instead of the JVM's).
 * The only way to build one is {@link #fromEnv}, and {@link HttpSchemaRegistryClient#create} takes
 * nothing else, so no service can make a client that skips these settings. The password never
 * appears in {@link #toString()} nor in any message.
 */
public final class RegistrySettings {
    public static final String URL = "AGENTPULSE_REGISTRY_URL";
    public static final String USER_INFO = "AGENTPULSE_REGISTRY_BASIC_AUTH_USER_INFO";
    public static final String CA_FILE = "AGENTPULSE_REGISTRY_CA_FILE";
    public static final String DEFAULT_URL = "http://localhost:8081";

    private final String url;
    /** "Basic base64(user:password)", or null: kept encoded so the raw pair is not held around. */
    private final String authorization;
    private final Path caFile;
    /** Built once at validation, so an unreadable CA file fails at start, not on the first event. */
    private final SSLContext tls;

    private RegistrySettings(String url, String authorization, Path caFile, SSLContext tls) {
        this.url = url;
        this.authorization = authorization;
        this.caFile = caFile;
        this.tls = tls;
    }

    /** Reads the three settings with {@link #DEFAULT_URL}; a bad value is a {@link ConfigException}. */
    public static RegistrySettings fromEnv(Map<String, String> settings) {
        return fromEnv(settings, DEFAULT_URL);
    }

    /** Same, with the service's own default URL. */
    public static RegistrySettings fromEnv(Map<String, String> settings, String defaultUrl) {
        Env env = Env.of(settings);
        String url = checkedUrl(env.string(URL, defaultUrl));
        Path caFile = env.path(CA_FILE, null);
        if (caFile != null && !url.startsWith("https://")) {
            throw new ConfigException(CA_FILE, CA_FILE + " is set, but " + URL + " is " + url
                    + ", which is not https; the CA is only used for TLS, so use an https:// URL or unset " + CA_FILE + ".");
        }
        SSLContext tls = caFile == null ? null : PemTrust.context(CA_FILE, caFile);
        return new RegistrySettings(url, authorization(env.string(USER_INFO, null)), caFile, tls);
    }

    private static String checkedUrl(String raw) {
        URI uri;
        try {
            uri = URI.create(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(URL, URL + " is set to \"" + raw + "\", which is not a URL; expected http://host:port or https://host:port.");
        }
        if (uri.getRawUserInfo() != null) {
            // Not echoed: the URL holds a password. Our messages name the URL, so it must not carry one.
            throw new ConfigException(URL, URL + " contains a user and password, which this setting does not take; put them in "
                    + USER_INFO + " as user:password and leave them out of the URL.");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new ConfigException(URL, URL + " is set to \"" + raw + "\", which is not valid; expected http://host:port or https://host:port.");
        }
        return raw.replaceAll("/+$", "");
    }

    private static String authorization(String userInfo) {
        if (userInfo == null) {
            return null;
        }
        int colon = userInfo.indexOf(':');
        if (colon <= 0) {
            // The value is a secret: say what is wrong with it without repeating it.
            throw new ConfigException(USER_INFO, USER_INFO + " must be user:password (Confluent's basic.auth.user.info), "
                    + "but the value set " + (colon == 0 ? "has no user before the colon" : "has no colon") + "; the value is not shown because it holds a password.");
        }
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    /** Base URL without a trailing slash. */
    public String url() {
        return url;
    }

    public boolean basicAuth() {
        return authorization != null;
    }

    public Optional<Path> caFile() {
        return Optional.ofNullable(caFile);
    }

    /** The Authorization header value, or empty. */
    Optional<String> authorization() {
        return Optional.ofNullable(authorization);
    }

    /** The TLS context trusting {@link #caFile()}, or empty for the JVM's default trust. */
    Optional<SSLContext> tls() {
        return Optional.ofNullable(tls);
    }

    /** Same URL, credentials and CA file: what a config record's equality needs. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RegistrySettings r && url.equals(r.url) && Objects.equals(authorization, r.authorization)
                && Objects.equals(caFile, r.caFile);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, authorization, caFile);
    }

    @Override
    public String toString() {
        return "RegistrySettings[url=" + url + ", basicAuth=" + (basicAuth() ? "set" : "none")
                + ", caFile=" + (caFile == null ? "JVM default trust" : caFile) + "]";
    }
}
