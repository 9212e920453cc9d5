package io.agentpulse.processor.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** What every WebhookSender does: 2xx on success, the status as is on failure, IOException without an answer. */
abstract class WebhookSenderContract {
    /** A sender whose target answers 200, then 503 once, then 200 again. */
    abstract WebhookSender sender();

    abstract URI target();

    abstract String lastBody();

    @Test
    void postsTheBodyAndReturnsTheStatus() throws Exception {
        WebhookSender s = sender();
        assertThat(s.post(target(), "{\"a\":1}")).isEqualTo(200);
        assertThat(lastBody()).isEqualTo("{\"a\":1}");
        assertThat(s.post(target(), "{\"a\":2}")).isEqualTo(503);
        assertThat(s.post(target(), "{\"a\":3}")).isEqualTo(200);
        assertThat(lastBody()).isEqualTo("{\"a\":3}");
    }

    @Test
    void noAnswerIsAnIOException() {
        assertThatThrownBy(() -> unreachable().post(URI.create("http://127.0.0.1:1/hook"), "{}")).isInstanceOf(IOException.class);
    }

    /** A sender whose target never answers. */
    abstract WebhookSender unreachable();
}
