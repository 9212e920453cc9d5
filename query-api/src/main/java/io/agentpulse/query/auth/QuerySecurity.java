package io.agentpulse.query.auth;

import io.agentpulse.security.Role;
import io.agentpulse.security.stores.SecurityStores;
import io.agentpulse.security.http.SecurityHandler;
import io.agentpulse.security.keys.CachingKeyVerifier;
import io.agentpulse.security.keys.KeyUsage;
import io.agentpulse.security.keys.KeyVerifier;
import io.agentpulse.security.session.LoginThrottle;
import io.agentpulse.security.session.Sessions;
import io.agentpulse.security.users.Passwords;
import io.agentpulse.security.users.User;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query API's security, wired: the security handler (installed first), the auth and admin routes,
 * the audit of every CSV download, the startup policy check and the first admin.
 */
public final class QuerySecurity {
    /** Last-used times of keys are written at most this often per key. */
    static final long BOOTSTRAP_RETRY_MS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(QuerySecurity.class);

    private final Vertx vertx;
    private final AuthSettings settings;
    private final SecurityStores stores;
    private final Clock clock;
    private final Sessions sessions;
    private final Auditor auditor;
    private final SecurityHandler handler;
    private final KeyUsage usage;

    public QuerySecurity(Vertx vertx, AuthSettings settings, SecurityStores stores, Clock clock) {
        this.vertx = vertx;
        this.settings = settings;
        this.stores = stores;
        this.clock = clock;
        this.sessions = new Sessions(stores.sessions(), clock, settings.sessionIdle(), settings.sessionAbsolute());
        this.auditor = new Auditor(stores.audit(), clock);
        this.usage = new KeyUsage(stores.keys(), clock);
        CachingKeyVerifier cached = new CachingKeyVerifier(stores.keys(), clock, settings.keyCache());
        KeyVerifier keys = token -> cached.verify(token).map(check -> {
            if (check.ok()) {
                usage.used(check.principal().name()); // written by the periodic flush, at most once per key
            }
            return check;
        });
        this.handler = new SecurityHandler(QueryPolicy.POLICY, keys, sessions, stores.users(), settings.allowedOrigins(),
                settings.tls()).onAllowed(this::auditCsv);
    }

    public Auditor auditor() {
        return auditor;
    }

    /** Installs the security handler before every other route. */
    public void install(Router router) {
        handler.install(router);
    }

    /** Mounts /api/v1/auth/* and /api/v1/admin/*. */
    public void mountRoutes(Router router) {
        new AuthRoutes(vertx, stores.users(), sessions, LoginThrottle.standard(clock), auditor, clock, settings.tls()).mount(router);
        new UserAdminRoutes(vertx, stores.users(), sessions, auditor, clock).mount(router);
        new AdminRoutes(stores.keys(), stores.audit(), auditor, clock).mount(router);
    }

    /** One {@code export} row per CSV download, whichever route answered it (dashboard CSVs, the audit export). */
    private void auditCsv(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> {
            String type = ctx.response().headers().get("Content-Type");
            if (ctx.response().getStatusCode() == 200 && type != null && type.startsWith("text/csv")) {
                auditor.record(ctx, "export", ctx.normalizedPath(), new JsonObject().put("query", ctx.request().query()));
            }
        });
    }

    /** Throws (fails the start) when a mounted route has no declaration. */
    public void check(Router router) {
        QueryPolicy.POLICY.check(router, Set.of(SecurityHandler.NAME));
    }

    /**
     * Creates the user "admin" when there are no users: with AGENTPULSE_ADMIN_PASSWORD, else a generated password
     * printed once on standard output (never through the logger, so it does not end up in log files).
     * The answer is waited for when the database is up; when it is not, the server starts anyway (readiness
     * says 503) and the bootstrap is retried every {@link #BOOTSTRAP_RETRY_MS} until the database answers.
     */
    public Future<Void> bootstrap() {
        return createFirstAdmin().recover(err -> {
            LOG.warn("Could not check for a first admin ({}); retrying every {} ms", err.toString(), BOOTSTRAP_RETRY_MS);
            vertx.setTimer(BOOTSTRAP_RETRY_MS, id -> bootstrap());
            return Future.succeededFuture();
        });
    }

    private Future<Void> createFirstAdmin() {
        return stores.users().count().compose(n -> {
            if (n > 0) {
                return Future.succeededFuture();
            }
            String given = settings.adminPassword();
            String password = given != null ? given : Passwords.randomPassword();
            return vertx.executeBlocking(() -> new User("admin", Role.ADMIN, Passwords.hash(password), false, clock.instant(), null), false)
                    .compose(u -> stores.users().create(u)).map(created -> {
                        if (created && given == null) {
                            System.out.println("Agent Pulse: created the first admin. Username: admin  Password: " + password
                                    + "  (shown once; change it after logging in)");
                        }
                        return null;
                    });
        });
    }

    /** Writes the keys' last-used times every few seconds and purges expired sessions every hour. */
    public long schedulePurge() {
        long flush = KeyUsage.DEFAULT_INTERVAL.toMillis();
        long[] ticks = {0};
        return vertx.setPeriodic(flush, id -> {
            usage.flush(); // keys' last-used times, batched
            if (++ticks[0] % (3_600_000 / flush) == 0) {
                sessions.purge(); // hourly
            }
        });
    }

    /** The HTTP server's options: TLS from the PEM files when configured. */
    public HttpServerOptions serverOptions() {
        HttpServerOptions o = new HttpServerOptions();
        if (settings.tls()) {
            o.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(settings.tlsCert().toString())
                    .setKeyPath(settings.tlsKey().toString()));
        }
        return o;
    }
}
