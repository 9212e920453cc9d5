package io.agentpulse.processor.notify;

import java.io.IOException;
import java.net.URI;

/**
 * Posts one JSON body to one URL. Implementations: {@link HttpWebhookSender} (java.net.http) and
 * {@link InMemoryWebhookSender}; one contract test runs against both.
 */
public interface WebhookSender {
    /** The HTTP status of the answer; throws IOException when no answer came (refused, timeout). */
    int post(URI url, String json) throws IOException;
}
