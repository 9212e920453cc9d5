package io.agentpulse.query.http;

/** JSON has no NaN or infinities: they become null. */
final class Json {
    private Json() {}

    static Double num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }
}
