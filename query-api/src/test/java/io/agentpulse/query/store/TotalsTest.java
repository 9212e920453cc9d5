package io.agentpulse.query.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.agentpulse.contract.sketch.SketchCodec;
import org.junit.jupiter.api.Test;

class TotalsTest {
    @Test
    void mergingEncodedSketchesEqualsMergingTheSketches() {
        Totals t = new Totals();
        DDSketch all = SketchCodec.newSketch();
        for (int part = 0; part < 50; part++) {
            DDSketch s = SketchCodec.newSketch();
            for (int i = 1; i <= 100; i++) {
                s.accept(part * 7.0 + i * 13.0);
            }
            all.mergeWith(s);
            t.mergeSketch(SketchCodec.encode(s));
        }
        for (double q : new double[] {0.5, 0.95, 0.99}) {
            assertThat(t.quantile(q)).isEqualTo(SketchCodec.quantile(all, q));
        }
    }

    @Test
    void bytesThatAreNotASketchAreRefused() {
        assertThatThrownBy(() -> new Totals().mergeSketch(new byte[] {9, 9, 9}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a sketch");
    }
}
