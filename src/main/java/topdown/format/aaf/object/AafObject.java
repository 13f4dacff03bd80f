package topdown.format.aaf.object;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One AAF object: a storage of the compound file with a {@code properties} stream. {@code classId}
 * is the storage's CLSID as an AUID string; {@code path} is its place in the file (for messages).
 * Properties are decoded lazily by the typed getters; strong references are resolved by {@link AafFile}.
 */
public final class AafObject {
    private final AafFile file;
    private final String path;
    private final String classId;
    private final topdown.format.aaf.cfb.DirectoryEntry storage;
    private final Map<Integer, Property> properties;

    /** A raw property: id, stored form, bytes. */
    public record Property(int pid, int storedForm, byte[] value) {
    }

    AafObject(AafFile file, String path, String classId, topdown.format.aaf.cfb.DirectoryEntry storage,
              Map<Integer, Property> properties) {
        this.file = file;
        this.path = path;
        this.classId = classId;
        this.storage = storage;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public String path() {
        return path;
    }

    public String classId() {
        return classId;
    }

    /** The class's name if AAF defines it (or the file's MetaDictionary does), else the AUID. */
    public String className() {
        return file.className(classId);
    }

    public boolean is(String aafClass) {
        return file.isA(classId, aafClass);
    }

    topdown.format.aaf.cfb.DirectoryEntry storage() {
        return storage;
    }

    public Map<Integer, Property> properties() {
        return properties;
    }

    public boolean has(int pid) {
        return properties.containsKey(pid);
    }

    public byte[] raw(int pid) {
        Property p = properties.get(pid);
        return p == null ? null : p.value();
    }

    private ByteBuffer buf(int pid, int minBytes) {
        byte[] v = raw(pid);
        if (v == null || v.length < minBytes) {
            return null;
        }
        return ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN);
    }

    public Long int64(int pid) {
        ByteBuffer b = buf(pid, 8);
        return b == null ? null : b.getLong(0);
    }

    public Integer int32(int pid) {
        ByteBuffer b = buf(pid, 4);
        return b == null ? null : b.getInt(0);
    }

    public Integer int16(int pid) {
        ByteBuffer b = buf(pid, 2);
        return b == null ? null : b.getShort(0) & 0xFFFF;
    }

    public Integer uint8(int pid) {
        ByteBuffer b = buf(pid, 1);
        return b == null ? null : b.get(0) & 0xFF;
    }

    /** A signed integer of whatever width the property has (1, 2, 4 or 8 bytes). */
    public Long integer(int pid) {
        byte[] v = raw(pid);
        if (v == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN);
        switch (v.length) {
            case 1: return (long) b.get(0);
            case 2: return (long) b.getShort(0);
            case 4: return (long) b.getInt(0);
            case 8: return b.getLong(0);
            default: return null;
        }
    }

    /** A Rational as {numerator, denominator}. */
    public long[] rational(int pid) {
        ByteBuffer b = buf(pid, 8);
        return b == null ? null : new long[] {b.getInt(0), b.getInt(4)};
    }

    public String string(int pid) {
        byte[] v = raw(pid);
        return v == null ? null : utf16z(v, 0, v.length);
    }

    static String utf16z(byte[] v, int off, int len) {
        int end = off;
        while (end + 1 < off + len && !(v[end] == 0 && v[end + 1] == 0)) {
            end += 2;
        }
        return new String(v, off, end - off, StandardCharsets.UTF_16LE);
    }

    /** A 16-byte AUID value as text. */
    public String auid(int pid) {
        byte[] v = raw(pid);
        return v == null || v.length < 16 ? null : Auid.toString(v, 0);
    }

    /** A MobID (32-byte UMID) as lowercase hex, used as the key between mobs. */
    public String mobId(int pid) {
        byte[] v = raw(pid);
        if (v == null || v.length < 32) {
            return null;
        }
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < 32; i++) {
            sb.append(String.format("%02x", v[i] & 0xFF));
        }
        return sb.toString();
    }

    /** The key (AUID) a weak reference points at: definitions are identified by their AUID. */
    public String weakRefAuid(int pid) {
        Property p = properties.get(pid);
        if (p == null || p.storedForm() != AafFile.SF_WEAK_OBJECT_REFERENCE || p.value().length < 5 + 16) {
            return null;
        }
        int keySize = p.value()[4] & 0xFF;
        if (keySize != 16 || p.value().length < 5 + keySize) {
            return null;
        }
        return Auid.toString(p.value(), 5);
    }

    public AafObject ref(int pid) throws java.io.IOException {
        return file.strongRef(this, pid);
    }

    public List<AafObject> refs(int pid) throws java.io.IOException {
        return file.strongRefs(this, pid);
    }

    /** The name of a data stream property (SF_DATA_STREAM), or null. */
    public String streamName(int pid) {
        Property p = properties.get(pid);
        if (p == null || p.storedForm() != AafFile.SF_DATA_STREAM || p.value().length < 3) {
            return null;
        }
        return utf16z(p.value(), 1, p.value().length - 1);
    }

    @Override
    public String toString() {
        return className() + " at " + path;
    }
}
