package io.agentpulse.query.http;

import io.agentpulse.query.store.Totals;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A timeseries metric: how one bucket's totals become one number (null = no value). */
enum Metric {
    REQUESTS(false), ERRORS(false), ERROR_RATE(false), P50(true), P95(true), P99(true),
    INPUT_TOKENS(false), OUTPUT_TOKENS(false), TOKENS(false), COST(false);

    private final boolean needsSketch;

    Metric(boolean needsSketch) {
        this.needsSketch = needsSketch;
    }

    boolean needsSketch() {
        return needsSketch;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** requests is a rate per minute over the bucket; the others are bucket sums or merged quantiles. */
    Double value(Totals t, long stepMs) {
        double v = switch (this) {
            case REQUESTS -> t.count() * 60_000.0 / stepMs;
            case ERRORS -> t.errors();
            case ERROR_RATE -> t.errorRate();
            case P50 -> t.quantile(0.50);
            case P95 -> t.quantile(0.95);
            case P99 -> t.quantile(0.99);
            case INPUT_TOKENS -> t.inputTokens();
            case OUTPUT_TOKENS -> t.outputTokens();
            case TOKENS -> t.inputTokens() + t.outputTokens();
            case COST -> t.costUsd();
        };
        return Double.isNaN(v) ? null : v;
    }

    /**
     * One metric, or several separated by commas ("requests,errors,p95": one read of the rollups for
     * a whole set of charts); each at most once, in the order given.
     */
    static List<Metric> parseList(String raw) {
        List<Metric> out = new ArrayList<>();
        for (String part : (raw == null ? "" : raw).split(",", -1)) {
            Metric m = parse(part);
            if (!out.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }

    static Metric parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new ParamException("metric", "missing", "The parameter metric is required; expected one of "
                    + "requests, errors, error_rate, p50, p95, p99, input_tokens, output_tokens, tokens, cost.");
        }
        for (Metric m : values()) {
            if (m.label().equals(raw.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new ParamException("metric", "unknown-metric", "The parameter metric is '" + raw + "'; expected one of "
                + "requests, errors, error_rate, p50, p95, p99, input_tokens, output_tokens, tokens, cost.");
    }
}
