package io.agentpulse.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class StartupTest {
    @Test
    void findsTheBadSettingBehindWrappers() {
        ConfigException bad = new ConfigException("AGENTPULSE_X", "AGENTPULSE_X is set to \"y\", which is not valid.");
        assertThat(Startup.badSetting(bad)).isSameAs(bad);
        assertThat(Startup.badSetting(new CompletionException(new IllegalStateException("start failed", bad)))).isSameAs(bad);
        assertThat(Startup.badSetting(new IllegalStateException("no setting at fault"))).isNull();
    }

    @Test
    void anythingButABadSettingPropagates() {
        IllegalStateException boom = new IllegalStateException("boom");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Startup.run(() -> {
            throw boom;
        })).isSameAs(boom);
    }
}
