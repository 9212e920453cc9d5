package io.agentpulse.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicSpecsTest {
    @Test
    void everyTopicIsSpecifiedAndOnlyAlertRulesIsCompacted() {
        Map<String, NewTopic> specs = TopicSpecs.all(6, (short) 1).stream()
            .collect(Collectors.toMap(NewTopic::name, t -> t));

        assertThat(specs.keySet()).containsExactlyInAnyOrderElementsOf(Topics.all());
        assertThat(specs.values()).allSatisfy(t -> {
            assertThat(t.numPartitions()).isEqualTo(6);
            assertThat(t.replicationFactor()).isEqualTo((short) 1);
        });
        assertThat(specs.get(Topics.ALERT_RULES).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(specs.get(Topics.EVENTS).configs()).isNullOrEmpty();
    }

    @Test
    void nonsenseSizesAreRefused() {
        assertThatThrownBy(() -> TopicSpecs.all(0, (short) 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
