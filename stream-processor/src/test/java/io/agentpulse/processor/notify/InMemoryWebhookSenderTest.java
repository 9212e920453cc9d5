package io.agentpulse.processor.notify;

import java.net.URI;

class InMemoryWebhookSenderTest extends WebhookSenderContract {
    final InMemoryWebhookSender sender = new InMemoryWebhookSender().thenAnswer(200, 503);

    @Override
    WebhookSender sender() {
        return sender;
    }

    @Override
    URI target() {
        return URI.create("http://in-memory/hook");
    }

    @Override
    String lastBody() {
        return sender.posts().get(sender.posts().size() - 1).json();
    }

    @Override
    WebhookSender unreachable() {
        return new InMemoryWebhookSender().thenAnswer(-1);
    }
}
