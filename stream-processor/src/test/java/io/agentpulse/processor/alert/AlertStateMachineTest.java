package io.agentpulse.processor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.processor.alert.AlertStateMachine.Severity;
import io.agentpulse.processor.alert.AlertStateMachine.Step;
import io.agentpulse.processor.alert.AlertStateMachine.Transition;
import io.agentpulse.processor.alert.AlertStateMachine.Verdict;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every transition of the state machine as a table; then flapping and a restart while pending. */
class AlertStateMachineTest {
    static final Duration FOR = Duration.ofSeconds(60);
    static final Duration KEEP = Duration.ofSeconds(30);
    static final Optional<Verdict> WARN = Optional.of(new Verdict(Severity.WARNING, 6, 5));
    static final Optional<Verdict> CRIT = Optional.of(new Verdict(Severity.CRITICAL, 12, 10));
    static final Optional<Verdict> NONE = Optional.empty();

    static AlertInstance pending(long since) {
        return new AlertInstance(AlertPhase.PENDING, since, 0, since, 0, Severity.WARNING, 6, 5);
    }

    static AlertInstance firing(long since, long lastTrue, Severity sev) {
        return new AlertInstance(AlertPhase.FIRING, since, since, lastTrue, 0, sev, 6, 5);
    }

    static AlertInstance resolved() {
        return new AlertInstance(AlertPhase.RESOLVED, 0, 1_000, 1_000, 2_000, Severity.WARNING, 6, 5);
    }

    static Stream<Arguments> table() {
        // from, verdict, now, for, keep_firing_for, expected phase, expected transition (null = none)
        return Stream.of(
                Arguments.of(AlertInstance.INACTIVE, NONE, 10_000L, FOR, KEEP, AlertPhase.INACTIVE, null),
                Arguments.of(AlertInstance.INACTIVE, WARN, 10_000L, FOR, KEEP, AlertPhase.PENDING, Transition.PENDING),
                Arguments.of(AlertInstance.INACTIVE, WARN, 10_000L, Duration.ZERO, KEEP, AlertPhase.FIRING, Transition.FIRING),
                Arguments.of(pending(10_000), WARN, 69_999L, FOR, KEEP, AlertPhase.PENDING, null),
                Arguments.of(pending(10_000), WARN, 70_000L, FOR, KEEP, AlertPhase.FIRING, Transition.FIRING),
                Arguments.of(pending(10_000), NONE, 30_000L, FOR, KEEP, AlertPhase.INACTIVE, Transition.PENDING_CANCELLED),
                Arguments.of(firing(10_000, 50_000, Severity.WARNING), WARN, 60_000L, FOR, KEEP, AlertPhase.FIRING, null),
                Arguments.of(firing(10_000, 50_000, Severity.WARNING), CRIT, 60_000L, FOR, KEEP, AlertPhase.FIRING, Transition.ESCALATED),
                Arguments.of(firing(10_000, 50_000, Severity.CRITICAL), WARN, 60_000L, FOR, KEEP, AlertPhase.FIRING, null),
                Arguments.of(firing(10_000, 50_000, Severity.WARNING), NONE, 79_999L, FOR, KEEP, AlertPhase.FIRING, null),
                Arguments.of(firing(10_000, 50_000, Severity.WARNING), NONE, 80_000L, FOR, KEEP, AlertPhase.RESOLVED, Transition.RESOLVED),
                Arguments.of(firing(10_000, 50_000, Severity.WARNING), NONE, 50_001L, FOR, Duration.ZERO, AlertPhase.RESOLVED, Transition.RESOLVED),
                Arguments.of(resolved(), NONE, 90_000L, FOR, KEEP, AlertPhase.RESOLVED, null),
                Arguments.of(resolved(), WARN, 90_000L, FOR, KEEP, AlertPhase.PENDING, Transition.PENDING),
                Arguments.of(resolved(), CRIT, 90_000L, Duration.ZERO, KEEP, AlertPhase.FIRING, Transition.FIRING));
    }

    @ParameterizedTest
    @MethodSource("table")
    void transition(AlertInstance from, Optional<Verdict> verdict, long now, Duration forD, Duration keep,
                    AlertPhase phase, Transition transition) {
        Step step = AlertStateMachine.step(from, verdict, now, forD, keep);
        assertThat(step.state().phase()).isEqualTo(phase);
        assertThat(step.transition()).isEqualTo(Optional.ofNullable(transition));
    }

    @Test
    void firingKeepsTheStartOfItsPendingAndItsFiringTime() {
        Step p = AlertStateMachine.step(AlertInstance.INACTIVE, WARN, 1_000, FOR, KEEP);
        Step f = AlertStateMachine.step(p.state(), WARN, 61_000, FOR, KEEP);
        assertThat(f.state().pendingSince()).isEqualTo(1_000);
        assertThat(f.state().firingSince()).isEqualTo(61_000);
        Step r = AlertStateMachine.step(f.state(), NONE, 100_000, FOR, KEEP);
        assertThat(r.state().resolvedAt()).isEqualTo(100_000);
        assertThat(r.state().firingSince()).isEqualTo(61_000);
    }

    @Test
    void flappingInsideKeepFiringForNeitherResolvesNorRefires() {
        AlertInstance s = firing(0, 0, Severity.WARNING);
        long[] times = {10_000, 20_000, 29_000, 40_000, 55_000, 69_000};
        boolean[] truth = {false, true, false, false, true, false};
        for (int i = 0; i < times.length; i++) {
            Step step = AlertStateMachine.step(s, truth[i] ? WARN : NONE, times[i], FOR, KEEP);
            assertThat(step.transition()).as("step %d", i).isEmpty();
            assertThat(step.state().phase()).isEqualTo(AlertPhase.FIRING);
            s = step.state();
        }
        // 30 s after the last true (55 s) it resolves, once
        Step end = AlertStateMachine.step(s, NONE, 85_000, FOR, KEEP);
        assertThat(end.transition()).contains(Transition.RESOLVED);
        assertThat(AlertStateMachine.step(end.state(), NONE, 95_000, FOR, KEEP).transition()).isEmpty();
    }

    @Test
    void aRestartWhilePendingKeepsThePendingStartAndFiresOnce() {
        Step p = AlertStateMachine.step(AlertInstance.INACTIVE, WARN, 1_000, FOR, KEEP);
        // "restart": the state goes through its store encoding and a new evaluator picks it up
        AlertInstance restored = AlertInstance.decode(p.state().encode());
        assertThat(restored).isEqualTo(p.state());
        assertThat(AlertStateMachine.step(restored, WARN, 30_000, FOR, KEEP).transition()).isEmpty();
        Step f = AlertStateMachine.step(restored, WARN, 61_000, FOR, KEEP);
        assertThat(f.transition()).contains(Transition.FIRING);
        AlertInstance again = AlertInstance.decode(f.state().encode());
        assertThat(AlertStateMachine.step(again, WARN, 62_000, FOR, KEEP).transition()).isEmpty();
    }
}
