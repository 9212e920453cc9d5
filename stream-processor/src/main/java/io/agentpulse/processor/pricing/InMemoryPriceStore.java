package io.agentpulse.processor.pricing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link PriceStore} on the heap (tests, and the contract's reference). */
final class InMemoryPriceStore implements PriceStore {
    private final Map<String, PriceVersion> byId = new LinkedHashMap<>();
    private final Map<String, String> byPatternTime = new LinkedHashMap<>();

    @Override
    public synchronized int seed(List<PriceVersion> versions) {
        int added = 0;
        for (PriceVersion v : versions) {
            String natural = v.pattern() + "@" + v.effectiveFrom().toEpochMilli();
            if (!byId.containsKey(v.id()) && !byPatternTime.containsKey(natural)) {
                byId.put(v.id(), v);
                byPatternTime.put(natural, v.id());
                added++;
            }
        }
        return added;
    }

    @Override
    public synchronized List<PriceVersion> all() {
        return new ArrayList<>(byId.values());
    }
}
