package io.agentpulse.processor.alert;

import java.time.Duration;
import java.util.Optional;

/**
 * The pure state machine of one alert instance. Input: the previous state, the verdict of one
 * evaluation (empty = the condition does not hold, or too few samples) and the time; output: the
 * next state and at most one transition to publish. No clock, no I/O: time is an argument.
 *
 * <pre>
 * INACTIVE|RESOLVED --true, for = 0--> FIRING            (emit FIRING)
 * INACTIVE|RESOLVED --true, for > 0--> PENDING           (emit PENDING)
 * PENDING  --true, held for `for`----> FIRING            (emit FIRING)
 * PENDING  --false-------------------> INACTIVE          (emit PENDING_CANCELLED)
 * FIRING   --true, higher severity---> FIRING            (emit ESCALATED, same start)
 * FIRING   --false, keep_firing_for elapsed since last true--> RESOLVED (emit RESOLVED)
 * FIRING   --false, within keep_firing_for--> FIRING     (no event: flapping is absorbed)
 * </pre>
 */
final class AlertStateMachine {
    private AlertStateMachine() {}

    public enum Transition { PENDING, FIRING, ESCALATED, RESOLVED, PENDING_CANCELLED }

    /** A verdict that the condition holds, with its severity and the measured value and threshold. */
    public record Verdict(Severity severity, double value, double threshold) {}

    public enum Severity { WARNING, CRITICAL }

    /** The next state and the transition to publish, if any. */
    public record Step(AlertInstance state, Optional<Transition> transition) {
        static Step stay(AlertInstance s) {
            return new Step(s, Optional.empty());
        }

        static Step to(AlertInstance s, Transition t) {
            return new Step(s, Optional.of(t));
        }
    }

    public static Step step(AlertInstance s, Optional<Verdict> verdict, long now, Duration forDuration, Duration keepFiringFor) {
        return verdict.map(v -> whenTrue(s, v, now, forDuration)).orElseGet(() -> whenFalse(s, now, keepFiringFor));
    }

    private static Step whenTrue(AlertInstance s, Verdict v, long now, Duration forDuration) {
        return switch (s.phase()) {
            case INACTIVE, RESOLVED -> forDuration.isZero()
                    ? Step.to(fire(s, v, now, now), Transition.FIRING)
                    : Step.to(new AlertInstance(AlertPhase.PENDING, now, 0, now, 0, v.severity(), v.value(), v.threshold()), Transition.PENDING);
            case PENDING -> now - s.pendingSince() >= forDuration.toMillis()
                    ? Step.to(fire(s, v, s.pendingSince(), now), Transition.FIRING)
                    : Step.stay(new AlertInstance(AlertPhase.PENDING, s.pendingSince(), 0, now, 0, v.severity(), v.value(), v.threshold()));
            case FIRING -> {
                boolean higher = v.severity().ordinal() > s.severity().ordinal();
                AlertInstance next = new AlertInstance(AlertPhase.FIRING, s.pendingSince(), s.firingSince(), now, 0,
                        higher ? v.severity() : s.severity(), v.value(), higher ? v.threshold() : s.threshold());
                yield higher ? Step.to(next, Transition.ESCALATED) : Step.stay(next);
            }
        };
    }

    private static Step whenFalse(AlertInstance s, long now, Duration keepFiringFor) {
        return switch (s.phase()) {
            case INACTIVE, RESOLVED -> Step.stay(s);
            case PENDING -> Step.to(AlertInstance.INACTIVE, Transition.PENDING_CANCELLED);
            case FIRING -> now - s.lastTrueAt() >= keepFiringFor.toMillis()
                    ? Step.to(new AlertInstance(AlertPhase.RESOLVED, s.pendingSince(), s.firingSince(), s.lastTrueAt(), now,
                            s.severity(), s.value(), s.threshold()), Transition.RESOLVED)
                    : Step.stay(s);
        };
    }

    private static AlertInstance fire(AlertInstance s, Verdict v, long activeSince, long now) {
        return new AlertInstance(AlertPhase.FIRING, activeSince, now, now, 0, v.severity(), v.value(), v.threshold());
    }
}
