package io.agentpulse.embedded;

import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Where one PostgreSQL database is and how to log in: what JDBC, Flyway and vertx-pg-client need.
 *
 * @param host     always 127.0.0.1
 * @param port     the server's TCP port
 * @param name     the database name
 * @param user     the login role
 * @param password its password (the embedded server trusts loopback, so any would do)
 */
public record PgDatabase(String host, int port, String name, String user, String password) {
    /** Lower-case letters, digits and underscores, starting with a letter, at most 63 bytes. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public PgDatabase {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A database name must be 1-63 lower-case letters, digits or "
                    + "underscores starting with a letter, but was '" + name + "'.");
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    /** A new unpooled DataSource (pgjdbc's PGSimpleDataSource): each getConnection opens a connection. */
    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {host});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(name);
        ds.setUser(user);
        ds.setPassword(password);
        ds.setConnectTimeout(10);
        return ds;
    }

    /** The same server and login, another database. */
    PgDatabase withName(String other) {
        return new PgDatabase(host, port, other, user, password);
    }
}
