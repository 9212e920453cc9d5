package io.agentpulse.security.stores;

import io.agentpulse.security.audit.AuditStore;
import io.agentpulse.security.audit.InMemoryAuditStore;
import io.agentpulse.security.audit.PgAuditStore;
import io.agentpulse.security.keys.ApiKeyStore;
import io.agentpulse.security.keys.InMemoryApiKeyStore;
import io.agentpulse.security.keys.PgApiKeyStore;
import io.agentpulse.security.session.InMemorySessionStore;
import io.agentpulse.security.session.PgSessionStore;
import io.agentpulse.security.session.SessionStore;
import io.agentpulse.security.users.InMemoryUserStore;
import io.agentpulse.security.users.PgUserStore;
import io.agentpulse.security.users.UserStore;
import io.vertx.sqlclient.Pool;
import java.time.Clock;

/**
 * The four security stores a service needs, all in PostgreSQL or all in memory. In a package of its own:
 * the stores' packages use the root package's Principal, Role and Scope, so the root cannot use them.
 */
public record SecurityStores(UserStore users, SessionStore sessions, ApiKeyStore keys, AuditStore audit) {
    public static SecurityStores pg(Pool pool, Clock clock) {
        return new SecurityStores(new PgUserStore(pool), new PgSessionStore(pool), new PgApiKeyStore(pool, clock),
                new PgAuditStore(pool));
    }

    public static SecurityStores inMemory(Clock clock) {
        return new SecurityStores(new InMemoryUserStore(), new InMemorySessionStore(), new InMemoryApiKeyStore(clock),
                new InMemoryAuditStore());
    }
}
