package io.agentpulse.ingest.gateway;

import io.agentpulse.ops.ConfigException;
import io.agentpulse.ops.Env;
import io.agentpulse.security.keys.ApiKeys;
import io.agentpulse.security.keys.CachingKeyVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The gateway's security settings (part of {@link GatewayConfig}; rows in ingest/RATIONALE.md).
 *
 * @param tlsCertFile        PEM certificate chain for HTTPS, or null for plain HTTP
 * @param tlsKeyFile         PEM private key (PKCS#8 or PKCS#1) of that certificate, or null
 * @param keyCacheTtl        how long a verified (or refused) key is remembered: the bound on how long a revoked
 *                           key keeps working
 * @param bootstrapIngestKey an {@code apk_...} token adopted as an ingest key at start, or null; never printed
 */
record GatewaySecurityConfig(Path tlsCertFile, Path tlsKeyFile, Duration keyCacheTtl,
                                    String bootstrapIngestKey) {
    static final String CERT = "AGENTPULSE_TLS_CERT_FILE";
    static final String KEY = "AGENTPULSE_TLS_KEY_FILE";
    static final String BOOTSTRAP = "AGENTPULSE_BOOTSTRAP_INGEST_KEY";
    static final String CACHE = "AGENTPULSE_KEY_CACHE_SECONDS";

    public GatewaySecurityConfig {
        if ((tlsCertFile == null) != (tlsKeyFile == null)) {
            String set = tlsCertFile != null ? CERT : KEY;
            String unset = tlsCertFile != null ? KEY : CERT;
            throw new ConfigException(unset, set + " is set but " + unset + " is not; set both for HTTPS, or "
                    + "neither for plain HTTP.");
        }
        if (bootstrapIngestKey != null && ApiKeys.parse(bootstrapIngestKey) == null) {
            // Never echo the value: it is meant to be a secret.
            throw new ConfigException(BOOTSTRAP, BOOTSTRAP + " is set but does not look like an Agent Pulse "
                    + "key (apk_ followed by 12 base32 characters, an underscore and 43 base64url characters).");
        }
    }

    public static GatewaySecurityConfig defaults() {
        return new GatewaySecurityConfig(null, null, CachingKeyVerifier.DEFAULT_TTL, null);
    }

    static GatewaySecurityConfig fromEnv(Env env) {
        Path cert = readable(env, CERT);
        Path key = readable(env, KEY);
        int cacheSeconds = env.integer(CACHE, (int) CachingKeyVerifier.DEFAULT_TTL.toSeconds(), 0, 3600);
        return new GatewaySecurityConfig(cert, key, Duration.ofSeconds(cacheSeconds), env.string(BOOTSTRAP, null));
    }

    private static Path readable(Env env, String name) {
        Path p = env.path(name, null);
        if (p != null && !Files.isReadable(p)) {
            throw new ConfigException(name, name + " names " + p + ", which does not exist or cannot be read.");
        }
        return p;
    }

    /** HTTPS is on when both PEM files are given. */
    public boolean tls() {
        return tlsCertFile != null;
    }

    public GatewaySecurityConfig withTls(Path cert, Path key) {
        return new GatewaySecurityConfig(cert, key, keyCacheTtl, bootstrapIngestKey);
    }

    public GatewaySecurityConfig withBootstrapIngestKey(String token) {
        return new GatewaySecurityConfig(tlsCertFile, tlsKeyFile, keyCacheTtl, token);
    }

    @Override
    public String toString() {
        return "GatewaySecurityConfig[tlsCertFile=" + tlsCertFile + ", tlsKeyFile=" + tlsKeyFile + ", keyCacheTtl="
                + keyCacheTtl + ", bootstrapIngestKey=" + (bootstrapIngestKey == null ? "none" : "(set)") + "]";
    }
}
