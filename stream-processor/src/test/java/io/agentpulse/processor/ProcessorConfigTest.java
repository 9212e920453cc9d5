package io.agentpulse.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessorConfigTest {

    @Test
    void defaults() {
        ProcessorConfig c = ProcessorConfig.defaults();
        assertThat(c.applicationId()).isEqualTo("agentpulse-processor");
        assertThat(c.grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.dedupHorizon()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.emitInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.granularities()).containsExactly(Granularity.MINUTE);
        assertThat(c.adminPort()).isEqualTo(8090);
        assertThat(c.priceCatalogPath()).isEmpty();
    }

    @Test
    void granularitiesAreSortedFinestFirstAndDurationsAcceptMillis() {
        ProcessorConfig c = ProcessorConfig.fromEnv(Map.of("AGENTPULSE_PROCESSOR_GRANULARITIES", "1d, 1m,1h",
                "AGENTPULSE_PROCESSOR_GRACE", "5000"));
        assertThat(c.granularities()).isEqualTo(List.of(Granularity.MINUTE, Granularity.HOUR, Granularity.DAY));
        assertThat(c.finest()).isEqualTo(Granularity.MINUTE);
        assertThat(c.grace()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void badValuesFailWithASentenceNamingVariableAndValue() {
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("AGENTPULSE_PROCESSOR_GRACE", "soon")))
                .hasMessage("AGENTPULSE_PROCESSOR_GRACE is 'soon' but must be an ISO-8601 duration (PT30S) or a number of milliseconds.");
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("AGENTPULSE_PROCESSOR_GRANULARITIES", "1m,5m")))
                .hasMessageContaining("AGENTPULSE_PROCESSOR_GRANULARITIES is '1m,5m'");
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("AGENTPULSE_PROCESSOR_ADMIN_PORT", "70000")))
                .hasMessageContaining("a port number");
    }
}
