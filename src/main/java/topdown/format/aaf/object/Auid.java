package topdown.format.aaf.object;

/** AUIDs (AAF's 16-byte identifiers) as lowercase text {@code xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}. */
public final class Auid {
    private Auid() {
    }

    /** Reads an AUID stored little-endian (Data1 u32, Data2 u16, Data3 u16, Data4 8 bytes). */
    public static String toString(byte[] b, int off) {
        long d1 = (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16 | (b[off + 3] & 0xFFL) << 24;
        int d2 = (b[off + 4] & 0xFF) | (b[off + 5] & 0xFF) << 8;
        int d3 = (b[off + 6] & 0xFF) | (b[off + 7] & 0xFF) << 8;
        StringBuilder sb = new StringBuilder(String.format("%08x-%04x-%04x-", d1, d2, d3));
        for (int i = 8; i < 16; i++) {
            sb.append(String.format("%02x", b[off + i] & 0xFF));
            if (i == 9) {
                sb.append('-');
            }
        }
        return sb.toString();
    }
}
