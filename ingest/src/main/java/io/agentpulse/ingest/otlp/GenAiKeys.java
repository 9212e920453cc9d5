package io.agentpulse.ingest.otlp;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Attribute keys of the OpenTelemetry GenAI semantic conventions (v1.41) and the older or alternative
 * keys that real instrumentations still emit, each list in order of precedence (first present wins,
 * so one quantity is never read twice from two families).
 */
final class GenAiKeys {
    static final List<String> PROVIDER = List.of("gen_ai.provider.name", "gen_ai.system", "llm.provider", "llm.system",
            "ai.model.provider");
    /** OpenInference names an embedding span's model in embedding.model_name, never in llm.model_name. */
    static final List<String> MODEL = List.of("gen_ai.response.model", "gen_ai.request.model", "llm.model_name",
            "embedding.model_name", "llm.response.model", "llm.request.model", "ai.response.model", "ai.model.id");
    static final List<String> INPUT_TOKENS = List.of("gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens",
            "llm.usage.prompt_tokens", "llm.token_count.prompt", "ai.usage.inputTokens", "ai.usage.promptTokens");
    static final List<String> OUTPUT_TOKENS = List.of("gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens",
            "llm.usage.completion_tokens", "llm.token_count.completion", "ai.usage.outputTokens",
            "ai.usage.completionTokens");
    static final List<String> CACHED_TOKENS = List.of("gen_ai.usage.cache_read.input_tokens",
            "gen_ai.usage.cache_read_input_tokens", "gen_ai.usage.input_tokens.cached",
            "llm.usage.cache_read_input_tokens", "llm.token_count.prompt_details.cache_read",
            "ai.usage.cachedInputTokens");
    static final List<String> REASONING_TOKENS = List.of("gen_ai.usage.reasoning.output_tokens",
            "gen_ai.usage.output_tokens.reasoning", "gen_ai.usage.reasoning_tokens",
            "llm.usage.reasoning_tokens", "llm.token_count.completion_details.reasoning", "ai.usage.reasoningTokens");
    static final List<String> AGENT = List.of("gen_ai.agent.name", "agent.name");
    static final List<String> TOOL = List.of("gen_ai.tool.name", "tool.name", "ai.toolCall.name");
    static final List<String> CONVERSATION = List.of("gen_ai.conversation.id", "session.id",
            "traceloop.association.properties.session_id", "ai.telemetry.metadata.sessionId");
    static final List<String> ENVIRONMENT = List.of("deployment.environment.name", "deployment.environment");
    static final List<String> TTFT_MS = List.of("ai.response.msToFirstChunk");

    /** Operations whose tokens are billed: the only spans tokens are counted from. */
    static final Set<String> INFERENCE = Set.of("chat", "text_completion", "generate_content", "embeddings");

    /**
     * Non-content attributes copied to the event (an allowlist: prompts, messages, tool arguments and
     * results are never copied, whatever key an instrumentation puts them under).
     */
    static final List<String> KEPT = List.of("service.version", "gen_ai.request.temperature", "gen_ai.request.top_p",
            "gen_ai.request.max_tokens", "gen_ai.response.finish_reasons", "gen_ai.response.id", "gen_ai.agent.id",
            "gen_ai.tool.call.id", "gen_ai.tool.type", "gen_ai.output.type", "gen_ai.data_source.id", "server.address");

    private static final Map<String, String> OPENINFERENCE_KIND = Map.of("LLM", "chat", "EMBEDDING", "embeddings",
            "TOOL", "execute_tool", "AGENT", "invoke_agent", "RETRIEVER", "retrieval", "RERANKER", "rerank");
    private static final Map<String, String> TRACELOOP_KIND = Map.of("agent", "invoke_agent", "tool", "execute_tool");
    private static final Map<String, String> LLM_REQUEST_TYPE = Map.of("chat", "chat", "completion", "text_completion",
            "embedding", "embeddings", "rerank", "rerank");
    /** Vercel AI SDK: only the provider-call spans are inferences; the outer ai.generateText etc. wrap them. */
    private static final Map<String, String> VERCEL_OPERATION = Map.of("ai.generateText.doGenerate", "chat",
            "ai.streamText.doStream", "chat", "ai.generateObject.doGenerate", "chat", "ai.streamObject.doStream", "chat",
            "ai.embed.doEmbed", "embeddings", "ai.embedMany.doEmbed", "embeddings", "ai.toolCall", "execute_tool");

    private GenAiKeys() {}

    /** The GenAI operation of a span, or null when it is not a GenAI span we record. */
    static String operation(Map<String, Object> a) {
        if (a.get("gen_ai.operation.name") instanceof String op && !op.isBlank()) {
            return op.trim().toLowerCase(Locale.ROOT);
        }
        if (a.get("openinference.span.kind") instanceof String k) {
            return OPENINFERENCE_KIND.get(k.toUpperCase(Locale.ROOT));
        }
        if (a.get("traceloop.span.kind") instanceof String k && TRACELOOP_KIND.containsKey(k)) {
            return TRACELOOP_KIND.get(k);
        }
        if (a.get("llm.request.type") instanceof String t) {
            return LLM_REQUEST_TYPE.get(t.toLowerCase(Locale.ROOT));
        }
        if (a.get("ai.operationId") instanceof String id) {
            return VERCEL_OPERATION.get(id);
        }
        // Early GenAI instrumentations set the system and usage but no operation name: a chat call.
        if (a.containsKey("gen_ai.system") && a.containsKey("gen_ai.request.model")) {
            return "chat";
        }
        return null;
    }

    /** The agent named by the span itself (Traceloop names agents through its entity name). */
    static String agentName(Map<String, Object> a) {
        String name = first(a, AGENT);
        if (name == null && "agent".equals(a.get("traceloop.span.kind"))) {
            name = string(a.get("traceloop.entity.name"));
        }
        return name;
    }

    static String toolName(Map<String, Object> a) {
        String name = first(a, TOOL);
        if (name == null && "tool".equals(a.get("traceloop.span.kind"))) {
            name = string(a.get("traceloop.entity.name"));
        }
        return name;
    }

    /** Vercel writes the provider as "openai.chat"; the part before the dot names the provider. */
    static String provider(Map<String, Object> a) {
        String p = first(a, PROVIDER);
        if (p != null && a.get("gen_ai.provider.name") == null && a.get("gen_ai.system") == null && p.indexOf('.') > 0
                && a.containsKey("ai.model.provider")) {
            p = p.substring(0, p.indexOf('.'));
        }
        return p == null ? null : p.toLowerCase(Locale.ROOT);
    }

    static String first(Map<String, Object> a, List<String> keys) {
        for (String k : keys) {
            String s = string(a.get(k));
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    static String string(Object v) {
        if (v instanceof String s) {
            return s.isBlank() ? null : s;
        }
        if (v instanceof Long || v instanceof Boolean) {
            return v.toString();
        }
        return null;
    }
}
