package io.agentpulse.processor.alert.notify;

import io.agentpulse.notify.Channel;
import java.util.List;

class InMemoryNotifyRepoTest extends NotifyRepoContract {
    final InMemoryNotifyRepo repo = new InMemoryNotifyRepo();

    @Override
    NotifyRepo repo() {
        return repo;
    }

    @Override
    void channel(Channel c) {
        repo.channel(c);
    }

    @Override
    void rule(String id, List<String> channels) {
        repo.route(id, channels);
    }
}
