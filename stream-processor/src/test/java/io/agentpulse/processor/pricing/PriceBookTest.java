package io.agentpulse.processor.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which version prices a call at a given time (explicit times, no clock). */
class PriceBookTest {
    private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant FEB = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant MAR = Instant.parse("2026-03-01T00:00:00Z");

    private static PriceVersion v(String pattern, Instant from, double input) {
        return new PriceVersion(PriceVersion.idOf(pattern, from), pattern, from, input, input / 2, input * 4, input * 4, "admin", null, "t");
    }

    private final PriceBook book = new PriceBook(List.of(v("gpt-4o", JAN, 2.5), v("gpt-4o", MAR, 2.0),
            v("gpt-4o-2024-08-06", FEB, 3.0), v("gpt-4o-mini", JAN, 0.15)));

    private String id(String model, Instant at) {
        return book.find(model, at.toEpochMilli()).map(PriceVersion::id).orElse(null);
    }

    @Test
    void theLatestVersionAtOrBeforeTheCallsTimeApplies() {
        assertThat(id("gpt-4o", JAN)).isEqualTo("gpt-4o@" + JAN); // effective_from is inclusive
        assertThat(id("gpt-4o", MAR.minusMillis(1))).isEqualTo("gpt-4o@" + JAN);
        assertThat(id("gpt-4o", MAR)).isEqualTo("gpt-4o@" + MAR);
        assertThat(id("openai/GPT-4o", MAR.plusSeconds(86_400 * 400))).isEqualTo("gpt-4o@" + MAR);
    }

    @Test
    void aNarrowerPatternAppliesOnlyFromItsOwnDateAndABroaderOneBeforeIt() {
        assertThat(id("gpt-4o-2024-08-06", JAN.plusSeconds(3600))).isEqualTo("gpt-4o@" + JAN);
        assertThat(id("gpt-4o-2024-08-06", FEB)).isEqualTo("gpt-4o-2024-08-06@" + FEB);
        assertThat(id("gpt-4o-2024-08-06", MAR)).isEqualTo("gpt-4o-2024-08-06@" + FEB); // its own line beats the broader one
        assertThat(id("gpt-4o-mini-2024-07-18", FEB)).isEqualTo("gpt-4o-mini@" + JAN); // longest prefix at a separator
    }

    @Test
    void beforeEveryVersionTheEarliestOfTheBestPatternApplies() {
        assertThat(id("gpt-4o", JAN.minusSeconds(86_400 * 365))).isEqualTo("gpt-4o@" + JAN);
        assertThat(id("gpt-4o-2024-08-06", JAN.minusSeconds(60))).isEqualTo("gpt-4o-2024-08-06@" + FEB);
    }

    @Test
    void unknownModelsAreNotPricedAndCostsUseTheChosenVersion() {
        assertThat(book.find("gpt-4", MAR.toEpochMilli())).isEmpty();
        assertThat(book.find(null, MAR.toEpochMilli())).isEmpty();
        PriceBook.Priced p = book.price("gpt-4o", MAR.toEpochMilli(), 1_000_000L, 400_000L, 100_000L, null).orElseThrow();
        // input 2.0, cached 1.0, output 8.0 per million
        assertThat(p.costUsd()).isCloseTo(0.6 * 2.0 + 0.4 * 1.0 + 0.1 * 8.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(p.version().id()).isEqualTo("gpt-4o@" + MAR);
    }

    @Test
    void theBundledCatalogBecomesOneVersionPerNameAndAliasAtItsDate() {
        PriceCatalog catalog = PriceCatalog.load(Optional.empty());
        List<PriceVersion> versions = catalog.versions("file");
        Instant asOf = catalog.asOf().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        assertThat(versions).allSatisfy(v -> {
            assertThat(v.effectiveFrom()).isEqualTo(asOf);
            assertThat(v.source()).isEqualTo("file");
            assertThat(v.catalogVersion()).isEqualTo(catalog.version());
        });
        assertThat(versions).extracting(PriceVersion::pattern).contains("gpt-4o", "chatgpt-4o-latest");
        PriceBook fromFile = new PriceBook(versions);
        assertThat(fromFile.price("claude-sonnet-4", asOf.toEpochMilli(), 10_000L, 4_000L, 2_000L, 500L).orElseThrow().costUsd())
                .isEqualTo(catalog.price("claude-sonnet-4", 10_000L, 4_000L, 2_000L, 500L).orElseThrow());
    }
}
