package io.agentpulse.ingest.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** OTLP/HTTP in binary protobuf ({@code application/x-protobuf}): request decoding, response encoding. */
public final class OtlpProto {
    private static final HexFormat HEX = HexFormat.of();

    private OtlpProto() {}

    /** Decodes an ExportTraceServiceRequest into spans (each with its resource's attributes). */
    public static List<OtlpSpan> decode(byte[] body) throws OtlpFormatException {
        ExportTraceServiceRequest request;
        try {
            request = ExportTraceServiceRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new OtlpFormatException("The body is not a protobuf ExportTraceServiceRequest: " + e.getMessage());
        }
        List<OtlpSpan> spans = new ArrayList<>();
        for (ResourceSpans rs : request.getResourceSpansList()) {
            Map<String, Object> resource = attributes(rs.getResource().getAttributesList());
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span s : ss.getSpansList()) {
                    spans.add(new OtlpSpan(id(s.getTraceId(), 16), id(s.getSpanId(), 8), id(s.getParentSpanId(), 8),
                            s.getName(), s.getStartTimeUnixNano(), s.getEndTimeUnixNano(),
                            attributes(s.getAttributesList()), s.getStatus().getCodeValue(), resource));
                }
            }
        }
        return spans;
    }

    /** The answer: empty partial_success when all spans were taken. */
    public static byte[] response(long rejectedSpans, String errorMessage) {
        ExportTraceServiceResponse.Builder b = ExportTraceServiceResponse.newBuilder();
        if (rejectedSpans > 0 || !errorMessage.isEmpty()) {
            b.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                    .setRejectedSpans(rejectedSpans).setErrorMessage(errorMessage));
        }
        return b.build().toByteArray();
    }

    /** A google.rpc.Status (code = field 1, message = field 2), the body of OTLP error answers. */
    public static byte[] status(int grpcCode, String message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            out.writeInt32(1, grpcCode);
            out.writeString(2, message);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Lowercase hex of an id of exactly {@code size} bytes; null when empty, all zero, or of another size. */
    private static String id(ByteString bytes, int size) {
        if (bytes.size() != size) {
            return null;
        }
        byte[] b = bytes.toByteArray();
        for (byte x : b) {
            if (x != 0) {
                return HEX.formatHex(b);
            }
        }
        return null;
    }

    private static Map<String, Object> attributes(List<KeyValue> list) {
        Map<String, Object> map = new HashMap<>(list.size() * 2);
        for (KeyValue kv : list) {
            Object v = value(kv.getValue());
            if (v != null) {
                map.put(kv.getKey(), v);
            }
        }
        return map;
    }

    private static Object value(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case BOOL_VALUE -> v.getBoolValue();
            case INT_VALUE -> v.getIntValue();
            case DOUBLE_VALUE -> v.getDoubleValue();
            case ARRAY_VALUE -> {
                List<Object> items = new ArrayList<>();
                for (AnyValue item : v.getArrayValue().getValuesList()) {
                    Object o = value(item);
                    if (o != null && !(o instanceof List)) {
                        items.add(o);
                    }
                }
                yield items;
            }
            default -> null; // bytes, kvlist and empty values carry nothing we map
        };
    }
}
