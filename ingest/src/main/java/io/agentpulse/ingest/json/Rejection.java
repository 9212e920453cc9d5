package io.agentpulse.ingest.json;

/**
 * Why one event of a batch was not accepted: the first problem found in it.
 *
 * @param index  0-based position of the event in the batch (NDJSON: among non-blank lines)
 * @param field  the snake_case field at fault ({@code attributes.<key>} for one attribute,
 *               {@code $} for the event as a whole)
 * @param reason a sentence fragment for humans, e.g. "must be >= 0"
 * @param code   a short, bounded category for metrics: required, type, range, length, time_future,
 *               time_past, attributes, enum, malformed
 */
public record Rejection(int index, String field, String reason, String code) {

    /** The field name folded to a bounded set (attribute keys are open), for metric tags. */
    public String fieldTag() {
        return field.startsWith("attributes.") ? "attributes" : field;
    }
}
