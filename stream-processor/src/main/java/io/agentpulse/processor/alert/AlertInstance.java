package io.agentpulse.processor.alert;

import io.agentpulse.processor.alert.AlertStateMachine.Severity;
import java.nio.ByteBuffer;

/**
 * The stored state of one alert instance. Times are epoch ms (0 = not set).
 *
 * @param pendingSince when the condition started to hold (the active-since time)
 * @param firingSince  when it fired: the start of the alert on agentpulse.alerts
 * @param lastTrueAt   the last evaluation that found the condition true (keep_firing_for counts from it)
 * @param resolvedAt   when it resolved
 */
record AlertInstance(AlertPhase phase, long pendingSince, long firingSince, long lastTrueAt, long resolvedAt,
                            Severity severity, double value, double threshold) {
    public static final AlertInstance INACTIVE = new AlertInstance(AlertPhase.INACTIVE, 0, 0, 0, 0, null, Double.NaN, Double.NaN);

    /** Fixed 51-byte encoding (version byte first) for the state store. */
    byte[] encode() {
        return ByteBuffer.allocate(51).put((byte) 1).put((byte) phase.ordinal())
                .put((byte) (severity == null ? -1 : severity.ordinal()))
                .putLong(pendingSince).putLong(firingSince).putLong(lastTrueAt).putLong(resolvedAt)
                .putDouble(value).putDouble(threshold).array();
    }

    static AlertInstance decode(byte[] bytes) {
        if (bytes == null) {
            return INACTIVE;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.get() != 1) {
            throw new IllegalStateException("Unknown alert state encoding version.");
        }
        AlertPhase phase = AlertPhase.values()[b.get()];
        int sev = b.get();
        return new AlertInstance(phase, b.getLong(), b.getLong(), b.getLong(), b.getLong(),
                sev < 0 ? null : Severity.values()[sev], b.getDouble(), b.getDouble());
    }
}
