package io.agentpulse.processor.topology;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.EventKind;
import io.agentpulse.avro.Status;
import io.agentpulse.contract.Granularity;
import io.agentpulse.processor.config.ProcessorConfig;
import io.agentpulse.processor.pricing.PriceBook;
import io.agentpulse.contract.Completion;
import io.agentpulse.contract.Dimensions;
import io.agentpulse.contract.KeyParts;
import io.agentpulse.contract.Topics;
import io.agentpulse.contract.serde.AvroDeserializer;
import io.agentpulse.contract.serde.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Stage 1, per input partition: decode, validate, reject future events, deduplicate, reject events
 * older than the lateness bound, price, add the event to the one 1-minute window of its series at
 * its completion time (event_time + latency), forward the input bytes to the enriched topic. Every
 * emit interval (wall clock) it forwards each changed window's delta, merged once into the four
 * wider groups, and a final delta for each window whose end + grace has passed in stream time (the
 * largest accepted completion time of this task). Series deltas go out every series emit interval
 * (10 s: 30,000 series make each emit a rollup, a row and an alert check per series), groups every
 * emit. Coarser granularities are stage 2's.
 */
final class PulseProcessor implements Processor<byte[], byte[], Object, Object> {
    private static final String STREAM_TIME = "stream-time";

    private final ProcessorConfig config;
    private final Supplier<PriceBook> prices; // read per event: a new book (a version added) applies at once
    private final PulseMetrics metrics;
    private final AvroDeserializer<AgentEvent> deserializer;
    private final long graceMs;
    private final long futureMs;
    private final long latenessMs;
    private final long seriesEmitMs;
    private final boolean dedupOn;
    private ProcessorContext<Object, Object> context;
    private WindowStore<String, Long> dedup;
    private KeyValueStore<String, Long> meta;
    private OpenWindows windows;
    private Cardinality agents;
    private Cardinality models;
    private Cardinality operations;
    private Cardinality errorTypes;
    /** One bound per configured dimension (config.dimensions() order); empty: no slicing. */
    private Cardinality[] dimensionValues;
    private final StringBuilder dimsKey = new StringBuilder();
    /**
     * Distinct error types per task counted by type in rollups; later new ones fold into _other.
     * Error types are free text from agents; 100 is far above what a fleet's dashboards show (the
     * errors view lists the top ones) and keeps a window's type map small.
     */
    static final int MAX_ERROR_TYPES = 100;
    private long streamTime = Long.MIN_VALUE;
    private int partition;
    private long lastSeriesEmit = Long.MIN_VALUE; // wall clock of the last emit that sent series deltas
    private long lastAdvanceWall; // wall clock when this task last read a record (activity, not progress)

