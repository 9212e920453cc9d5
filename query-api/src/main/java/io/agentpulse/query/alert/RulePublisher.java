package io.agentpulse.query.alert;

import io.vertx.core.Future;

/**
 * Publishes a rule to the compacted agentpulse.alert-rules (key = id; null = delete).
 * Implementations: {@link KafkaRulePublisher}, {@link InMemoryRulePublisher}.
 */
interface RulePublisher extends AutoCloseable {
    Future<Void> publish(String id, String jsonOrNull);

    @Override
    void close();
}
