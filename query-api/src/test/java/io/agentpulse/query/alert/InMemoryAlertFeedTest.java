package io.agentpulse.query.alert;

import io.vertx.core.json.JsonObject;

class InMemoryAlertFeedTest extends AlertFeedContract {
    private final InMemoryAlertFeed feed = new InMemoryAlertFeed(2);

    @Override
    protected AlertFeed feed() {
        return feed;
    }

    @Override
    protected long append(int partition, String fingerprint) {
        return feed.publish(partition, new JsonObject().put("fingerprint", fingerprint));
    }

    @Override
    protected void deleteBefore(int partition, long offset) {
        feed.truncate(partition, offset);
    }
}