    PulseProcessor(ProcessorConfig config, Supplier<PriceBook> prices, PulseMetrics metrics,
                   AvroDeserializer<AgentEvent> deserializer) {
        this.config = config;
        this.prices = prices;
        this.metrics = metrics;
        this.deserializer = deserializer;
        this.graceMs = config.grace().toMillis();
        this.futureMs = config.futureBound().toMillis();
        this.latenessMs = config.lateness().toMillis();
        this.seriesEmitMs = config.seriesEmitInterval().toMillis();
        this.dedupOn = !config.dedupHorizon().isZero();
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.partition = context.taskId().partition();
        this.dedup = context.getStateStore(PulseTopology.DEDUP_STORE);
        this.meta = context.getStateStore(PulseTopology.META_STORE);
        CommitHookStore windowStore = context.getStateStore(PulseTopology.WINDOW_STORE);
        this.windows = new OpenWindows(windowStore.kv());
        windowStore.release();
        windowStore.beforeCommit(windows::save);
        agents = new Cardinality("agent", config.maxAgents(), metrics);
        models = new Cardinality("model", config.maxModels(), metrics);
        operations = new Cardinality("operation", config.maxOperations(), metrics);
        errorTypes = new Cardinality("error_type", MAX_ERROR_TYPES, metrics);
        Dimensions dims = config.dimensions();
        dimensionValues = new Cardinality[dims.names().size()];
        for (int i = 0; i < dimensionValues.length; i++) {
            dimensionValues[i] = new Cardinality(dims.names().get(i), dims.maxValues(), metrics);
        }
        for (WindowKey k : windows.keys()) {
            agents.seed(k.agent());
            models.seed(k.model());
            operations.seed(k.operation());
            for (String[] d : k.dimensions()) {
                int i = dims.names().indexOf(d[0]);
                if (i >= 0) {
                    dimensionValues[i].seed(d[1]);
                }
            }
        }
        Long saved = meta.get(STREAM_TIME);
        streamTime = saved == null ? Long.MIN_VALUE : saved;
        lastAdvanceWall = context.currentSystemTimeMs(); // a restarted task gets a full grace to read its backlog
        context.schedule(config.emitInterval(), PunctuationType.WALL_CLOCK_TIME, this::emit);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        // Any record read means the task is not idle: a backlog (a processor catching up after a
        // stall or a restart) must never be taken for silence, or the idle advance below would
        // turn the whole backlog into late events.
        lastAdvanceWall = context.currentSystemTimeMs();
        AgentEvent event;
        try {
            event = deserializer.deserialize(Topics.EVENTS, record.value());
        } catch (WireFormatException e) { // bad input only; an unreachable registry propagates and is retried
            dlq(record, e.reason(), String.valueOf(e.getMessage()));
            return;
        }
        if (event == null) {
            dlq(record, DlqReason.NOT_AVRO, "The record has no value.");
            return;
        }
        String problem = EventCheck.problem(event);
        if (problem != null) {
            dlq(record, problem, "Event " + event.getEventId() + " has an invalid field.");
            return;
        }
        accept(record, event);
    }

    private void accept(Record<byte[], byte[]> record, AgentEvent event) {
        long t = Completion.of(event);
        long now = context.currentSystemTimeMs(); // wall clock: an accepted future event must not move the bound
        if (t > now + futureMs) {
            dlq(record, DlqReason.FUTURE, "The event completed at " + t + ", more than " + futureMs + " ms after " + now + ".");
            return;
        }
        if (dedupOn && dedup.fetch(event.getEventId(), t) != null) {
            metrics.duplicate();
            return;
        }
        if (streamTime != Long.MIN_VALUE && t < streamTime - latenessMs) {
            dlq(record, DlqReason.TOO_OLD, "The event completed at " + t + ", more than " + latenessMs
                    + " ms before stream time " + streamTime + " (the lateness bound).");
            return;
        }
        if (dedupOn) {
            dedup.put(event.getEventId(), t, t);
        }
        Granularity minute = Granularity.MINUTE;
        if (minute.windowStart(t) + minute.millis() + graceMs <= streamTime) {
            metrics.correction(); // its window was emitted as final: this event corrects it
        }
        if (t > streamTime) {
            streamTime = t;
        }
        Headers headers = new RecordHeaders();
        PriceBook.Priced priced = price(event);
        if (priced != null) {
            headers.add(PulseTopology.COST_SOURCE_HEADER, utf8("catalog"));
            headers.add(PulseTopology.COST_USD_HEADER, utf8(Double.toString(priced.costUsd())));
            headers.add(PulseTopology.PRICE_VERSION_HEADER, utf8(priced.version().id()));
        } else if (event.getCostUsd() != null) {
            headers.add(PulseTopology.COST_SOURCE_HEADER, utf8("event"));
        }
        if (event.getKind() == EventKind.SPAN || event.getKind() == EventKind.UNKNOWN
                || event.getKind() == EventKind.FEEDBACK && event.getFeedbackScore() != null) {
            aggregate(event, t); // a score goes to the feedback counters of its window, not to the calls'
        }
        // the input bytes as they came: re-encoding every event cost more than all the rest of the path
        context.forward(new Record<Object, Object>(event.getEventId(), new Routed.Enriched(record.value()), record.timestamp(), headers));
        metrics.accepted();
    }

