package io.agentpulse.query.alert;

import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;

/** Keeps the latest value per rule id, as compaction would. */
final class InMemoryRulePublisher implements RulePublisher {
    private final Map<String, String> topic = new LinkedHashMap<>();

    @Override
    public synchronized Future<Void> publish(String id, String jsonOrNull) {
        topic.put(id, jsonOrNull);
        return Future.succeededFuture();
    }

    public synchronized Map<String, String> compacted() {
        return new LinkedHashMap<>(topic);
    }

    @Override
    public void close() {
    }
}
