package topdown.format.aaf.cfb;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import topdown.format.SessionFormatException;
import topdown.format.SourceLocation;

/**
 * Reader for Microsoft Compound File Binary files (structured storage, MS-CFB), the container of AAF.
 * Version 3 (512-byte sectors) and 4 (4096-byte sectors); FAT with DIFAT, mini FAT and mini stream,
 * red-black directory tree. Every sector number, chain and size is checked against the file: cycles,
 * out-of-range sectors and truncation give a {@link SessionFormatException} with the byte offset.
 * Streams are read on demand (nothing large is loaded whole).
 */
public final class CompoundFile implements Closeable {
    static final int FREESECT = 0xFFFFFFFF;
    static final int ENDOFCHAIN = 0xFFFFFFFE;
    static final int FATSECT = 0xFFFFFFFD;
    static final int DIFSECT = 0xFFFFFFFC;
    static final int NOSTREAM = 0xFFFFFFFF;
    private static final long SIGNATURE = 0xE11AB1A1E011CFD0L;
    private static final int MAX_DIR_ENTRIES = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private final long fileSize;
    private final int sectorSize;
    private final int miniSectorSize;
    private final long miniCutoff;
    private final int sectorCount;
    private final int[] fat;
    private final int[] miniFat;
    private final List<DirectoryEntry> entries;
    private final int[] miniStreamChain;

