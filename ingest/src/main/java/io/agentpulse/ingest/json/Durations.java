package io.agentpulse.ingest.json;

/** Small text helpers for error messages. */
final class Durations {
    private Durations() {}

    /** Milliseconds as the largest whole unit that fits: "7d", "5m", "90s", "250ms". */
    static String human(long ms) {
        if (ms % 86_400_000L == 0 && ms != 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms >= 3_600_000L) {
            return ms / 3_600_000L + "h" + (ms % 3_600_000L >= 60_000L ? " " + (ms % 3_600_000L) / 60_000L + "m" : "");
        }
        if (ms >= 60_000L) {
            return ms / 60_000L + "m" + (ms % 60_000L >= 1000L ? " " + (ms % 60_000L) / 1000L + "s" : "");
        }
        if (ms >= 1000L) {
            return ms / 1000L + "s";
        }
        return ms + "ms";
    }

    /** Echoes client input in a message without letting it grow the response. */
    static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
