package io.wenliu.models.bert;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX model that carry weights: the graph's float initializers and its nodes'
 * operator types and input/output names (enough to trace which weight a MatMul multiplies by).
 *
 * <p>Read with protobuf-java's {@link CodedInputStream} straight from the field numbers of
 * {@code onnx.proto} (ModelProto.graph = 7; GraphProto.node = 1, initializer = 5; NodeProto.input = 1,
 * output = 2, op_type = 4; TensorProto.dims = 1, data_type = 2, float_data = 4, name = 8,
 * raw_data = 9), so no generated ONNX classes or converters are needed. Immutable once read.
 */
public final class OnnxGraph {
    /** One graph node: its operator and the names of the values it reads and writes. */
    public record Node(String opType, List<String> inputs, List<String> outputs) {
    }

    /** A float initializer: its shape and row-major values. */
    public record Tensor(String name, long[] dims, float[] values) {
    }

    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_OP_TYPE = 4;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int FLOAT = 1;

    private final Map<String, Tensor> initializers;
    private final List<Node> nodes;

    private OnnxGraph(Map<String, Tensor> initializers, List<Node> nodes) {
        this.initializers = initializers;
        this.nodes = nodes;
    }

    /** Reads a serialized ModelProto; the caller closes {@code model}. */
    public static OnnxGraph read(InputStream model) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(model, 1 << 20);
        in.setSizeLimit(Integer.MAX_VALUE);
        Map<String, Tensor> initializers = new LinkedHashMap<>();
        List<Node> nodes = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == MODEL_GRAPH) {
                int limit = in.pushLimit(in.readRawVarint32());
                readGraph(in, initializers, nodes);
                in.popLimit(limit);
            } else {
                in.skipField(tag);
            }
        }
        if (nodes.isEmpty()) {
            throw new IOException("Not an ONNX model: no graph nodes found");
        }
        return new OnnxGraph(Map.copyOf(initializers), List.copyOf(nodes));
    }

    private static void readGraph(CodedInputStream in, Map<String, Tensor> initializers, List<Node> nodes)
            throws IOException {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == GRAPH_NODE || field == GRAPH_INITIALIZER) {
                int limit = in.pushLimit(in.readRawVarint32());
                if (field == GRAPH_NODE) {
                    nodes.add(readNode(in));
                } else {
                    Tensor tensor = readTensor(in);
                    if (tensor != null) {
                        initializers.put(tensor.name(), tensor);
                    }
                }
                in.popLimit(limit);
            } else {
                in.skipField(tag);
            }
        }
    }

    private static Node readNode(CodedInputStream in) throws IOException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String opType = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case NODE_INPUT -> inputs.add(in.readStringRequireUtf8());
                case NODE_OUTPUT -> outputs.add(in.readStringRequireUtf8());
                case NODE_OP_TYPE -> opType = in.readStringRequireUtf8();
                default -> in.skipField(tag);
            }
        }
        return new Node(opType, List.copyOf(inputs), List.copyOf(outputs));
    }

    /** The tensor, or null when it does not hold floats (shape constants and the like). */
    private static Tensor readTensor(CodedInputStream in) throws IOException {
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = "";
        float[] raw = null;
        List<Float> floats = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            int wireType = WireFormat.getTagWireType(tag);
            if (field == TENSOR_DIMS && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                while (in.getBytesUntilLimit() > 0) {
                    dims.add(in.readInt64());
                }
                in.popLimit(limit);
            } else if (field == TENSOR_DIMS) {
                dims.add(in.readInt64());
            } else if (field == TENSOR_DATA_TYPE) {
                dataType = in.readInt32();
            } else if (field == TENSOR_NAME) {
                name = in.readStringRequireUtf8();
            } else if (field == TENSOR_RAW_DATA) {
                ByteBuffer bytes = in.readByteBuffer().order(ByteOrder.LITTLE_ENDIAN); // ONNX raw data is little-endian
                raw = new float[bytes.remaining() / Float.BYTES];
                bytes.asFloatBuffer().get(raw);
            } else if (field == TENSOR_FLOAT_DATA && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                while (in.getBytesUntilLimit() > 0) {
                    floats.add(in.readFloat());
                }
                in.popLimit(limit);
            } else if (field == TENSOR_FLOAT_DATA) {
                floats.add(in.readFloat());
            } else {
                in.skipField(tag);
            }
        }
        if (dataType != FLOAT) {
            return null;
        }
        float[] values = raw != null ? raw : new float[floats.size()];
        if (raw == null) {
            for (int i = 0; i < values.length; i++) {
                values[i] = floats.get(i);
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        if (size != values.length) {
            throw new IOException("ONNX initializer " + name + " has shape " + dims + " but " + values.length + " values");
        }
        return new Tensor(name, shape, values);
    }

    /** The float initializers by name. */
    public Map<String, Tensor> initializers() {
        return initializers;
    }

    /** The graph's nodes in file (topological) order. */
    public List<Node> nodes() {
        return nodes;
    }
}
