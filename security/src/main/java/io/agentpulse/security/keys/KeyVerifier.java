package io.agentpulse.security.keys;

import io.vertx.core.Future;

/**
 * Checks a bearer token (the text after "Bearer "). Implementations answer a refusal, never a failed future,
 * for bad tokens; a failed future means the store could not be asked (answer 503).
 */
public interface KeyVerifier {
    Future<KeyCheck> verify(String token);
}
