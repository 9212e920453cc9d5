package io.agentpulse.bench.faults;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Small timing helpers of the fault harness (wall clock: these are real processes). */
final class Faults {
    private Faults() {}

    static void pause(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        for (long left = d.toNanos(); left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    /** Polls every 200 ms until true; the time it took, or an IllegalStateException naming {@code what}. */
    static Duration await(String what, Duration timeout, BooleanSupplier condition) {
        long t0 = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - t0 > timeout.toNanos()) {
                throw new IllegalStateException("Timed out after " + timeout + " waiting for " + what);
            }
            pause(Duration.ofMillis(200));
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
