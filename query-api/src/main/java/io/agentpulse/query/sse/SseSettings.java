package io.agentpulse.query.sse;

/**
 * @param heartbeatMs       interval of ": hb" comments, ms
 * @param replaySize        frames kept for Last-Event-ID replay
 * @param maxClients        concurrent streams; more are answered 503
 * @param maxPendingPerClient distinct rollup keys a slow client may have waiting before it is dropped
 */
public record SseSettings(long heartbeatMs, int replaySize, int maxClients, int maxPendingPerClient) {}
