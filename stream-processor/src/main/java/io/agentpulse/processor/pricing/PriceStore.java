package io.agentpulse.processor.pricing;

import java.util.List;

/** Where price versions live (price_versions, V44): written by file loads and admins, read by the processor. */
interface PriceStore {
    /** Adds the versions whose id is not stored yet (a file loaded again adds nothing); returns how many were added. */
    int seed(List<PriceVersion> versions);

    /** Every version, any order. */
    List<PriceVersion> all();
}
