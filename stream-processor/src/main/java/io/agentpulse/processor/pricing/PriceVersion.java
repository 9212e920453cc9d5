package io.agentpulse.processor.pricing;

import java.time.Instant;

/**
 * One version of one model pattern's prices (USD per million tokens), in force from {@code effectiveFrom}
 * until the pattern's next version. A row of price_versions (V44).
 *
 * @param id             "pattern@effectiveFrom" ({@link #idOf}): the same whether read from a file or the table
 * @param source         "file" (a catalog file loaded at start) or "admin" (added through the query API)
 * @param catalogVersion the catalog file's "version" field for file rows, else null
 */
public record PriceVersion(String id, String pattern, Instant effectiveFrom, double input, double cachedInput,
                           double output, double reasoning, String source, String catalogVersion, String createdBy) {

    public PriceVersion {
        for (double p : new double[] {input, cachedInput, output, reasoning}) {
            if (!(p >= 0) || Double.isInfinite(p)) {
                throw new IllegalArgumentException("Prices must be finite and not negative, got " + p + " for " + pattern + ".");
            }
        }
    }

    public static String idOf(String pattern, Instant effectiveFrom) {
        return pattern + "@" + effectiveFrom;
    }

    ModelPrice price() {
        return new ModelPrice(pattern, input, cachedInput, output, reasoning);
    }

    /** Cost in USD of one call (see {@link ModelPrice#cost}). */
    public double cost(long inputTokens, long cachedTokens, long outputTokens, long reasoningTokens) {
        return price().cost(inputTokens, cachedTokens, outputTokens, reasoningTokens);
    }
}
