// Confluent's schema registry client + KafkaJS against the all-in-one, driven by ITAgentInterop.
//   node kafka.cjs produce <bootstrap> <registryUrl> <topic> <schema.avsc> <count> <t0Ms>
//       -> produces <count> Avro events (Confluent wire format) for agent js-kafka-agent
//   node kafka.cjs decode <bootstrap> <registryUrl> <topic> < values.hex
//       -> decodes record values (hex, one per line, as read from the topic) with Confluent's
//          deserializer (schema fetched from the registry by id), prints them as a JSON array
const fs = require('fs');
const { Kafka, logLevel, CompressionTypes, CompressionCodecs } = require('kafkajs');
const lz4 = require('lz4js');

// KafkaJS ships no LZ4 codec; our Java producers compress with LZ4 (the LZ4 frame format).
CompressionCodecs[CompressionTypes.LZ4] = () => ({
  compress: async (encoder) => Buffer.from(lz4.compress(encoder.buffer)),
  decompress: async (buffer) => Buffer.from(lz4.decompress(buffer)),
});
const { SchemaRegistryClient, SerdeType, AvroSerializer, AvroDeserializer } = require('@confluentinc/schemaregistry');

function jsEvent(i, t0) {
  return {
    event_id: 'jsk-' + i, event_time: t0 + i, agent_id: 'js-kafka-agent', kind: 'SPAN',
    environment: 'interop', model: 'gpt-4o-mini', provider: 'openai', operation: i % 4 === 0 ? 'execute_tool' : 'chat',
    latency_ms: 10 + (i % 50), ttft_ms: null, input_tokens: 100 + (i % 7), output_tokens: 20 + (i % 3),
    cached_input_tokens: null, reasoning_tokens: null, cost_usd: null, status: i % 10 === 0 ? 'ERROR' : 'OK',
    error_type: i % 10 === 0 ? 'timeout' : null, tool_name: null, conversation_id: null, trace_id: null,
    span_id: null, parent_span_id: null, feedback_score: null, host_cpu: null, host_memory_bytes: null,
    attributes: { client: 'kafkajs' },
  };
}

async function produce(kafka, registry, topic, schemaPath, count, t0) {
  const schema = JSON.stringify(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
  await registry.register(topic + '-value', { schemaType: 'AVRO', schema });
  const ser = new AvroSerializer(registry, SerdeType.VALUE, { useLatestVersion: true });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  for (let start = 0; start < count; start += 100) {
    const messages = [];
    for (let i = start; i < Math.min(count, start + 100); i++) {
      const e = jsEvent(i, t0);
      messages.push({ key: e.agent_id, value: Buffer.from(await ser.serialize(topic, e)) });
    }
    await producer.send({ topic, acks: -1, messages });
  }
  await producer.disconnect();
  return JSON.stringify({ produced: count });
}

async function decode(registry, topic, hexValues) {
  const deser = new AvroDeserializer(registry, SerdeType.VALUE, {});
  const out = [];
  for (const hex of hexValues) {
    out.push(await deser.deserialize(topic, Buffer.from(hex, 'hex')));
  }
  return JSON.stringify(out, (k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

async function main() {
  const [mode, bootstrap, url, topic, a, b, c] = process.argv.slice(2);
  const kafka = new Kafka({ clientId: 'agentpulse-interop', brokers: bootstrap.split(','), logLevel: logLevel.ERROR });
  const registry = new SchemaRegistryClient({ baseURLs: [url] });
  const out = mode === 'produce'
    ? await produce(kafka, registry, topic, a, Number(b), Number(c))
    : await decode(registry, topic, fs.readFileSync(0, 'utf8').split(/\s+/).filter((h) => h.length > 0));
  process.stdout.write(out + '\n');
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
  process.exit(1);
});
