package io.agentpulse.query.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Equality filters on the three dimensions; null means "any". Values are compared with the
 * stored ones verbatim (a missing model is stored as "_none"). {@code slice}: at most one slicing
 * dimension and its value (docs/CONTRACTS.md "Dimensions"), null for none.
 */
public record Filters(String agent, String model, String operation, Slice slice) {
    public static final Filters NONE = new Filters(null, null, null);

    /** Only the events whose slicing dimension {@code dimension} is {@code value} (raw, unescaped). */
    public record Slice(String dimension, String value) {}

    public Filters(String agent, String model, String operation) {
        this(agent, model, operation, null);
    }

    /** The same filters without the slice. */
    public Filters unsliced() {
        return slice == null ? this : new Filters(agent, model, operation);
    }

    /** The dimensions this filter pins, in the fixed order agent, model, operation. */
    public List<Dimension> pinned() {
        List<Dimension> dims = new ArrayList<>(3);
        if (agent != null) {
            dims.add(Dimension.AGENT);
        }
        if (model != null) {
            dims.add(Dimension.MODEL);
        }
        if (operation != null) {
            dims.add(Dimension.OPERATION);
        }
        return dims;
    }

    public String value(Dimension d) {
        return switch (d) {
            case AGENT -> agent;
            case MODEL -> model;
            case OPERATION -> operation;
        };
    }
}
