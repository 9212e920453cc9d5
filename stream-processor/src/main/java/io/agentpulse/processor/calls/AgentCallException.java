package io.agentpulse.processor.calls;

/** The call-graph store failed (the run is rolled back and retried on the next one). */
final class AgentCallException extends RuntimeException {
    AgentCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
