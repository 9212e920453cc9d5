package io.agentpulse.ingest.json;

/** The body is not JSON (or not a JSON array/object of events); the message names line and column. */
public final class MalformedJsonException extends Exception {
    private final long line;
    private final long column;

    public MalformedJsonException(String problem, long line, long column) {
        super(problem + " at line " + line + ", column " + column);
        this.line = line;
        this.column = column;
    }

    public long line() {
        return line;
    }

    long column() {
        return column;
    }
}
