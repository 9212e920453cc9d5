package io.agentpulse.allinone.demo;

import java.util.List;

/**
 * How one model behaves in the demo fleet. Latencies and token counts are log-normal (the shape
 * real LLM latencies have: a long right tail), given by their median and the sigma of the log.
 *
 * @param latencyMedianMs median wall time of a chat call, ms
 * @param latencySigma    sigma of ln(latency); 0.5 gives p99 about 3.2x the median
 * @param ttftFraction    time to first token as a fraction of the latency
 * @param inputMedian     median input tokens of a chat call
 * @param outputMedian    median output tokens of a chat call
 * @param errorRate       probability that a call fails, in [0, 1]
 */
record ModelProfile(String model, String provider, double latencyMedianMs, double latencySigma,
                    double ttftFraction, double inputMedian, double outputMedian, double errorRate) {

    /** Models the demo fleet uses; names match the price catalog so the processor prices them. */
    static final List<ModelProfile> DEFAULTS = List.of(
            new ModelProfile("gpt-4o", "openai", 1400, 0.45, 0.25, 1800, 350, 0.010),
            new ModelProfile("gpt-4o-mini", "openai", 650, 0.40, 0.20, 1500, 280, 0.006),
            new ModelProfile("claude-sonnet-4", "anthropic", 1900, 0.50, 0.22, 2400, 420, 0.012),
            new ModelProfile("claude-3-5-haiku", "anthropic", 800, 0.40, 0.18, 1200, 240, 0.008),
            new ModelProfile("gemini-2.5-flash", "google", 700, 0.55, 0.15, 1600, 300, 0.015),
            new ModelProfile("mistral-large", "mistral", 1200, 0.50, 0.25, 1400, 260, 0.020));
}
