package io.agentpulse.processor.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds "INSERT INTO t (cols) SELECT exprs FROM unnest(?::type[], ...) AS u(cols)": one statement
 * and one round trip per batch, whatever its size (the fastest portable bulk path after COPY).
 * Timestamps travel as epoch-millisecond bigints and become timestamptz exactly in SQL.
 */
final class Unnest {
    private record Column(String name, String pgType, String expr, List<Object> values) {}

    private final List<Column> columns = new ArrayList<>();

    /** A column copied as is. */
    Unnest col(String name, String pgType) {
        columns.add(new Column(name, pgType, "u." + name, new ArrayList<>()));
        return this;
    }

    /** A timestamptz column fed with epoch milliseconds. */
    Unnest millis(String name) {
        columns.add(new Column(name, "int8", "timestamptz 'epoch' + u." + name + " * interval '1 millisecond'", new ArrayList<>()));
        return this;
    }

    /** A jsonb column fed with JSON text. */
    Unnest json(String name) {
        columns.add(new Column(name, "text", "u." + name + "::jsonb", new ArrayList<>()));
        return this;
    }

    /** An int8[] column fed with array literals ('{1,2}') as text: unnest would flatten a 2-D array parameter. */
    Unnest longArray(String name) {
        columns.add(new Column(name, "text", "u." + name + "::int8[]", new ArrayList<>()));
        return this;
    }

    /** Appends one row; values in column order. */
    void row(Object... values) {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            // PostgreSQL text cannot hold NUL: strip it rather than let one record block the sink forever
            columns.get(i).values.add(v instanceof String s && s.indexOf('\0') >= 0 ? s.replace("\0", "") : v);
        }
    }

    boolean isEmpty() {
        return columns.get(0).values.isEmpty();
    }

    String sql(String table, String onConflict) {
        StringBuilder names = new StringBuilder();
        StringBuilder exprs = new StringBuilder();
        StringBuilder params = new StringBuilder();
        for (Column c : columns) {
            String sep = names.length() == 0 ? "" : ", ";
            names.append(sep).append(c.name);
            exprs.append(sep).append(c.expr);
            params.append(sep).append("?::").append(c.pgType).append("[]");
        }
        return "INSERT INTO " + table + " AS r (" + names + ") SELECT " + exprs
                + " FROM unnest(" + params + ") AS u(" + names + ") " + onConflict;
    }

    int execute(Connection c, String table, String onConflict) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql(table, onConflict))) {
            for (int i = 0; i < columns.size(); i++) {
                Column col = columns.get(i);
                Object[] arr = col.pgType.equals("bytea") ? col.values.toArray(new byte[0][]) : col.values.toArray();
                ps.setArray(i + 1, c.createArrayOf(col.pgType, arr));
            }
            return ps.executeUpdate();
        }
    }
}