    private CompoundFile(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.fileSize = channel.size();
        if (fileSize < 512) {
            throw bad(0, "too short for a compound file (" + fileSize + " bytes)");
        }
        ByteBuffer h = read(0, 512);
        if (h.getLong(0) != SIGNATURE) {
            throw bad(0, "not a compound file (AAF files are Microsoft structured storage)");
        }
        int major = h.getShort(0x1A) & 0xFFFF;
        int byteOrder = h.getShort(0x1C) & 0xFFFF;
        int sectorShift = h.getShort(0x1E) & 0xFFFF;
        int miniShift = h.getShort(0x20) & 0xFFFF;
        if (byteOrder != 0xFFFE) {
            throw bad(0x1C, "byte order mark is not little-endian");
        }
        if (!(major == 3 && sectorShift == 9 || major == 4 && sectorShift == 12)) {
            throw bad(0x1A, "unsupported version " + major + " with sector shift " + sectorShift);
        }
        if (miniShift != 6) {
            throw bad(0x20, "mini sector shift must be 6, is " + miniShift);
        }
        sectorSize = 1 << sectorShift;
        miniSectorSize = 1 << miniShift;
        miniCutoff = h.getInt(0x38) & 0xFFFFFFFFL;
        long sectorsInFile = (fileSize - sectorSize + sectorSize - 1) / sectorSize;
        sectorCount = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(0, sectorsInFile));
        int fatSectors = h.getInt(0x2C);
        int firstDir = h.getInt(0x30);
        int firstMiniFat = h.getInt(0x3C);
        int miniFatSectors = h.getInt(0x40);
        int firstDifat = h.getInt(0x44);
        int difatSectors = h.getInt(0x48);
        if (fatSectors < 0 || fatSectors > sectorCount || difatSectors < 0 || difatSectors > sectorCount
                || miniFatSectors < 0 || miniFatSectors > sectorCount) {
            throw bad(0x2C, "sector counts exceed the file (" + sectorCount + " sectors)");
        }
        // DIFAT: 109 entries in the header, then chained DIFAT sectors.
        int[] fatSectorList = new int[fatSectors];
        int n = 0;
        for (int i = 0; i < 109 && n < fatSectors; i++) {
            fatSectorList[n++] = h.getInt(0x4C + 4 * i);
        }
        int perDifat = sectorSize / 4 - 1;
        int difat = firstDifat;
        BitSet seenDifat = new BitSet();
        for (int d = 0; d < difatSectors && n < fatSectors; d++) {
            checkSector(difat, "DIFAT chain");
            if (seenDifat.get(difat)) {
                throw bad(offsetOf(difat), "DIFAT chain loops");
            }
            seenDifat.set(difat);
            ByteBuffer s = read(offsetOf(difat), sectorSize);
            for (int i = 0; i < perDifat && n < fatSectors; i++) {
                fatSectorList[n++] = s.getInt(4 * i);
            }
            difat = s.getInt(4 * perDifat);
        }
        if (n < fatSectors) {
            throw bad(0x44, "DIFAT lists " + n + " of " + fatSectors + " FAT sectors");
        }
        int perSector = sectorSize / 4;
        fat = new int[(int) Math.min((long) fatSectors * perSector, Integer.MAX_VALUE - 8)];
        for (int i = 0; i < fatSectors; i++) {
            checkSector(fatSectorList[i], "FAT sector list");
            ByteBuffer s = read(offsetOf(fatSectorList[i]), sectorSize);
            for (int k = 0; k < perSector; k++) {
                fat[i * perSector + k] = s.getInt(4 * k);
            }
        }
        // Directory.
        int[] dirChain = chain(firstDir, "directory");
        entries = new ArrayList<>();
        int perDirSector = sectorSize / 128;
        for (int sec : dirChain) {
            ByteBuffer s = read(offsetOf(sec), sectorSize);
            for (int k = 0; k < perDirSector; k++) {
                if (entries.size() >= MAX_DIR_ENTRIES) {
                    throw bad(offsetOf(sec), "more than " + MAX_DIR_ENTRIES + " directory entries");
                }
                entries.add(DirectoryEntry.parse(entries.size(), s, k * 128, major == 3));
            }
        }
        if (entries.isEmpty() || entries.get(0).type() != DirectoryEntry.Type.ROOT) {
            throw bad(offsetOf(firstDir), "first directory entry is not the root storage");
        }
        // Mini FAT and mini stream.
        if (miniFatSectors > 0 && firstMiniFat != ENDOFCHAIN) {
            int[] mfChain = chain(firstMiniFat, "mini FAT");
            miniFat = new int[mfChain.length * perSector];
            for (int i = 0; i < mfChain.length; i++) {
                ByteBuffer s = read(offsetOf(mfChain[i]), sectorSize);
                for (int k = 0; k < perSector; k++) {
                    miniFat[i * perSector + k] = s.getInt(4 * k);
                }
            }
        } else {
            miniFat = new int[0];
        }
        DirectoryEntry root = entries.get(0);
        miniStreamChain = root.size() > 0 ? chain(root.startSector(), "mini stream") : new int[0];
        if ((long) miniStreamChain.length * sectorSize < root.size()) {
            throw bad(offsetOf(firstDir), "mini stream shorter than the root entry says");
        }
        validateTree();
    }

    public static CompoundFile open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new CompoundFile(file, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            if (e instanceof RuntimeException) {
                throw new SessionFormatException(SourceLocation.file(file), "corrupt compound file: " + e, e);
            }
            throw e;
        }
    }

    private SessionFormatException bad(long offset, String msg) {
        return new SessionFormatException(SourceLocation.offset(file, offset), msg);
    }

    private long offsetOf(int sector) {
        return ((long) sector + 1) * sectorSize;
    }

    private void checkSector(int sector, String what) throws SessionFormatException {
        if (sector < 0 || sector >= sectorCount) {
            throw bad(-1, what + ": sector " + Integer.toUnsignedString(sector) + " outside the file ("
                    + sectorCount + " sectors)");
        }
    }

    private ByteBuffer read(long pos, int n) throws IOException {
        if (pos < 0 || pos + n > fileSize) {
            throw bad(pos, "read of " + n + " bytes past the end of the file (" + fileSize + " bytes): truncated");
        }
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (channel.read(b, pos + b.position()) < 0) {
                throw bad(pos + b.position(), "unexpected end of file");
            }
        }
        b.flip();
        return b;
    }

    /** Follows a FAT chain, checking range and cycles. */
    int[] chain(int start, String what) throws SessionFormatException {
        int[] out = new int[16];
        int n = 0;
        BitSet seen = new BitSet();
        int s = start;
        while (s != ENDOFCHAIN) {
            checkSector(s, what + " chain");
            if (s >= fat.length) {
                throw bad(-1, what + " chain: sector " + s + " has no FAT entry");
            }
            if (seen.get(s)) {
                throw bad(offsetOf(s), what + " chain loops at sector " + s);
            }
            seen.set(s);
            if (n == out.length) {
                out = java.util.Arrays.copyOf(out, n * 2);
            }
            out[n++] = s;
            s = fat[s];
            if (s == FREESECT || s == FATSECT || s == DIFSECT) {
                throw bad(offsetOf(out[n - 1]), what + " chain runs into a free/FAT sector");
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private int[] miniChain(int start, String what) throws SessionFormatException {
        int[] out = new int[16];
        int n = 0;
        BitSet seen = new BitSet();
        int s = start;
        long miniSectors = (long) miniStreamChain.length * sectorSize / miniSectorSize;
        while (s != ENDOFCHAIN) {
            if (s < 0 || s >= miniFat.length || s >= miniSectors) {
                throw bad(-1, what + ": mini sector " + Integer.toUnsignedString(s) + " out of range");
            }
            if (seen.get(s)) {
                throw bad(-1, what + ": mini chain loops at " + s);
            }
            seen.set(s);
            if (n == out.length) {
                out = java.util.Arrays.copyOf(out, n * 2);
            }
            out[n++] = s;
            s = miniFat[s];
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private void validateTree() throws SessionFormatException {
        // Every reachable entry once (no cycles in the sibling/child links).
        BitSet seen = new BitSet();
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
        todo.add(0);
        while (!todo.isEmpty()) {
            int i = todo.pop();
            if (i < 0 || i >= entries.size()) {
                throw bad(-1, "directory link to entry " + i + " outside the directory");
            }
            if (seen.get(i)) {
                throw bad(-1, "directory tree loops at entry " + i);
            }
            seen.set(i);
            DirectoryEntry e = entries.get(i);
            for (int link : new int[] {e.left(), e.right(), e.child()}) {
                if (link != NOSTREAM) {
                    todo.push(link);
                }
            }
        }
    }

    public Path file() {
        return file;
    }

    public int sectorSize() {
        return sectorSize;
    }

    public DirectoryEntry root() {
        return entries.get(0);
    }

    /** Children of a storage, in directory order (an in-order walk of its red-black tree). */
    public List<DirectoryEntry> children(DirectoryEntry storage) {
        List<DirectoryEntry> out = new ArrayList<>();
        if (storage.child() != NOSTREAM) {
            inOrder(storage.child(), out, 0);
        }
        return out;
    }

    private void inOrder(int i, List<DirectoryEntry> out, int depth) {
        if (i == NOSTREAM || depth > 10_000) {
            return;
        }
        DirectoryEntry e = entries.get(i);
        inOrder(e.left(), out, depth + 1);
        out.add(e);
        inOrder(e.right(), out, depth + 1);
    }

    /** The child of a storage with this name, or null (names compare case-insensitively, as in CFB). */
    public DirectoryEntry child(DirectoryEntry storage, String name) {
        for (DirectoryEntry e : children(storage)) {
            if (e.name().equalsIgnoreCase(name)) {
                return e;
            }
        }
        return null;
    }

    /** Reads a whole stream; refuses streams larger than {@code maxBytes}. */
    public byte[] readStream(DirectoryEntry e, int maxBytes) throws IOException {
        if (e.type() != DirectoryEntry.Type.STREAM) {
            throw bad(-1, "'" + e.name() + "' is not a stream");
        }
        if (e.size() > maxBytes) {
            throw bad(-1, "stream '" + e.name() + "' is " + e.size() + " bytes, more than the " + maxBytes + " allowed");
        }
        try (StreamReader r = openStream(e)) {
            byte[] out = new byte[(int) e.size()];
            r.readFully(0, out, 0, out.length);
            return out;
        }
    }

    /** Random-access reader over a stream's bytes. */
    public StreamReader openStream(DirectoryEntry e) throws IOException {
        if (e.size() < miniCutoff) {
            int[] mc = miniChain(e.startSector(), "stream '" + e.name() + "'");
            if ((long) mc.length * miniSectorSize < e.size()) {
                throw bad(-1, "stream '" + e.name() + "' is longer than its mini chain");
            }
            return new StreamReader(this, e.size(), mc, miniSectorSize, true);
        }
        int[] c = chain(e.startSector(), "stream '" + e.name() + "'");
        if ((long) c.length * sectorSize < e.size()) {
            throw bad(-1, "stream '" + e.name() + "' is longer than its sector chain");
        }
        return new StreamReader(this, e.size(), c, sectorSize, false);
    }

    /** Reads {@code n} bytes of one regular sector (or of the mini stream) into dst. */
    void readSector(int[] chainOrMini, boolean mini, int sectorIndexInChain, int within, byte[] dst, int off, int n)
            throws IOException {
        long pos;
        if (mini) {
            int miniSector = chainOrMini[sectorIndexInChain];
            long inMiniStream = (long) miniSector * miniSectorSize + within;
            int reg = (int) (inMiniStream / sectorSize);
            pos = offsetOf(miniStreamChain[reg]) + inMiniStream % sectorSize;
        } else {
            pos = offsetOf(chainOrMini[sectorIndexInChain]) + within;
        }
        ByteBuffer b = read(pos, n);
        b.get(dst, off, n);
    }

    String describe() {
        return file.getFileName() + " (v" + (sectorSize == 512 ? 3 : 4) + ", " + entries.size() + " entries)";
    }

    static String utf16(ByteBuffer b, int at, int bytes) {
        byte[] raw = new byte[Math.max(0, bytes)];
        b.get(at, raw);
        return new String(raw, StandardCharsets.UTF_16LE);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
