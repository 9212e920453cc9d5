package io.agentpulse.ops;

/** A setting has a value the service cannot run with; the message is a full sentence for the operator. */
public final class ConfigException extends RuntimeException {
    private final String variable;

    public ConfigException(String variable, String message) {
        super(message);
        this.variable = variable;
    }

    /** The AGENTPULSE_* variable at fault. */
    public String variable() {
        return variable;
    }
}
