package io.agentpulse.query.plan;

/** A dimension filter the rollups cannot answer (see Planner.group); the API answers 400 naming the dimension. */
public final class SliceException extends IllegalArgumentException {
    private final String dimension;

    public SliceException(String dimension, String message) {
        super(message);
        this.dimension = dimension;
    }

    public String dimension() {
        return dimension;
    }
}
