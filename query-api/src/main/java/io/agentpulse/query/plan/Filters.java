package io.agentpulse.query.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Equality filters on the three dimensions; null means "any". Values are compared with the
 * stored ones verbatim (a missing model is stored as "_none").
 */
public record Filters(String agent, String model, String operation) {
    public static final Filters NONE = new Filters(null, null, null);

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
