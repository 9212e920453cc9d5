package io.agentpulse.ops;

/** TEMPORARY stand-in (ingest module) until schemas' io.agentpulse.ops lands on main; delete then. */
public final class ConfigException extends RuntimeException {
    private final String variable;

    public ConfigException(String variable, String message) {
        super(message);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
