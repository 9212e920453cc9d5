package io.agentpulse.processor.pricing;

/**
 * Prices of one model in USD per million tokens. cachedInput defaults to input and reasoning to
 * output when the catalog gives none (reasoning tokens are billed as output by every provider we list).
 */
record ModelPrice(String model, double input, double cachedInput, double output, double reasoning) {

    private static final double PER_TOKEN = 1e-6;

    /**
     * Cost in USD of one call. Token counts are the event's: input includes cached input, output
     * includes reasoning (validated upstream so that the parts never exceed the wholes).
     */
    double cost(long inputTokens, long cachedTokens, long outputTokens, long reasoningTokens) {
        double usdPerMillion = (inputTokens - cachedTokens) * input
                + cachedTokens * cachedInput
                + (outputTokens - reasoningTokens) * output
                + reasoningTokens * reasoning;
        return usdPerMillion * PER_TOKEN;
    }
}
