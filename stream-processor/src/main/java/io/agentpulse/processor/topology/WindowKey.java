package io.agentpulse.processor.topology;

import io.agentpulse.processor.Granularity;

/**
 * One group of one window. {@link #key()} is the rollup key of the contract:
 * granularity|grp|agent|model|operation|windowStartMillis. Dimensions are carried explicitly in
 * encoded values, so an agent id containing '|' never needs the key to be parsed back.
 */
record WindowKey(Granularity granularity, String grp, String agent, String model, String operation, long start) {
    static final String ANY = "*";
    static final String NONE = "_none";

    String key() {
        return granularity.label() + '|' + grp + '|' + agent + '|' + model + '|' + operation + '|' + start;
    }

    long end() {
        return start + granularity.sizeMs();
    }

    void encodeTo(Bin.Out out) {
        out.str(granularity.label()).str(grp).str(agent).str(model).str(operation).varLong(start);
    }

    static WindowKey decodeFrom(Bin.In in) {
        return new WindowKey(Granularity.ofLabel(in.str()), in.str(), in.str(), in.str(), in.str(), in.varLong());
    }

    /** The five groupings one event updates, for one granularity. */
    static WindowKey[] groupsOf(Granularity g, long start, String agent, String model, String operation) {
        return new WindowKey[] {
            new WindowKey(g, "series", agent, model, operation, start),
            new WindowKey(g, "agent", agent, ANY, ANY, start),
            new WindowKey(g, "model", ANY, model, ANY, start),
            new WindowKey(g, "operation", ANY, ANY, operation, start),
            new WindowKey(g, "all", ANY, ANY, ANY, start),
        };
    }
}
