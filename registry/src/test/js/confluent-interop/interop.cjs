// Confluent's JavaScript serdes against our registry, driven by ITConfluentJsInterop.
//   node interop.cjs produce <registryUrl> <topic> <schema.avsc>   -> prints the serialized value as hex
//   node interop.cjs consume <registryUrl> <topic> <hex>           -> prints the decoded value as JSON
const fs = require('fs');
const { SchemaRegistryClient, SerdeType, AvroSerializer, AvroDeserializer } = require('@confluentinc/schemaregistry');

async function produce(registry, topic, schemaPath) {
  const schema = JSON.stringify(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
  const id = await registry.register(topic + '-value', { schemaType: 'AVRO', schema });
  const ser = new AvroSerializer(registry, SerdeType.VALUE, { useLatestVersion: true });
  const value = {
    event_id: 'js-1', event_time: 1700000000123, agent_id: 'js-agent', kind: 'FEEDBACK',
    environment: 'prod', model: 'claude-sonnet-4', provider: 'anthropic', operation: 'chat',
    latency_ms: 812.25, ttft_ms: null, input_tokens: 1200, output_tokens: 300,
    cached_input_tokens: null, reasoning_tokens: null, cost_usd: 0.0123, status: 'ERROR',
    error_type: 'timeout', tool_name: null, conversation_id: null, trace_id: 'abc', span_id: null,
    parent_span_id: null, feedback_score: 0.5, host_cpu: null, host_memory_bytes: null,
    attributes: { team: 'search', 'ünïcode': '✓' },
  };
  const bytes = await ser.serialize(topic, value);
  process.stderr.write('registered id ' + id + '\n');
  return Buffer.from(bytes).toString('hex');
}

async function consume(registry, topic, hex) {
  const deser = new AvroDeserializer(registry, SerdeType.VALUE, {});
  const value = await deser.deserialize(topic, Buffer.from(hex, 'hex'));
  return JSON.stringify(value, (k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

async function main() {
  const [mode, url, topic, arg] = process.argv.slice(2);
  const registry = new SchemaRegistryClient({ baseURLs: [url] });
  const out = mode === 'produce' ? await produce(registry, topic, arg) : await consume(registry, topic, arg);
  process.stdout.write(out + '\n');
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
  process.exit(1);
});
