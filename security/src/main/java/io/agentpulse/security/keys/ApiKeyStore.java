package io.agentpulse.security.keys;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * Where API keys live (PostgreSQL in production, memory in tests); only hashes are stored.
 * Its {@link #verify} reads the store every time: wrap it in a cache whose lifetime bounds how long a
 * revoked key keeps working.
 */
public interface ApiKeyStore extends KeyVerifier {
    /** Creates a key; the result carries the full token, the only time it is available. */
    Future<IssuedKey> create(NewKey key);

    /** Marks a key revoked at {@code at}; false when there is no such key. Revoking twice keeps the first time. */
    Future<Boolean> revoke(String id, Instant at);

    Future<List<KeyRecord>> list();

    /** Records use; callers batch these (at most one write per key every few seconds). */
    Future<Void> touch(String id, Instant at);

    /** A created key: its record and the token to show once. */
    record IssuedKey(KeyRecord record, String token) {
        @Override
        public String toString() {
            return "IssuedKey[" + record.id() + "]";
        }
    }
}
