package topdown.format.aaf.cfb;

import java.nio.ByteBuffer;

/** One 128-byte directory entry: a storage (AAF object), a stream, or the root. */
public record DirectoryEntry(int index, String name, Type type, int left, int right, int child, byte[] clsid,
                             int startSector, long size) {
    public enum Type { EMPTY, STORAGE, STREAM, ROOT }

    static DirectoryEntry parse(int index, ByteBuffer b, int at, boolean v3) {
        int nameLen = b.getShort(at + 0x40) & 0xFFFF;
        nameLen = Math.min(64, Math.max(0, nameLen - 2));
        String name = CompoundFile.utf16(b, at, nameLen & ~1);
        int t = b.get(at + 0x42) & 0xFF;
        Type type = t == 1 ? Type.STORAGE : t == 2 ? Type.STREAM : t == 5 ? Type.ROOT : Type.EMPTY;
        byte[] clsid = new byte[16];
        b.get(at + 0x50, clsid);
        long size = b.getLong(at + 0x78);
        if (v3) {
            size &= 0xFFFFFFFFL;
        }
        if (size < 0) {
            size = Long.MAX_VALUE; // rejected later by the chain-length check
        }
        if (type == Type.EMPTY) {
            return new DirectoryEntry(index, "", type, CompoundFile.NOSTREAM, CompoundFile.NOSTREAM,
                    CompoundFile.NOSTREAM, clsid, 0, 0);
        }
        return new DirectoryEntry(index, name, type, b.getInt(at + 0x44), b.getInt(at + 0x48), b.getInt(at + 0x4C),
                clsid, b.getInt(at + 0x74), size);
    }

    public boolean isStorage() {
        return type == Type.STORAGE || type == Type.ROOT;
    }

    /** The CLSID as an AUID string (AAF stores an object's class as its storage's CLSID). */
    public String clsidString() {
        ByteBuffer b = ByteBuffer.wrap(clsid).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int d1 = b.getInt(0);
        int d2 = b.getShort(4) & 0xFFFF;
        int d3 = b.getShort(6) & 0xFFFF;
        StringBuilder sb = new StringBuilder(String.format("%08x-%04x-%04x-", d1, d2, d3));
        for (int i = 8; i < 16; i++) {
            sb.append(String.format("%02x", clsid[i] & 0xFF));
            if (i == 9) {
                sb.append('-');
            }
        }
        return sb.toString();
    }
}
