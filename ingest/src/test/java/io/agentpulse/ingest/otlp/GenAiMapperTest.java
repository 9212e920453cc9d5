package io.agentpulse.ingest.otlp;

import static io.agentpulse.ingest.otlp.Spans.T0;
import static io.agentpulse.ingest.otlp.Spans.span;
import static io.agentpulse.ingest.otlp.Spans.spanId;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentpulse.avro.AgentEvent;
import io.agentpulse.avro.Status;
import io.agentpulse.ingest.json.EventRules;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenAiMapperTest {
    private final GenAiMapper mapper = new GenAiMapper(EventRules.defaults(Clock.fixed(T0.plusSeconds(1), ZoneOffset.UTC)));

    private AgentEvent one(OtlpSpan s) {
        GenAiMapper.Mapped m = mapper.map(List.of(s));
        assertThat(m.rejections()).isEmpty();
        assertThat(m.events()).hasSize(1);
        return m.events().get(0);
    }

    @Test
    void currentConventionsV141() {
        AgentEvent e = one(span(spanId(), null, Map.ofEntries(
                Map.entry("gen_ai.operation.name", "chat"), Map.entry("gen_ai.provider.name", "openai"),
                Map.entry("gen_ai.request.model", "gpt-4o"), Map.entry("gen_ai.response.model", "gpt-4o-2024-08-06"),
                Map.entry("gen_ai.usage.input_tokens", 1200L), Map.entry("gen_ai.usage.output_tokens", 300L),
                Map.entry("gen_ai.usage.cache_read.input_tokens", 1000L),
                Map.entry("gen_ai.usage.reasoning.output_tokens", 120L),
                Map.entry("gen_ai.agent.name", "planner"), Map.entry("gen_ai.conversation.id", "conv-7"),
                Map.entry("gen_ai.response.finish_reasons", List.of("stop")))));
        assertThat(e.getOperation()).isEqualTo("chat");
        assertThat(e.getProvider()).isEqualTo("openai");
        assertThat(e.getModel()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(e.getInputTokens()).isEqualTo(1200L);
        assertThat(e.getOutputTokens()).isEqualTo(300L);
        assertThat(e.getCachedInputTokens()).isEqualTo(1000L);
        assertThat(e.getReasoningTokens()).isEqualTo(120L);
        assertThat(e.getAgentId()).isEqualTo("planner");
        assertThat(e.getConversationId()).isEqualTo("conv-7");
        assertThat(e.getLatencyMs()).isEqualTo(250.0);
        assertThat(e.getEventTime()).isEqualTo(T0);
        assertThat(e.getStatus()).isEqualTo(Status.OK);
        assertThat(e.getEventId()).isEqualTo(Spans.TRACE + e.getSpanId());
        assertThat(e.getAttributes()).containsEntry("gen_ai.response.finish_reasons", "stop");
    }

    @Test
    void customDimensionsAreKeptFromTheSpanElseTheResourceAndOthersAreNot() {
        GenAiMapper withTeam = new GenAiMapper(new EventRules(Clock.fixed(T0.plusSeconds(1), ZoneOffset.UTC),
                EventRules.DEFAULT_MAX_FUTURE, EventRules.DEFAULT_MAX_PAST, List.of("team", "customer.tier")));
        OtlpSpan s = span(spanId(), null, Map.of("gen_ai.operation.name", "chat", "customer.tier", "gold", "other", "x"),
                Map.of("service.name", "svc", "team", "search", "customer.tier", "silver"));
        AgentEvent e = withTeam.map(List.of(s)).events().get(0);
        assertThat(e.getAttributes()).containsEntry("team", "search").as("the span's own value wins")
                .containsEntry("customer.tier", "gold").doesNotContainKey("other");
        assertThat(one(s).getAttributes()).as("without the dimension configured").doesNotContainKey("team");
    }

    @Test
    void olderKeysGenAiSystemAndPromptCompletionTokens() {
        AgentEvent e = one(span(spanId(), null, Map.of("gen_ai.system", "anthropic",
                "gen_ai.request.model", "claude-3-5-sonnet", "gen_ai.usage.prompt_tokens", 50L,
                "gen_ai.usage.completion_tokens", 20L, "gen_ai.usage.cache_read_input_tokens", 10L)));
        assertThat(e.getOperation()).isEqualTo("chat");
        assertThat(e.getProvider()).isEqualTo("anthropic");
        assertThat(e.getModel()).isEqualTo("claude-3-5-sonnet");
        assertThat(e.getInputTokens()).isEqualTo(50L);
        assertThat(e.getOutputTokens()).isEqualTo(20L);
        assertThat(e.getCachedInputTokens()).isEqualTo(10L);
    }

    @Test
    void openLlmetryLlmUsageAndTraceloop() {
        String agent = spanId();
        OtlpSpan agentSpan = span(agent, null, Map.of("traceloop.span.kind", "agent", "traceloop.entity.name", "researcher"));
        OtlpSpan llm = span(spanId(), agent, Map.of("llm.request.type", "chat", "gen_ai.system", "OpenAI",
                "llm.request.model", "gpt-4o-mini", "llm.usage.prompt_tokens", 11L, "llm.usage.completion_tokens", 7L,
                "llm.usage.total_tokens", 18L, "traceloop.entity.input", "SECRET PROMPT"));
        OtlpSpan tool = span(spanId(), agent, Map.of("traceloop.span.kind", "tool", "traceloop.entity.name", "search_web",
                "traceloop.entity.output", "SECRET RESULT"));
        GenAiMapper.Mapped m = mapper.map(List.of(agentSpan, llm, tool));
        assertThat(m.events()).extracting(AgentEvent::getOperation).containsExactly("invoke_agent", "chat", "execute_tool");
        assertThat(m.events()).extracting(AgentEvent::getAgentId).containsOnly("researcher");
        AgentEvent chat = m.events().get(1);
        assertThat(chat.getProvider()).isEqualTo("openai");
        assertThat(chat.getModel()).isEqualTo("gpt-4o-mini");
        assertThat(chat.getInputTokens()).isEqualTo(11L);
        assertThat(chat.getOutputTokens()).isEqualTo(7L);
        assertThat(m.events().get(2).getToolName()).isEqualTo("search_web");
        assertThat(m.events().toString()).doesNotContain("SECRET");
    }

    @Test
    void openInferenceTokenCountsAndSpanKind() {
        OtlpSpan llm = span(spanId(), null, Map.of("openinference.span.kind", "LLM", "llm.model_name", "gpt-4.1",
                "llm.provider", "openai", "llm.token_count.prompt", 90L, "llm.token_count.completion", 30L,
                "llm.token_count.prompt_details.cache_read", 64L, "llm.token_count.completion_details.reasoning", 12L,
                "llm.input_messages.0.message.content", "SECRET", "input.value", "SECRET", "session.id", "s-1"));
        OtlpSpan emb = span(spanId(), null, Map.of("openinference.span.kind", "EMBEDDING",
                "embedding.model_name", "text-embedding-3-small", "llm.token_count.prompt", 8L));
        OtlpSpan chain = span(spanId(), null, Map.of("openinference.span.kind", "CHAIN", "llm.token_count.prompt", 90L));
        GenAiMapper.Mapped m = mapper.map(List.of(llm, emb, chain));
        assertThat(m.ignored()).isEqualTo(1);
        AgentEvent e = m.events().get(0);
        assertThat(e.getOperation()).isEqualTo("chat");
        assertThat(e.getModel()).isEqualTo("gpt-4.1");
        assertThat(e.getInputTokens()).isEqualTo(90L);
        assertThat(e.getOutputTokens()).isEqualTo(30L);
        assertThat(e.getCachedInputTokens()).isEqualTo(64L);
        assertThat(e.getReasoningTokens()).isEqualTo(12L);
        assertThat(e.getConversationId()).isEqualTo("s-1");
        assertThat(m.events().get(1).getOperation()).isEqualTo("embeddings");
        assertThat(m.events().get(1).getInputTokens()).isEqualTo(8L);
        assertThat(m.events().toString()).doesNotContain("SECRET");
    }

    @Test
    void openInferenceEmbeddingKeepsItsModel() {
        // attributes as @arizeai/openinference-instrumentation-openai writes them for embeddings.create
        AgentEvent e = one(span(spanId(), null, Map.of("openinference.span.kind", "EMBEDDING",
                "embedding.model_name", "text-embedding-3-small", "llm.system", "openai", "llm.provider", "openai",
                "llm.token_count.prompt", 8L, "llm.token_count.total", 8L, "input.value", "SECRET",
                "embedding.embeddings.0.embedding.text", "SECRET TEXT")));
        assertThat(e.getOperation()).isEqualTo("embeddings");
        assertThat(e.getModel()).isEqualTo("text-embedding-3-small");
        assertThat(e.getProvider()).isEqualTo("openai");
        assertThat(e.getInputTokens()).isEqualTo(8L);
        assertThat(e.toString()).doesNotContain("SECRET");
    }

    @Test
    void vercelAiSdkCountsTheProviderCallNotTheWrapper() {
        String wrapper = spanId();
        OtlpSpan outer = span(wrapper, null, Map.of("ai.operationId", "ai.generateText", "ai.model.id", "gpt-4o",
                "ai.usage.promptTokens", 40L, "ai.usage.completionTokens", 10L, "ai.prompt", "SECRET"));
        OtlpSpan inner = span(spanId(), wrapper, Map.of("ai.operationId", "ai.generateText.doGenerate",
                "ai.model.id", "gpt-4o", "ai.model.provider", "openai.chat", "ai.usage.promptTokens", 40L,
                "ai.usage.completionTokens", 10L, "ai.response.text", "SECRET", "ai.response.msToFirstChunk", 85.5));
        OtlpSpan tool = span(spanId(), wrapper, Map.of("ai.operationId", "ai.toolCall", "ai.toolCall.name", "weather",
                "ai.toolCall.args", "SECRET"));
        GenAiMapper.Mapped m = mapper.map(List.of(outer, inner, tool));
        assertThat(m.ignored()).isEqualTo(1);
        assertThat(m.events()).hasSize(2);
        AgentEvent chat = m.events().get(0);
        assertThat(chat.getProvider()).isEqualTo("openai");
        assertThat(chat.getModel()).isEqualTo("gpt-4o");
        assertThat(chat.getTtftMs()).isEqualTo(85.5);
        assertThat(m.events().stream().mapToLong(e -> e.getInputTokens() == null ? 0 : e.getInputTokens()).sum()).isEqualTo(40);
        assertThat(m.events().get(1).getToolName()).isEqualTo("weather");
        assertThat(m.events().toString()).doesNotContain("SECRET");
    }

    @Test
    void agentNameFallsBackToNearestInvokeAgentAncestorThenServiceName() {
        String outer = spanId();
        String inner = spanId();
        String plain = spanId();
        OtlpSpan outerAgent = span(outer, null, Map.of("gen_ai.operation.name", "invoke_agent", "gen_ai.agent.name", "supervisor"));
        OtlpSpan innerAgent = span(inner, outer, Map.of("gen_ai.operation.name", "invoke_agent", "gen_ai.agent.name", "coder"));
        OtlpSpan http = span(plain, inner, Map.of("http.request.method", "POST"));
        OtlpSpan chat = span(spanId(), plain, Map.of("gen_ai.operation.name", "chat", "gen_ai.request.model", "m"));
        OtlpSpan tool = span(spanId(), outer, Map.of("gen_ai.operation.name", "execute_tool", "gen_ai.tool.name", "grep"));
        OtlpSpan orphan = span(spanId(), null, Map.of("gen_ai.operation.name", "chat"));
        OtlpSpan noService = span(spanId(), null, Map.of("gen_ai.operation.name", "chat"), Map.of());
        GenAiMapper.Mapped m = mapper.map(List.of(outerAgent, innerAgent, http, chat, tool, orphan, noService));
        assertThat(m.ignored()).isEqualTo(1);
        assertThat(m.events()).extracting(AgentEvent::getAgentId)
                .containsExactly("supervisor", "coder", "coder", "supervisor", "checkout-service", GenAiMapper.UNKNOWN_AGENT);
    }

    @Test
    void tokensAreCountedFromInferenceSpansOnlyNeverTwice() {
        String agent = spanId();
        // Some frameworks repeat their children's usage on the agent span; summing both would double it.
        OtlpSpan agentSpan = span(agent, null, Map.of("gen_ai.operation.name", "invoke_agent", "gen_ai.agent.name", "a",
                "gen_ai.usage.input_tokens", 300L, "gen_ai.usage.output_tokens", 30L));
        OtlpSpan c1 = span(spanId(), agent, Map.of("gen_ai.operation.name", "chat", "gen_ai.usage.input_tokens", 100L,
                "gen_ai.usage.output_tokens", 10L, "gen_ai.usage.prompt_tokens", 999L, "llm.usage.prompt_tokens", 999L));
        OtlpSpan c2 = span(spanId(), agent, Map.of("gen_ai.operation.name", "chat", "gen_ai.usage.input_tokens", 200L,
                "gen_ai.usage.output_tokens", 20L));
        OtlpSpan tool = span(spanId(), agent, Map.of("gen_ai.operation.name", "execute_tool", "gen_ai.usage.input_tokens", 5L));
        GenAiMapper.Mapped m = mapper.map(List.of(agentSpan, c1, c2, tool));
        long in = m.events().stream().mapToLong(e -> e.getInputTokens() == null ? 0 : e.getInputTokens()).sum();
        long out = m.events().stream().mapToLong(e -> e.getOutputTokens() == null ? 0 : e.getOutputTokens()).sum();
        assertThat(in).isEqualTo(300);
        assertThat(out).isEqualTo(30);
        assertThat(m.events().get(0).getInputTokens()).isNull();
        assertThat(m.events().get(3).getInputTokens()).isNull();
    }

    @Test
    void contentIsDroppedWhateverTheKey() {
        Map<String, Object> a = new java.util.HashMap<>(Map.of("gen_ai.operation.name", "chat",
                "gen_ai.input.messages", "[{\"role\":\"user\",\"parts\":[{\"content\":\"SECRET\"}]}]",
                "gen_ai.output.messages", "SECRET", "gen_ai.system_instructions", "SECRET",
                "gen_ai.prompt.0.content", "SECRET", "gen_ai.completion.0.content", "SECRET",
                "gen_ai.tool.call.arguments", "SECRET", "gen_ai.tool.call.result", "SECRET"));
        a.put("output.value", "SECRET");
        a.put("custom.user.note", "SECRET");
        OtlpSpan s = new OtlpSpan(Spans.TRACE, spanId(), null, "chat SECRET", Spans.span("0000000000000001", null, Map.of())
                .startNanos(), Spans.span("0000000000000001", null, Map.of()).endNanos(), a, 0, Map.of("service.name", "svc"));
        AgentEvent e = one(s);
        assertThat(e.toString()).doesNotContain("SECRET");
        assertThat(e.getAttributes().keySet()).containsOnly("source");
    }

    @Test
    void errorsCarryErrorType() {
        AgentEvent withType = one(span(spanId(), null, Map.of("gen_ai.operation.name", "chat", "error.type", "timeout")));
        AgentEvent statusOnly = one(Spans.error(span(spanId(), null, Map.of("gen_ai.operation.name", "chat"))));
        assertThat(withType.getStatus()).isEqualTo(Status.ERROR);
        assertThat(withType.getErrorType()).isEqualTo("timeout");
        assertThat(statusOnly.getStatus()).isEqualTo(Status.ERROR);
        assertThat(statusOnly.getErrorType()).isEqualTo("_OTHER");
    }

    @Test
    void invalidSpansAreRejectedOthersStand() {
        GenAiMapper strict = new GenAiMapper(new EventRules(Clock.fixed(T0.minusSeconds(3600), ZoneOffset.UTC),
                Duration.ofMinutes(5), Duration.ofDays(7)));
        OtlpSpan future = span(spanId(), null, Map.of("gen_ai.operation.name", "chat"));
        OtlpSpan noId = new OtlpSpan(null, null, null, "x", future.startNanos(), future.endNanos(),
                Map.of("gen_ai.operation.name", "chat"), 0, Map.of());
        OtlpSpan badTokens = span(spanId(), null, Map.of("gen_ai.operation.name", "chat", "gen_ai.usage.input_tokens", "lots"));
        GenAiMapper.Mapped m = strict.map(List.of(future, noId));
        assertThat(m.events()).isEmpty();
        assertThat(m.rejections()).extracting(r -> r.code()).containsExactly("time_future", "required");
        GenAiMapper.Mapped ok = mapper.map(List.of(badTokens, span(spanId(), null, Map.of("gen_ai.operation.name", "chat"))));
        assertThat(ok.events()).hasSize(1);
        assertThat(ok.rejections()).extracting(r -> r.code()).containsExactly("type");
    }
}
