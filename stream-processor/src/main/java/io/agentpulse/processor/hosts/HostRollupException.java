package io.agentpulse.processor.hosts;

/** The database failed during a host job run; the run is rolled back and retried on the next one. */
final class HostRollupException extends RuntimeException {
    HostRollupException(String message, Throwable cause) {
        super(message, cause);
    }
}