    /**
     * Fills cost_usd when the event has none, from the price version in force at its event_time (when the
     * call was made, not when it is processed: a backfill is priced as of its own time); returns that
     * price and version, or null.
     */
    private PriceBook.Priced price(AgentEvent e) {
        if (e.getCostUsd() != null) {
            return null;
        }
        Optional<PriceBook.Priced> cost = prices.get().price(e.getModel(), e.getEventTime().toEpochMilli(),
                e.getInputTokens(), e.getCachedInputTokens(), e.getOutputTokens(), e.getReasoningTokens());
        cost.ifPresent(p -> e.setCostUsd(p.costUsd()));
        return cost.orElse(null);
    }

    private void aggregate(AgentEvent e, long t) {
        String agent = agents.fold(e.getAgentId());
        String model = models.fold(e.getModel() == null || e.getModel().isBlank() ? WindowKey.NONE : e.getModel());
        String op = operations.fold(e.getOperation() == null || e.getOperation().isBlank() ? WindowKey.NONE : e.getOperation());
        double cost = e.getCostUsd() == null ? 0.0 : e.getCostUsd();
        String errorType = e.getStatus() != Status.ERROR || e.getErrorType() == null || e.getErrorType().isBlank()
                ? null : errorTypes.fold(e.getErrorType());
        Granularity minute = Granularity.MINUTE;
        long start = minute.windowStart(t);
        windows.add(dimensionValues.length == 0 ? WindowKey.series(minute, start, agent, model, op)
                : WindowKey.finest(minute, start, agent, model, op, dims(e)), e, cost, errorType);
    }

    /** The dimension part of the event's finest key: d1=v1|d2=v2.. (values folded at their bound, escaped). */
    private String dims(AgentEvent e) {
        Dimensions dims = config.dimensions();
        dimsKey.setLength(0);
        for (int i = 0; i < dimensionValues.length; i++) {
            if (i > 0) {
                dimsKey.append('|');
            }
            dimsKey.append(dims.names().get(i)).append('=').append(KeyParts.escape(dimensionValues[i].fold(dims.value(e, i))));
        }
        return dimsKey.toString();
    }

    private void emit(long wallClock) {
        advanceWhenIdle(wallClock);
        Bin.Out out = new Bin.Out();
        boolean withSeries = lastSeriesEmit == Long.MIN_VALUE || wallClock - lastSeriesEmit >= seriesEmitMs;
        if (withSeries) {
            lastSeriesEmit = wallClock;
        }
        windows.emit(streamTime, graceMs, withSeries, (key, delta, isFinal) -> {
            out.reset().varLong(partition).varLong(isFinal ? 1 : 0);
            key.encodeTo(out);
            delta.encodeTo(out);
            context.forward(new Record<Object, Object>(key.seriesKey(), new Routed.Partial(out.toBytes()), wallClock));
        });
        if (streamTime != Long.MIN_VALUE) {
            meta.put(STREAM_TIME, streamTime);
        }
    }

    /**
     * Live and idle: when the task read no record for a grace period and stream time is within
     * the future bound of the wall clock (so not a replay of old data), stream time follows the
     * wall clock minus grace. Windows then close (final snapshot) at about end + 2 x grace of wall
     * time even when traffic stops, instead of waiting for the next event.
     */
    private void advanceWhenIdle(long wallClock) {
        boolean live = streamTime != Long.MIN_VALUE && wallClock - streamTime <= futureMs;
        if (live && wallClock - lastAdvanceWall >= graceMs && wallClock - graceMs > streamTime) {
            streamTime = wallClock - graceMs;
        }
    }

    private void dlq(Record<byte[], byte[]> record, String reason, String detail) {
        Headers h = new RecordHeaders(record.headers().toArray());
        h.add(Topics.DLQ_REASON, utf8(reason));
        h.add(Topics.DLQ_DETAIL, utf8(detail.length() > 512 ? detail.substring(0, 512) : detail));
        Optional<RecordMetadata> md = context.recordMetadata();
        md.ifPresent(m -> {
            h.add(Topics.DLQ_SOURCE_TOPIC, utf8(m.topic()));
            h.add(Topics.DLQ_SOURCE_PARTITION, utf8(Integer.toString(m.partition())));
            h.add(Topics.DLQ_SOURCE_OFFSET, utf8(Long.toString(m.offset())));
        });
        context.forward(new Record<Object, Object>(record.key(), new Routed.Dlq(record.value()), record.timestamp(), h));
        metrics.dlq(reason);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

}
