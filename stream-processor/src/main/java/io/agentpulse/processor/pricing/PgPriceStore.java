package io.agentpulse.processor.pricing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** {@link PriceStore} on price_versions (JDBC: the processor's pool). */
public final class PgPriceStore implements PriceStore {
    private static final String INSERT = "INSERT INTO price_versions (id, model_pattern, effective_from, input_usd, "
            + "cached_input_usd, output_usd, reasoning_usd, source, catalog_version, created_by) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String SELECT = "SELECT id, model_pattern, effective_from, input_usd, cached_input_usd, output_usd, "
            + "reasoning_usd, source, catalog_version, created_by FROM price_versions";

    private final DataSource dataSource;

    public PgPriceStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public int seed(List<PriceVersion> versions) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (PriceVersion v : versions) {
                ps.setString(1, v.id());
                ps.setString(2, v.pattern());
                ps.setObject(3, OffsetDateTime.ofInstant(v.effectiveFrom(), ZoneOffset.UTC));
                ps.setDouble(4, v.input());
                ps.setDouble(5, v.cachedInput());
                ps.setDouble(6, v.output());
                ps.setDouble(7, v.reasoning());
                ps.setString(8, v.source());
                ps.setString(9, v.catalogVersion());
                ps.setString(10, v.createdBy());
                ps.addBatch();
            }
            int added = 0;
            for (int n : ps.executeBatch()) {
                added += Math.max(n, 0);
            }
            return added;
        } catch (SQLException e) {
            throw new IllegalStateException("Storing " + versions.size() + " price versions failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<PriceVersion> all() {
        List<PriceVersion> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new PriceVersion(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getDouble(4),
                        rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getString(8), rs.getString(9), rs.getString(10)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading price versions failed: " + e.getMessage(), e);
        }
        return out;
    }
}
