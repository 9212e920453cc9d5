package io.agentpulse.notify;

/** Delivers one notice to one channel, once (the caller retries). Implementations: {@link Senders}, test doubles. */
public interface Sender {
    Delivery send(Channel channel, Notice notice);
}
