package topdown.format.aaf.object;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import topdown.format.SessionFormatException;
import topdown.format.SourceLocation;
import topdown.format.aaf.cfb.CompoundFile;
import topdown.format.aaf.cfb.DirectoryEntry;
import topdown.format.aaf.cfb.StreamReader;

/**
 * The AAF object layer over a compound file (AAF Low-Level Container Specification): each object is a
 * storage with a {@code properties} stream (byte order, version, entry table of pid / stored form /
 * length, then the values); strong references name child storages, vectors and sets keep an
 * {@code "<name> index"} stream listing their elements' local keys. Weak references carry the target's
 * key (for definitions, their AUID). Objects are decoded on demand and cached.
 */
public final class AafFile implements Closeable {
    public static final int SF_DATA = 0x82;
    public static final int SF_DATA_STREAM = 0x42;
    public static final int SF_STRONG_OBJECT_REFERENCE = 0x22;
    public static final int SF_STRONG_OBJECT_REFERENCE_VECTOR = 0x32;
    public static final int SF_STRONG_OBJECT_REFERENCE_SET = 0x3A;
    public static final int SF_WEAK_OBJECT_REFERENCE = 0x02;
    public static final int SF_WEAK_OBJECT_REFERENCE_VECTOR = 0x12;
    public static final int SF_WEAK_OBJECT_REFERENCE_SET = 0x1A;
    private static final int MAX_PROPERTIES_STREAM = 16 << 20;
    private static final int MAX_ELEMENTS = 1 << 20;
    private static final int MAX_OBJECTS = 4_000_000;

    private final CompoundFile cf;
    private final Map<Integer, AafObject> cache = new HashMap<>();
    private final AafClasses classes;
    private final AafObject root;

    private AafFile(CompoundFile cf) throws IOException {
        this.cf = cf;
        this.classes = new AafClasses();
        this.root = object(cf.root(), "/");
    }

    public static AafFile open(Path file) throws IOException {
        CompoundFile cf = CompoundFile.open(file);
        try {
            AafFile f = new AafFile(cf);
            f.classes.loadMetaDictionary(f);
            return f;
        } catch (IOException | RuntimeException e) {
            cf.close();
            if (e instanceof RuntimeException) {
                throw new SessionFormatException(SourceLocation.file(file), "corrupt AAF object data: " + e, e);
            }
            throw e;
        }
    }

    public Path path() {
        return cf.file();
    }

    public CompoundFile container() {
        return cf;
    }

    public AafObject root() {
        return root;
    }

    /** The Header object (root property 0x0002). */
    public AafObject header() throws IOException {
        AafObject h = root.ref(0x0002);
        if (h == null) {
            throw bad("/", "no Header object: not an AAF file");
        }
        return h;
    }

    SessionFormatException bad(String where, String msg) {
        return new SessionFormatException(SourceLocation.element(cf.file(), where), msg);
    }

    String className(String classId) {
        return classes.name(classId);
    }

    boolean isA(String classId, String className) {
        return classes.isA(classId, className);
    }

    private AafObject object(DirectoryEntry storage, String path) throws IOException {
        AafObject known = cache.get(storage.index());
        if (known != null) {
            return known;
        }
        if (cache.size() >= MAX_OBJECTS) {
            throw bad(path, "more than " + MAX_OBJECTS + " objects");
        }
        DirectoryEntry ps = cf.child(storage, "properties");
        Map<Integer, AafObject.Property> props = new LinkedHashMap<>();
        if (ps != null) {
            byte[] data = cf.readStream(ps, MAX_PROPERTIES_STREAM);
            parseProperties(data, path, props);
        }
        AafObject o = new AafObject(this, path, storage.clsidString(), storage, props);
        cache.put(storage.index(), o);
        return o;
    }

