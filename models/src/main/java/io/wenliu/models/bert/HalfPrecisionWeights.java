package io.wenliu.models.bert;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named weight tensors in IEEE half precision, the form in which a fine-tuned teacher artifact stores
 * what fine-tuning changed (half the bytes of float32; its ~3 significant digits are far finer than
 * what fine-tuning moves). Format: magic {@code WLH1}, tensor count, then per tensor its name (modified
 * UTF-8), rank, dims and big-endian halves. Stateless.
 */
public final class HalfPrecisionWeights {
    private static final int MAGIC = 0x574C4831; // "WLH1"

    private HalfPrecisionWeights() {
    }

    public static void write(Path file, Map<String, OnnxGraph.Tensor> tensors) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(MAGIC);
            out.writeInt(tensors.size());
            for (OnnxGraph.Tensor t : tensors.values()) {
                out.writeUTF(t.name());
                out.writeInt(t.dims().length);
                for (long d : t.dims()) {
                    out.writeLong(d);
                }
                for (float v : t.values()) {
                    out.writeShort(toHalf(v));
                }
            }
        }
    }

    public static Map<String, OnnxGraph.Tensor> read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a half-precision weight file (no WLH1 header)");
            }
            int count = in.readInt();
            Map<String, OnnxGraph.Tensor> tensors = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                long[] dims = new long[in.readInt()];
                long size = 1;
                for (int d = 0; d < dims.length; d++) {
                    dims[d] = in.readLong();
                    size *= dims[d];
                }
                float[] values = new float[Math.toIntExact(size)];
                for (int j = 0; j < values.length; j++) {
                    values[j] = toFloat(in.readShort());
                }
                tensors.put(name, new OnnxGraph.Tensor(name, dims, values));
            }
            return tensors;
        }
    }

    /** The nearest half (ties to even); overflow gives ±infinity, tiny values subnormals or zero. */
    public static short toHalf(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xff;
        int mantissa = bits & 0x7fffff;
        if (exponent == 0xff) { // infinity or NaN
            return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 : 0));
        }
        int e = exponent - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            int m = mantissa | 0x800000; // the implicit 1
            int shift = 14 - e;
            int half = m >> shift;
            int rest = m & ((1 << shift) - 1);
            int halfway = 1 << (shift - 1);
            if (rest > halfway || (rest == halfway && (half & 1) == 1)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mantissa >> 13);
        int rest = mantissa & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++; // may carry into the exponent, which is still the right rounding
        }
        return (short) (sign | half);
    }

    public static float toFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f; // subnormal: mantissa · 2^-24
            return sign != 0 ? -magnitude : magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }
}
