package topdown.format.aaf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import topdown.format.aaf.object.Auid;

/** Decodes AAF "indirect" values (byte order, type AUID, value), as used by parameters and tagged values. */
final class AafValues {
    private AafValues() {
    }

    /** The numeric value of an indirect value (Rational, integers, float/double), or NaN. */
    static double number(byte[] v) {
        if (v == null || v.length < 17) {
            return Double.NaN;
        }
        String type = Auid.toString(v, 1);
        ByteBuffer b = ByteBuffer.wrap(v, 17, v.length - 17).slice().order(ByteOrder.LITTLE_ENDIAN);
        int n = v.length - 17;
        if (AafIds.TYPE_RATIONAL.equals(type) && n >= 8) {
            int den = b.getInt(4);
            return den == 0 ? Double.NaN : b.getInt(0) / (double) den;
        }
        if (type.startsWith("01010") && type.endsWith("-0000-0000-060e-2b3401040101")) {
            // Integer types UInt8..Int64 (01010100..01010800): size and sign from the value length.
            switch (n) {
                case 1: return b.get(0);
                case 2: return b.getShort(0);
                case 4: return b.getInt(0);
                case 8: return b.getLong(0);
                default: return Double.NaN;
            }
        }
        if (n == 8 && type.startsWith("01010")) {
            return b.getDouble(0);
        }
        if (n == 4) {
            return b.getFloat(0);
        }
        if (n == 8) {
            int den = b.getInt(4);
            return den == 0 ? Double.NaN : b.getInt(0) / (double) den;
        }
        return Double.NaN;
    }

    /** A string indirect value (UTF-16LE, zero-terminated), or null. */
    static String string(byte[] v) {
        if (v == null || v.length < 19) {
            return null;
        }
        int end = 17;
        while (end + 1 < v.length && !(v[end] == 0 && v[end + 1] == 0)) {
            end += 2;
        }
        return new String(v, 17, end - 17, StandardCharsets.UTF_16LE);
    }
}