    private void parseProperties(byte[] data, String path, Map<Integer, AafObject.Property> out)
            throws SessionFormatException {
        if (data.length < 4) {
            throw bad(path, "properties stream too short");
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int byteOrder = b.get(0) & 0xFF;
        if (byteOrder != 0x4C) {
            throw bad(path, "big-endian AAF property data is not supported (byte order 0x"
                    + Integer.toHexString(byteOrder) + ")");
        }
        int count = b.getShort(2) & 0xFFFF;
        int table = 4;
        int values = table + count * 6;
        if (values > data.length) {
            throw bad(path, "property table (" + count + " entries) longer than its stream");
        }
        int at = values;
        for (int i = 0; i < count; i++) {
            int pid = b.getShort(table + i * 6) & 0xFFFF;
            int form = b.getShort(table + i * 6 + 2) & 0xFFFF;
            int len = b.getShort(table + i * 6 + 4) & 0xFFFF;
            if (at + len > data.length) {
                throw bad(path, "property 0x" + Integer.toHexString(pid) + " runs past its stream");
            }
            byte[] v = java.util.Arrays.copyOfRange(data, at, at + len);
            at += len;
            out.put(pid, new AafObject.Property(pid, form, v));
        }
    }

    private String refName(AafObject owner, int pid, int expectForm) throws SessionFormatException {
        AafObject.Property p = owner.properties().get(pid);
        if (p == null) {
            return null;
        }
        if (p.storedForm() != expectForm) {
            throw bad(owner.path(), String.format("property 0x%04x has stored form 0x%02x, expected 0x%02x", pid,
                    p.storedForm(), expectForm));
        }
        return AafObject.utf16z(p.value(), 0, p.value().length);
    }

    AafObject strongRef(AafObject owner, int pid) throws IOException {
        String name = refName(owner, pid, SF_STRONG_OBJECT_REFERENCE);
        if (name == null) {
            return null;
        }
        DirectoryEntry child = cf.child(owner.storage(), name);
        if (child == null || !child.isStorage()) {
            throw bad(owner.path(), "strong reference to missing storage '" + name + "'");
        }
        return object(child, owner.path() + name + "/");
    }

    List<AafObject> strongRefs(AafObject owner, int pid) throws IOException {
        AafObject.Property p = owner.properties().get(pid);
        if (p == null) {
            return List.of();
        }
        boolean set = p.storedForm() == SF_STRONG_OBJECT_REFERENCE_SET;
        String name = refName(owner, pid, set ? SF_STRONG_OBJECT_REFERENCE_SET : SF_STRONG_OBJECT_REFERENCE_VECTOR);
        DirectoryEntry index = cf.child(owner.storage(), name + " index");
        if (index == null) {
            throw bad(owner.path(), "missing index stream '" + name + " index'");
        }
        byte[] ix = cf.readStream(index, 64 << 20);
        ByteBuffer b = ByteBuffer.wrap(ix).order(ByteOrder.LITTLE_ENDIAN);
        if (ix.length < 12) {
            throw bad(owner.path(), "index '" + name + "' too short");
        }
        int count = b.getInt(0);
        if (count < 0 || count > MAX_ELEMENTS) {
            throw bad(owner.path(), "index '" + name + "' claims " + Integer.toUnsignedString(count) + " elements");
        }
        List<AafObject> out = new ArrayList<>(count);
        int at;
        int stride;
        if (set) {
            if (ix.length < 15) {
                throw bad(owner.path(), "set index '" + name + "' too short");
            }
            int keySize = b.get(14) & 0xFF;
            at = 15;
            stride = 8 + keySize;
        } else {
            at = 12;
            stride = 4;
        }
        if ((long) at + (long) count * stride > ix.length) {
            throw bad(owner.path(), "index '" + name + "' shorter than its " + count + " elements");
        }
        for (int i = 0; i < count; i++) {
            int key = b.getInt(at + i * stride);
            String elem = name + "{" + Integer.toHexString(key) + "}";
            DirectoryEntry child = cf.child(owner.storage(), elem);
            if (child == null || !child.isStorage()) {
                throw bad(owner.path(), "element '" + elem + "' of '" + name + "' is missing");
            }
            out.add(object(child, owner.path() + elem + "/"));
        }
        return out;
    }

    /** Opens a data stream property (e.g. EssenceData's Data) for random access. */
    public StreamReader openDataStream(AafObject owner, int pid) throws IOException {
        String name = owner.streamName(pid);
        if (name == null) {
            return null;
        }
        DirectoryEntry s = cf.child(owner.storage(), name);
        if (s == null || s.type() != DirectoryEntry.Type.STREAM) {
            throw bad(owner.path(), "data stream '" + name + "' is missing");
        }
        return cf.openStream(s);
    }

    @Override
    public void close() throws IOException {
        cf.close();
    }
}
