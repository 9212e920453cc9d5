package io.agentpulse.processor.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceCatalogTest {
    private final PriceCatalog catalog = PriceCatalog.load(Optional.empty());

    @Test
    void bundledCatalogIsVersionedAndDated() {
        assertThat(catalog.version()).isNotBlank();
        assertThat(catalog.source()).contains("openai.com");
        assertThat(catalog.asOf()).isNotNull();
    }

    @Test
    void resolvesExactAliasDatedSnapshotAndProviderPrefix() {
        assertThat(catalog.find("gpt-4o").orElseThrow().model()).isEqualTo("gpt-4o");
        assertThat(catalog.find("gpt-4o-2024-08-06").orElseThrow().model()).isEqualTo("gpt-4o");
        assertThat(catalog.find("gpt-4o-mini-2024-07-18").orElseThrow().model()).isEqualTo("gpt-4o-mini");
        assertThat(catalog.find("openai/GPT-4.1").orElseThrow().model()).isEqualTo("gpt-4.1");
        assertThat(catalog.find("claude-3-7-sonnet-20250219").orElseThrow().model()).isEqualTo("claude-sonnet-4");
        assertThat(catalog.find("mistral-large-latest").orElseThrow().model()).isEqualTo("mistral-large");
        assertThat(catalog.find("gemini-2.5-flash-lite").orElseThrow().model()).isEqualTo("gemini-2.5-flash-lite");
        assertThat(catalog.find("gpt-4")).isEmpty();
        assertThat(catalog.find("o3x")).isEmpty();
        assertThat(catalog.find(null)).isEmpty();
    }

    @Test
    void pricesCachedAndReasoningTokensSeparately() {
        // claude-sonnet-4: input 3.00, cache read 0.30, output 15.00; reasoning at output price
        double cost = catalog.price("claude-sonnet-4", 10_000L, 4_000L, 2_000L, 500L).orElseThrow();
        assertThat(cost).isCloseTo((6_000 * 3.00 + 4_000 * 0.30 + 1_500 * 15.00 + 500 * 15.00) / 1e6, within(1e-15));
        assertThat(catalog.price("mistral-small", 1_000_000L, null, null, null).orElseThrow()).isCloseTo(0.10, within(1e-15));
    }

    @Test
    void fileOverridesTheBundledCatalogAndReasoningHasItsOwnPrice(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("prices.json");
        Files.writeString(f, """
                {"version":"x1","source":"test","as_of":"2026-01-01",
                 "models":{"m":{"input":1,"output":2,"reasoning":4}}}""");
        PriceCatalog c = PriceCatalog.load(Optional.of(f));
        assertThat(c.version()).isEqualTo("x1");
        assertThat(c.price("m", 1_000_000L, 0L, 1_000_000L, 500_000L)).contains(1.0 + 1.0 + 2.0);
        assertThat(c.find("gpt-4o")).isEmpty();
    }

    @Test
    void aCatalogWithoutPricesIsRejectedWithASentence(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"version\":\"1\",\"source\":\"s\",\"as_of\":\"2026-01-01\",\"models\":{\"m\":{\"input\":1}}}");
        assertThatThrownBy(() -> PriceCatalog.load(Optional.of(f))).hasMessageContaining("model 'm'");
    }
}
