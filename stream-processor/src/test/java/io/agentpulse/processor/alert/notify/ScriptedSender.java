package io.agentpulse.processor.alert.notify;

import io.agentpulse.notify.Channel;
import io.agentpulse.notify.Delivery;
import io.agentpulse.notify.Notice;
import io.agentpulse.notify.Sender;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Records every send; answers scripted HTTP statuses first (negative = no answer), then 200. */
final class ScriptedSender implements Sender {
    record Sent(Channel channel, Notice notice) {}

    private final List<Sent> sent = new ArrayList<>();
    private final Deque<Integer> script = new ArrayDeque<>();

    synchronized ScriptedSender thenAnswer(int... statuses) {
        for (int s : statuses) {
            script.add(s);
        }
        return this;
    }

    @Override
    public synchronized Delivery send(Channel channel, Notice notice) {
        sent.add(new Sent(channel, notice));
        int status = script.isEmpty() ? 200 : script.poll();
        return status < 0 ? Delivery.failed(true, "java.net.ConnectException: refused (scripted)") : Delivery.http(status);
    }

    synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }
}
