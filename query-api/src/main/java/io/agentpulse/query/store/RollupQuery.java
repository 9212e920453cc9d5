package io.agentpulse.query.store;

import io.agentpulse.query.plan.Filters;
import io.agentpulse.query.plan.Segment;

/** Rows of group grp in one table segment matching the filters. */
public record RollupQuery(String grp, Filters filters, Segment segment) {}
