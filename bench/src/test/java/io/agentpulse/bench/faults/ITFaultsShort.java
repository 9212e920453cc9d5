package io.agentpulse.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short versions of the most important fault tests (the full suite is {@link FaultSuite}):
 * the services as separate JVMs against a real broker and PostgreSQL, the oracle as criterion; and
 * the query API killed under 200 SSE clients, which resume on another instance (read back from Kafka).
 */
class ITFaultsShort {
    @TempDir
    Path dir;

    @Test
    void killMinusNineOfTheProcessorUnderLoadLosesAndDoublesNothing() {
        FaultResult r = new FaultScenarios(dir, 300).killProcessor(2, Duration.ofSeconds(8));
        System.out.println(FaultResult.markdownHeader() + "\n" + r.markdownRow());
        assertThat(r.passed()).as(r.detail()).isTrue();
        assertThat(r.counted()).isEqualTo(r.acknowledged()).isPositive();
    }

    @Test
    void brokerDownMeans503NeverA202AndEveryAcknowledgedEventCounts() {
        FaultResult r = new FaultScenarios(dir, 300).brokerRestart(Duration.ofSeconds(6), Duration.ofSeconds(10), Duration.ofSeconds(6));
        System.out.println(FaultResult.markdownHeader() + "\n" + r.markdownRow());
        assertThat(r.passed()).as(r.detail()).isTrue();
        assertThat(r.counted()).isEqualTo(r.acknowledged()).isPositive();
    }

    @Test
    void queryApiKilledUnder200SseClientsTheyResumeElsewhereAndMissNoAlertTransition() {
        FaultResult r = new FaultScenarios(dir, 300).sseFailover(200, Duration.ofSeconds(8), 20);
        System.out.println(FaultResult.markdownHeader() + "\n" + r.markdownRow());
        assertThat(r.passed()).as(r.detail()).isTrue();
        assertThat(r.detail()).contains("200/200 on B at the end", " 0 missed, 0 duplicated, 0 out of order, 0 resets");
    }
}
