package io.agentpulse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentpulse.security.stores.SecurityStores;
import io.agentpulse.security.audit.AuditEntry;
import io.agentpulse.security.audit.AuditQuery;
import io.agentpulse.security.keys.ApiKeyStore;
import io.agentpulse.security.keys.ApiKeys;
import io.agentpulse.security.keys.KeyRecord;
import io.agentpulse.security.keys.NewKey;
import io.agentpulse.security.session.Session;
import io.agentpulse.security.users.User;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The one contract of the security stores (users, sessions, API keys, audit), run against the in-memory
 * twins (InMemorySecurityStoresTest) and PostgreSQL (PgSecurityStoresIT). Each test uses its own names.
 */
public abstract class SecurityStoresContract {
    protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    /** A valid PHC-looking hash: the stores never look inside it (and hashing is slow). */
    static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";

    /** The stores under test; their key store reads {@link #clock()}. */
    protected abstract SecurityStores stores();

    protected abstract TestClock clock();

    @Test
    void usersAreCreatedOnceFoundUpdatedListedAndDeleted() {
        var users = stores().users();
        User u = new User("c-user", Role.VIEWER, HASH, false, T0, null);
        assertThat(users.create(u).await()).isTrue();
        assertThat(users.create(u).await()).isFalse();
        assertThat(users.find("c-user").await()).contains(u);
        assertThat(users.find("nobody").await()).isEmpty();
        assertThat(users.update(u.withRole(Role.OPERATOR).withDisabled(true)).await()).isTrue();
        assertThat(users.update(new User("c-ghost", Role.VIEWER, HASH, false, T0, null)).await()).isFalse();
        users.recordLogin("c-user", T0.plusSeconds(5)).await();
        User got = users.find("c-user").await().orElseThrow();
        assertThat(got.role()).isEqualTo(Role.OPERATOR);
        assertThat(got.disabled()).isTrue();
        assertThat(got.lastLoginAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(users.list().await()).extracting(User::username).contains("c-user").isSorted();
        assertThat(users.count().await()).isGreaterThanOrEqualTo(1);
        assertThat(users.delete("c-user").await()).isTrue();
        assertThat(users.delete("c-user").await()).isFalse();
    }

    @Test
    void sessionsAreFoundTouchedAndEndedOneOrAllButOne() {
        stores().users().create(new User("s-user", Role.VIEWER, HASH, false, T0, null)).await();
        var sessions = stores().sessions();
        Session a = new Session(ApiKeys.hash("a"), "s-user", "csrf-a", T0, T0);
        Session b = new Session(ApiKeys.hash("b"), "s-user", "csrf-b", T0, T0);
        Session c = new Session(ApiKeys.hash("c"), "s-user", "csrf-c", T0, T0);
        sessions.create(a).await();
        sessions.create(b).await();
        sessions.create(c).await();
        assertThat(sessions.find(a.idHash()).await()).contains(a);
        sessions.touch(a.idHash(), T0.plusSeconds(60)).await();
        assertThat(sessions.find(a.idHash()).await().orElseThrow().lastSeenAt()).isEqualTo(T0.plusSeconds(60));
        sessions.delete(c.idHash()).await();
        assertThat(sessions.find(c.idHash()).await()).isEmpty();
        sessions.deleteUser("s-user", a.idHash()).await();
        assertThat(sessions.find(a.idHash()).await()).isPresent();
        assertThat(sessions.find(b.idHash()).await()).isEmpty();
        sessions.purge(T0.plusSeconds(61), T0).await();
        assertThat(sessions.find(a.idHash()).await()).isEmpty();
    }

    @Test
    void keysStoreOnlyHashesAndRefuseRevokedExpiredAndUnknown() {
        ApiKeyStore keys = stores().keys();
        var issued = keys.create(new NewKey("k-read", Set.of(Scope.READ), null, "admin", null)).await();
        var soon = keys.create(new NewKey("k-soon", Set.of(Scope.INGEST, Scope.READ), clock().instant().plusSeconds(60),
                "admin", null)).await();
        assertThat(issued.record().secretHash()).isEqualTo(ApiKeys.hash(ApiKeys.parse(issued.token()).secret()));
        assertThat(keys.verify(issued.token()).await().principal()).isEqualTo(Principal.key(issued.record().id(), Set.of(Scope.READ)));
        assertThat(keys.verify(soon.token()).await().principal().scopes()).containsExactlyInAnyOrder(Scope.INGEST, Scope.READ);
        clock().advance(Duration.ofSeconds(60));
        assertThat(keys.verify(soon.token()).await().reason()).isEqualTo("expired");
        String forged = ApiKeys.PREFIX + issued.record().id() + "_" + ApiKeys.generate().secret();
        assertThat(keys.verify(forged).await().reason()).isEqualTo("unknown-key");
        assertThat(keys.verify("apk_nope").await().reason()).isEqualTo("malformed");
        keys.touch(issued.record().id(), clock().instant()).await();
        assertThat(keys.revoke(issued.record().id(), clock().instant()).await()).isTrue();
        assertThat(keys.revoke(issued.record().id(), clock().instant().plusSeconds(9)).await()).isTrue();
        assertThat(keys.revoke("aaaaaaaaaaaa", clock().instant()).await()).isFalse();
        assertThat(keys.verify(issued.token()).await().reason()).isEqualTo("revoked");
        KeyRecord listed = keys.list().await().stream().filter(k -> k.id().equals(issued.record().id())).findFirst().orElseThrow();
        assertThat(listed.revokedAt()).as("the first revocation time is kept").isEqualTo(clock().instant());
        assertThat(listed.lastUsedAt()).isEqualTo(clock().instant());
        assertThat(listed.createdBy()).isEqualTo("admin");
        // an adopted token (bootstrap ingest key) works as given; adopting it twice fails
        String given = ApiKeys.generate().token();
        keys.create(new NewKey("adopted", Set.of(Scope.INGEST), null, null, given)).await();
        assertThat(keys.verify(given).await().ok()).isTrue();
        assertThatThrownBy(() -> keys.create(new NewKey("again", Set.of(Scope.INGEST), null, null, given)).await())
                .hasMessageContaining("exists");
    }

    @Test
    void auditAppendsAndQueriesNewestFirstWithFilters() {
        var audit = stores().audit();
        AuditEntry first = audit.append(new AuditEntry(0, T0, "a-alice", "user", "a.one", "t1", "ok", "127.0.0.1",
                new JsonObject().put("n", 1))).await();
        AuditEntry second = audit.append(new AuditEntry(0, T0.plusSeconds(1), "a-bob", "user", "a.two", "t2", "ok", null, null)).await();
        assertThat(second.id()).isGreaterThan(first.id());
        List<AuditEntry> mine = audit.query(new AuditQuery(T0, T0.plusSeconds(2), null, null, 10)).await().stream()
                .filter(e -> e.actor().startsWith("a-")).toList();
        assertThat(mine).extracting(AuditEntry::action).containsExactly("a.two", "a.one");
        assertThat(mine.get(1).detail().getInteger("n")).isEqualTo(1);
        assertThat(audit.query(new AuditQuery(null, null, "a-alice", null, 10)).await()).extracting(AuditEntry::action).containsExactly("a.one");
        assertThat(audit.query(new AuditQuery(null, null, null, "a.two", 10)).await()).hasSize(1);
        assertThat(audit.query(new AuditQuery(T0.plusSeconds(1), null, "a-alice", null, 10)).await()).isEmpty();
    }
}
