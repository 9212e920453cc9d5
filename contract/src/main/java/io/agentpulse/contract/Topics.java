package io.agentpulse.contract;

import java.util.List;

/**
 * Every topic name of the product, declared once. Serdes for each topic are built by
 * {@link io.agentpulse.contract.serde.TopicSerdes} from a registry client, so that the name and the
 * value type of a topic never drift apart.
 */
public final class Topics {
    private Topics() {}

    /** AgentEvent values, key = agent id (string). */
    public static final String EVENTS = "agentpulse.events";
    /** Raw bytes of rejected records, with headers {@code agentpulse.dlq.reason}, {@code .detail}, {@code .topic}, {@code .partition}, {@code .offset}. */
    public static final String EVENTS_DLQ = "agentpulse.events.dlq";
    /** Valid, deduplicated, priced AgentEvents, key = event id; feeds the raw-event sink. */
    public static final String EVENTS_ENRICHED = "agentpulse.events.enriched";
    /** WindowRollup values, key = rollup key string. */
    public static final String ROLLUPS = "agentpulse.rollups";
    /** AlertEvent values, key = fingerprint. */
    public static final String ALERTS = "agentpulse.alerts";
    /** Compacted; alert rule JSON, key = rule id; null value deletes. */
    public static final String ALERT_RULES = "agentpulse.alert-rules";

    /** Header names on DLQ records. */
    public static final String DLQ_REASON = "agentpulse.dlq.reason";
    public static final String DLQ_DETAIL = "agentpulse.dlq.detail";
    public static final String DLQ_SOURCE_TOPIC = "agentpulse.dlq.topic";
    public static final String DLQ_SOURCE_PARTITION = "agentpulse.dlq.partition";
    public static final String DLQ_SOURCE_OFFSET = "agentpulse.dlq.offset";

    public static List<String> all() {
        return List.of(EVENTS, EVENTS_DLQ, EVENTS_ENRICHED, ROLLUPS, ALERTS, ALERT_RULES);
    }

    /** Subject names in the registry (TopicNameStrategy: topic + "-value"). */
    public static String valueSubject(String topic) {
        return topic + "-value";
    }
}
