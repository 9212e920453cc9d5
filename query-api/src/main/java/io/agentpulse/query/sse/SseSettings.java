package io.agentpulse.query.sse;

/**
 * @param heartbeatMs         interval of ": hb" comments, ms
 * @param replaySize          rollup and operator-action frames kept for Last-Event-ID replay (per process)
 * @param maxClients          concurrent streams; more are answered 503
 * @param maxPendingPerClient frames (distinct rollup keys, each alert transition) a slow client may
 *                            have waiting before it is dropped
 * @param alertReplaySize     alert transitions kept in memory for resuming clients; older positions
 *                            are read back from Kafka
 * @param alertBackfillMax    most transitions one read-back from Kafka may hold in memory; a client
 *                            further behind gets a reset event (reload from REST) instead
 */
public record SseSettings(long heartbeatMs, int replaySize, int maxClients, int maxPendingPerClient,
                          int alertReplaySize, int alertBackfillMax) {
    public static final int DEFAULT_ALERT_REPLAY_SIZE = 10_000;
    public static final int DEFAULT_ALERT_BACKFILL_MAX = 100_000;

    public SseSettings(long heartbeatMs, int replaySize, int maxClients, int maxPendingPerClient) {
        this(heartbeatMs, replaySize, maxClients, maxPendingPerClient, DEFAULT_ALERT_REPLAY_SIZE, DEFAULT_ALERT_BACKFILL_MAX);
    }
}
