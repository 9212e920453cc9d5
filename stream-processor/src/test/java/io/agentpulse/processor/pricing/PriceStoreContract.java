package io.agentpulse.processor.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link PriceStore} does: seeding is idempotent, versions come back whole. */
abstract class PriceStoreContract {
    abstract PriceStore store();

    @Test
    void seedingTheSameCatalogTwiceAddsItOnce() {
        List<PriceVersion> file = PriceCatalog.load(Optional.empty()).versions("file");
        assertThat(store().seed(file)).isEqualTo(file.size());
        assertThat(store().seed(file)).isZero();
        assertThat(store().all()).hasSize(file.size());
    }

    @Test
    void aVersionComesBackWithEveryField() {
        Instant from = Instant.parse("2026-03-01T12:00:00Z");
        PriceVersion v = new PriceVersion(PriceVersion.idOf("m", from), "m", from, 1.5, 0.5, 6.0, 7.0, "admin", null, "alice");
        store().seed(List.of(v));
        assertThat(store().all()).containsExactly(v);
        // the same pattern and instant under another id is the same version: refused, not duplicated
        store().seed(List.of(new PriceVersion("other-id", "m", from, 9, 9, 9, 9, "admin", null, "bob")));
        assertThat(store().all()).containsExactly(v);
    }
}
