// The OpenTelemetry JavaScript SDK with its OTLP HTTP exporter (protobuf or JSON) sending GenAI spans
// to the gateway's /v1/traces, driven by ITAgentInterop.
//   AGENTPULSE_API_KEY=apk_... node otel.cjs <gatewayUrl> <proto|json> <agentName> <serviceName>
const api = require('@opentelemetry/api');
const { BasicTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { OTLPTraceExporter: ProtoExporter } = require('@opentelemetry/exporter-trace-otlp-proto');
const { OTLPTraceExporter: JsonExporter } = require('@opentelemetry/exporter-trace-otlp-http');

async function main() {
  const [gateway, protocol, agentName, serviceName] = process.argv.slice(2);
  const url = gateway + '/v1/traces';
  // The gateway wants an ingest key; exporters send it from their headers setting (or OTEL_EXPORTER_OTLP_HEADERS).
  const headers = { Authorization: 'Bearer ' + process.env.AGENTPULSE_API_KEY };
  // The batch processor (the SDK's recommended one) exports the trace in one request, so the
  // gateway sees each span's invoke_agent ancestor (children end, and are exported, before it).
  const exporter = protocol === 'proto' ? new ProtoExporter({ url, headers }) : new JsonExporter({ url, headers });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName, 'deployment.environment.name': 'interop' }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('agentpulse-interop', '1.0.0');
  const { SpanKind, SpanStatusCode } = api;

  // An agent run; some frameworks repeat their children's usage on it: it must not be counted.
  const agent = tracer.startSpan('invoke_agent ' + agentName, { kind: SpanKind.INTERNAL, attributes: {
    'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': agentName, 'gen_ai.provider.name': 'openai',
    'gen_ai.usage.input_tokens': 999, 'gen_ai.usage.output_tokens': 999 } });
  const inAgent = api.trace.setSpan(api.context.active(), agent);

  const chat = tracer.startSpan('chat gpt-4o', { kind: SpanKind.CLIENT, attributes: {
    'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o',
    'gen_ai.response.model': 'gpt-4o-2024-08-06', 'gen_ai.usage.input_tokens': 100, 'gen_ai.usage.output_tokens': 20,
    'gen_ai.usage.cache_read.input_tokens': 40, 'gen_ai.usage.reasoning.output_tokens': 5,
    'gen_ai.conversation.id': 'conv-42',
    'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'SECRET-PROMPT' }] }]),
    'gen_ai.output.messages': 'SECRET-ANSWER' } }, inAgent);
  chat.end();

  const embed = tracer.startSpan('embeddings text-embedding-3-small', { kind: SpanKind.CLIENT, attributes: {
    'gen_ai.operation.name': 'embeddings', 'gen_ai.provider.name': 'openai',
    'gen_ai.request.model': 'text-embedding-3-small', 'gen_ai.usage.input_tokens': 8 } }, inAgent);
  embed.end();

  const tool = tracer.startSpan('execute_tool search_flights', { kind: SpanKind.INTERNAL, attributes: {
    'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'search_flights',
    'gen_ai.tool.call.arguments': 'SECRET-ARGS' } }, inAgent);
  tool.end();

  const failed = tracer.startSpan('chat gpt-4o', { kind: SpanKind.CLIENT, attributes: {
    'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o',
    'gen_ai.usage.input_tokens': 50, 'error.type': 'timeout' } }, inAgent);
  failed.setStatus({ code: SpanStatusCode.ERROR, message: 'upstream timeout' });
  failed.end();

  const http = tracer.startSpan('GET /healthz', { kind: SpanKind.SERVER, attributes: { 'http.request.method': 'GET' } }, inAgent);
  http.end();
  agent.end();

  // No agent around it: the agent falls back to service.name.
  const lone = tracer.startSpan('chat claude', { kind: SpanKind.CLIENT, attributes: {
    'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'anthropic', 'gen_ai.request.model': 'claude-sonnet-4',
    'gen_ai.usage.input_tokens': 7, 'gen_ai.usage.output_tokens': 1 } });
  lone.end();

  await provider.forceFlush();
  await provider.shutdown();
  process.stdout.write(JSON.stringify({ sent: 8 }) + '\n');
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
  process.exit(1);
});
