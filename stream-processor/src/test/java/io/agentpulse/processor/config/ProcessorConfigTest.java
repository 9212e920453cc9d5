package io.agentpulse.processor.config;

import io.agentpulse.contract.Granularity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentpulse.ops.ConfigException;
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
        assertThat(c.dedupHorizon()).isEqualTo(Duration.ofHours(1));
        assertThat(c.lateness()).isEqualTo(Duration.ofHours(1));
        assertThat(c.emitInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.granularities()).containsExactly(Granularity.MINUTE);
        assertThat(c.adminPort()).isEqualTo(8090);
        assertThat(c.priceCatalogPath()).isEmpty();
    }

    @Test
    void granularitiesAreSortedFinestFirstAndDurationsAcceptMillis() {
        ProcessorConfig c = ProcessorConfig.fromEnv(Map.of("AGENTPULSE_PROCESSOR_GRANULARITIES", "1d, 1m,1h",
                "AGENTPULSE_PROCESSOR_GRACE", "5s"));
        assertThat(c.granularities()).isEqualTo(List.of(Granularity.MINUTE, Granularity.HOUR, Granularity.DAY));
        assertThat(c.finest()).isEqualTo(Granularity.MINUTE);
        assertThat(c.grace()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theDatabasePasswordStaysOutOfToString() {
        ProcessorConfig c = ProcessorConfig.fromEnv(Map.of("AGENTPULSE_DB_PASSWORD", "s3cret-db-pass"));
        assertThat(c.dbPassword()).isEqualTo("s3cret-db-pass");
        assertThat(c.toString()).contains("dbPassword=(hidden)", "applicationId=agentpulse-processor")
                .doesNotContain("s3cret-db-pass");
    }

    @Test
    void badValuesFailWithASentenceNamingVariableAndValue() {
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("AGENTPULSE_PROCESSOR_GRACE", "soon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AGENTPULSE_PROCESSOR_GRACE is set to \"soon\"");
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("AGENTPULSE_PROCESSOR_GRANULARITIES", "1m,2m")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("AGENTPULSE_PROCESSOR_GRANULARITIES is set to \"1m,2m\", which is not valid; expected a comma-separated list of 1m, 5m, 1h, 1d, 1w, 4w.");
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("AGENTPULSE_PROCESSOR_ADMIN_PORT", "70000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AGENTPULSE_PROCESSOR_ADMIN_PORT");
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("AGENTPULSE_PROCESSOR_DEDUP_STORE", "disk")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("expected rocksdb or memory");
        // The registry's credentials are checked at start too, without repeating the secret.
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("AGENTPULSE_REGISTRY_BASIC_AUTH_USER_INFO", "nocolonsecret")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("AGENTPULSE_REGISTRY_BASIC_AUTH_USER_INFO must be user:password")
                .message().doesNotContain("nocolonsecret");
    }

    @Test
    void minutesAreAlwaysCountedAndTheDedupHorizonCoversTheLatenessBound() {
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("AGENTPULSE_PROCESSOR_GRANULARITIES", "1h,1d")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must include 1m");
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("AGENTPULSE_PROCESSOR_LATENESS", "2h")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AGENTPULSE_PROCESSOR_DEDUP_HORIZON (PT1H) must be 0 or at least AGENTPULSE_PROCESSOR_LATENESS (PT2H)");
        assertThat(ProcessorConfig.fromEnv(Map.of("AGENTPULSE_PROCESSOR_LATENESS", "2h", "AGENTPULSE_PROCESSOR_DEDUP_HORIZON", "3h"))
                .lateness()).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("AGENTPULSE_PROCESSOR_LATENESS", "30s")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at least 1m");
    }

    @Test
    void theBudgetJobRunsEvery30sByDefaultAndAtMostEverySecond() {
        assertThat(ProcessorConfig.defaults().budgetEvery()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ProcessorConfig.fromEnv(Map.of("AGENTPULSE_BUDGET_EVERY", "2s")).budgetEvery()).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("AGENTPULSE_BUDGET_EVERY", "500ms")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AGENTPULSE_BUDGET_EVERY must be at least 1s");
    }
}
