package io.agentpulse.registry;

import java.nio.file.Path;

/**
 * How the embedded registry guards itself: optional basic auth (one {@code user:password}) and
 * optional TLS from PEM files. The all-in-one listens on 127.0.0.1 and uses neither; tests use
 * both to stand in for a Confluent registry in production.
 *
 * @param userInfo the one accepted {@code user:password}, or null for no authentication
 * @param certFile PEM certificate chain served over TLS, or null for plain HTTP
 * @param keyFile  PEM private key of that certificate (PKCS#8 or PKCS#1)
 */
public record RegistryServerOptions(String userInfo, Path certFile, Path keyFile) {
    public static final RegistryServerOptions NONE = new RegistryServerOptions(null, null, null);

    public RegistryServerOptions {
        if (userInfo != null && userInfo.indexOf(':') <= 0) {
            throw new IllegalArgumentException("The registry's basic auth must be user:password.");
        }
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate file and a key file.");
        }
    }

    public RegistryServerOptions withBasicAuth(String userPassword) {
        return new RegistryServerOptions(userPassword, certFile, keyFile);
    }

    public RegistryServerOptions withTls(Path cert, Path key) {
        return new RegistryServerOptions(userInfo, cert, key);
    }

    public boolean tls() {
        return certFile != null;
    }

    /** The password stays out of logs and test reports. */
    @Override
    public String toString() {
        return "RegistryServerOptions[basicAuth=" + (userInfo == null ? "none" : "set") + ", tls=" + tls() + "]";
    }
}
