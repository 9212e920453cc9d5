package io.agentpulse.security.keys;

import io.agentpulse.security.Scope;
import io.vertx.core.Future;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adopts a given {@code apk_...} token as a key (AGENTPULSE_BOOTSTRAP_INGEST_KEY, the all-in-one's demo fleet
 * key), idempotently: every start of every instance may call it. A key that already exists under the token's
 * id is left as it is, so a key an admin revoked stays revoked and is not brought back by a restart.
 */
public final class BootstrapKeys {
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapKeys.class);

    private BootstrapKeys() {}

    /**
     * Ensures the token is a key of the store with the given scopes; the future says whether it was created
     * now (true) or existed already (false). Never logs or returns the token.
     */
    public static Future<Boolean> adopt(ApiKeyStore store, String token, Set<Scope> scopes, String name,
                                        String createdBy) {
        ApiKeys.Parsed parsed = ApiKeys.parse(token);
        if (parsed == null) {
            return Future.failedFuture(new IllegalArgumentException("The key '" + name + "' does not look like"
                    + " apk_<12 base32 chars>_<43 base64url chars>, so it cannot be adopted."));
        }
        return store.verify(token).compose(check -> {
            if (!"unknown-key".equals(check.reason())) {
                return Future.succeededFuture(false); // usable, revoked or expired: it exists, leave it be
            }
            NewKey key = new NewKey(name, scopes, null, createdBy, token);
            return store.create(key).map(issued -> {
                LOG.info("Adopted the key {} ({}) with scopes {}.", parsed.id(), name, scopes);
                return true;
            }).recover(e -> existsNow(store, token, name, parsed.id(), e));
        });
    }

    /** Another instance created it between our check and our create (both start at once): that is success. */
    private static Future<Boolean> existsNow(ApiKeyStore store, String token, String name, String id, Throwable e) {
        return store.verify(token).compose(again -> {
            if (!"unknown-key".equals(again.reason())) {
                return Future.succeededFuture(false);
            }
            return Future.failedFuture(new IllegalStateException("The " + name + " key could not be adopted: a"
                    + " different key with the id " + id + " exists, or the store failed (" + e.getMessage() + ")."));
        });
    }
}
