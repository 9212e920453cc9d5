package io.agentpulse.notify;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelCheckTest {
    static Channel of(Channel.Type t, Map<String, String> settings, Map<String, String> secrets) {
        return new Channel("c1", "Channel", t, settings, secrets);
    }

    @Test
    void eachTypeNamesTheFieldThatIsWrong() {
        assertThatThrownBy(() -> ChannelCheck.check(of(Channel.Type.WEBHOOK, Map.of("url", "ftp://x"), Map.of())))
                .hasMessageStartingWith("settings.url: must be an http or https URL");
        assertThatThrownBy(() -> ChannelCheck.check(of(Channel.Type.SLACK, Map.of(), Map.of())))
                .hasMessage("secrets.url: is required.");
        assertThatThrownBy(() -> ChannelCheck.check(of(Channel.Type.PAGERDUTY, Map.of(), Map.of())))
                .hasMessage("secrets.routing_key: is required.");
        assertThatThrownBy(() -> ChannelCheck.check(of(Channel.Type.EMAIL, Map.of("host", "h", "from", "a@b", "to", "nobody"), Map.of())))
                .hasMessage("settings.to: 'nobody' is not an e-mail address.");
        assertThatThrownBy(() -> ChannelCheck.check(of(Channel.Type.EMAIL, Map.of("host", "h", "port", "70000"), Map.of())))
                .hasMessageStartingWith("settings.port:");
        assertThatThrownBy(() -> ChannelCheck.check(of(Channel.Type.SLACK, Map.of("url", "http://x"), Map.of("url", "http://x"))))
                .hasMessage("settings.url: a slack channel takes no such field; it takes none.");
        assertThatThrownBy(() -> ChannelCheck.check(new Channel("Bad Id", "n", Channel.Type.WEBHOOK, Map.of(), Map.of())))
                .hasMessageStartingWith("id:");
        assertThatThrownBy(() -> Channel.Type.parse("sms")).hasMessageStartingWith("type: 'sms' is not a channel type");
    }

    @Test
    void validChannelsPass() {
        assertThatCode(() -> ChannelCheck.check(of(Channel.Type.PAGERDUTY, Map.of(), Map.of("routing_key", "k")))).doesNotThrowAnyException();
        assertThatCode(() -> ChannelCheck.check(of(Channel.Type.EMAIL, Map.of("host", "smtp.example.org", "from", "a@b.org",
                "to", "x@y.org, z@y.org"), Map.of("password", "p")))).doesNotThrowAnyException();
    }
}
