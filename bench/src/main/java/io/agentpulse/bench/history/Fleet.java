package io.agentpulse.bench.history;

import java.util.SplittableRandom;

/**
 * A deterministic synthetic fleet: {@code agents} agents, each calling every one of {@code models}
 * models (Zipf-like shares), at {@code callsPerAgentMinute} calls per minute on average with a
 * diurnal swing (x0.4 at 04:00 UTC to x1.6 at 16:00 UTC). Counts of a window are the expected
 * value over its minutes, rounded, so coarser windows agree with finer ones to within rounding.
 */
final class Fleet {
    static final String OPERATION = "chat";
    private static final String[] MODEL_NAMES = {
        "gpt-4o", "gpt-4o-mini", "claude-3-5-sonnet", "claude-3-5-haiku", "gemini-1.5-pro",
        "gemini-1.5-flash", "mistral-large", "o1-mini", "gpt-4.1", "claude-3-opus"};
    /** USD per call at the typical token counts below, by model (roughly the catalog's prices). */
    private static final double[] COST_PER_CALL = {
        0.0050, 0.0003, 0.0069, 0.0018, 0.0040, 0.0002, 0.0040, 0.0022, 0.0040, 0.0345};

    final int agents;
    final int models;
    final double callsPerAgentMinute;
    private final double[] agentFactor;
    private final double[] modelShare;

    Fleet(int agents, int models, double callsPerAgentMinute) {
        this.agents = agents;
        this.models = models;
        this.callsPerAgentMinute = callsPerAgentMinute;
        SplittableRandom r = new SplittableRandom(7);
        agentFactor = new double[agents];
        for (int a = 0; a < agents; a++) {
            agentFactor[a] = Math.exp(r.nextGaussian() * 0.6 - 0.18); // mean ~1, some agents 4x busier
        }
        modelShare = new double[models];
        double total = 0;
        for (int m = 0; m < models; m++) {
            modelShare[m] = 1.0 / (m + 1);
            total += modelShare[m];
        }
        for (int m = 0; m < models; m++) {
            modelShare[m] /= total;
        }
    }

    /** The fleet of the benchmark options --agents (1000), --models (10) and --calls-per-minute (60). */
    static Fleet of(java.util.Map<String, String> o) {
        return new Fleet(Integer.parseInt(o.getOrDefault("--agents", "1000")), Integer.parseInt(o.getOrDefault("--models", "10")),
                Double.parseDouble(o.getOrDefault("--calls-per-minute", "60")));
    }

    static String agentId(int a) {
        return String.format("agent-%04d", a);
    }

    String model(int m) {
        return m < MODEL_NAMES.length ? MODEL_NAMES[m] : "model-" + m;
    }

    /** The index of a model name of this fleet, -1 for another name. */
    int modelIndex(String name) {
        for (int m = 0; m < models; m++) {
            if (model(m).equals(name)) {
                return m;
            }
        }
        return -1;
    }

    double agentFactor(int a) {
        return agentFactor[a];
    }

    double modelShare(int m) {
        return modelShare[m];
    }

    double costPerCall(int m) {
        return COST_PER_CALL[m % COST_PER_CALL.length];
    }

    static double errorRate(int m) {
        return 0.01 + 0.005 * (m % 4);
    }

    static long inputTokens(long calls, int m) {
        return calls * (900 + 100L * (m % 5));
    }

    static long outputTokens(long calls, int m) {
        return calls * (250 + 50L * (m % 3));
    }

    /** Expected calls of one average agent in [startMs, startMs + lenMs): integral of the diurnal rate. */
    double agentCalls(long startMs, long lenMs) {
        double minutes = lenMs / 60_000.0;
        if (lenMs >= 86_400_000L) {
            return callsPerAgentMinute * minutes; // whole days: the swing averages out
        }
        double day = 86_400_000.0;
        double w = 2 * Math.PI / day;
        // integral of 1 + 0.6 sin(w (t - 10h)) over the window, per minute of window
        double phase = 10 * 3_600_000.0;
        double a = startMs - phase;
        double b = startMs + lenMs - phase;
        double integral = lenMs + 0.6 * (Math.cos(w * a) - Math.cos(w * b)) / w;
        return callsPerAgentMinute * minutes * (integral / lenMs);
    }
}
