package topdown.format.zip;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import topdown.format.SessionFormatException;
import topdown.format.SourceLocation;

/**
 * Read-only access to a zip archive (DAWproject) that refuses hostile archives before anything is
 * extracted: entry names with {@code ..} segments, absolute names (leading slash, drive letter, UNC),
 * NUL characters, duplicate names, too many entries, entries or a total larger than the limits, and
 * compression ratios typical of zip bombs. The limits are checked against the central directory and again
 * while streaming (declared sizes can lie), so a bomb is stopped after at most {@code maxEntryBytes}.
 * Every refusal is a {@link SessionFormatException} naming the archive and the entry.
 */
public final class SafeZip implements AutoCloseable {
    /** Limits; {@link #DEFAULT} suits sessions with embedded audio (4 GiB per entry, 16 GiB in all). */
    public record Limits(int maxEntries, long maxEntryBytes, long maxTotalBytes, double maxRatio, long ratioFloorBytes) {
        public static final Limits DEFAULT = new Limits(10_000, 4L << 30, 16L << 30, 200.0, 1L << 20);

        public Limits {
            if (maxEntries < 1 || maxEntryBytes < 1 || maxTotalBytes < 1 || maxRatio <= 1 || ratioFloorBytes < 0) {
                throw new IllegalArgumentException("implausible zip limits");
            }
        }
    }

    private final Path file;
    private final ZipFile zip;
    private final Limits limits;
    private final Map<String, ZipEntry> entries;

    private SafeZip(Path file, ZipFile zip, Limits limits, Map<String, ZipEntry> entries) {
        this.file = file;
        this.zip = zip;
        this.limits = limits;
        this.entries = entries;
    }

    public static SafeZip open(Path file) throws IOException {
        return open(file, Limits.DEFAULT);
    }

    public static SafeZip open(Path file, Limits limits) throws IOException {
        ZipFile z;
        try {
            z = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new SessionFormatException(SourceLocation.file(file), "not a readable zip archive (truncated or damaged: "
                    + e.getMessage() + ")");
        }
        boolean ok = false;
        try {
            Map<String, ZipEntry> map = new LinkedHashMap<>();
            Set<String> folded = new HashSet<>();
            long total = 0;
            Enumeration<? extends ZipEntry> en = z.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                String name = e.getName();
                if (map.size() >= limits.maxEntries()) {
                    throw refuse(file, name, "more than " + limits.maxEntries() + " entries");
                }
                checkName(file, name);
                if (!folded.add(name)) {
                    throw refuse(file, name, "duplicate entry (two entries with this name)");
                }
                long size = e.getSize();
                long csize = e.getCompressedSize();
                if (size > limits.maxEntryBytes()) {
                    throw refuse(file, name, "declares " + size + " bytes, more than the " + limits.maxEntryBytes() + " allowed");
                }
                if (size > limits.ratioFloorBytes() && csize > 0 && size / (double) csize > limits.maxRatio()) {
                    throw refuse(file, name, String.format(Locale.ROOT, "compression ratio %.0f:1 above %.0f:1 (zip bomb?)",
                            size / (double) csize, limits.maxRatio()));
                }
                total += Math.max(0, size);
                if (total > limits.maxTotalBytes()) {
                    throw refuse(file, name, "archive expands to more than " + limits.maxTotalBytes() + " bytes");
                }
                map.put(name, e);
            }
            ok = true;
            return new SafeZip(file, z, limits, Collections.unmodifiableMap(map));
        } finally {
            if (!ok) {
                z.close();
            }
        }
    }

    /** Refuses names that could escape an extraction folder or are ambiguous across platforms. */
    public static void checkName(Path file, String name) throws SessionFormatException {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw refuse(file, name, "empty entry name or NUL in the name");
        }
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
            throw refuse(file, name, "absolute entry name refused");
        }
        for (String seg : n.split("/")) {
            if (seg.equals("..")) {
                throw refuse(file, name, "entry name with '..' refused (path traversal)");
            }
        }
    }

    private static SessionFormatException refuse(Path file, String entry, String why) {
        return new SessionFormatException(SourceLocation.element(file, "entry '" + entry + "'"), why);
    }

    public Path file() {
        return file;
    }

    /** Entry names in archive order (folders included, ending in '/'). */
    public List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    public boolean has(String name) {
        return entries.containsKey(name);
    }

    /** Declared uncompressed size, or -1 when unknown. */
    public long size(String name) {
        ZipEntry e = entries.get(name);
        return e == null ? -1 : e.getSize();
    }

    /** A stream of one entry that fails as soon as it yields more than the declared size or the limit. */
    public InputStream open(String name) throws IOException {
        ZipEntry e = entries.get(name);
        if (e == null) {
            throw new SessionFormatException(SourceLocation.element(file, "entry '" + name + "'"), "no such entry in the archive");
        }
        long declared = e.getSize();
        long cap = declared >= 0 ? Math.min(declared, limits.maxEntryBytes()) : limits.maxEntryBytes();
        long csize = e.getCompressedSize();
        InputStream raw;
        try {
            raw = zip.getInputStream(e);
        } catch (ZipException ex) {
            throw refuse(file, name, "damaged entry: " + ex.getMessage());
        }
        return new Bounded(raw, cap, csize, name);
    }

    /** The whole entry, refusing entries above {@code maxBytes}. */
    public byte[] readAll(String name, long maxBytes) throws IOException {
        long declared = size(name);
        if (declared > maxBytes) {
            throw refuse(file, name, "entry of " + declared + " bytes is larger than the " + maxBytes + " accepted");
        }
        try (InputStream in = open(name)) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (b.length > maxBytes) {
                throw refuse(file, name, "entry larger than the " + maxBytes + " bytes accepted");
            }
            return b;
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    /** True when the file starts with a zip local header (PK\3\4) or an empty-archive end record. */
    public static boolean looksLikeZip(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5) && (head[3] == 4 || head[3] == 6);
    }

    /** Opens a file only if it is a zip; convenience for detection. */
    public static boolean isZip(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return looksLikeZip(in.readNBytes(4));
        }
    }

    private final class Bounded extends FilterInputStream {
        private final long cap;
        private final long compressed;
        private final String name;
        private long count;

        Bounded(InputStream in, long cap, long compressed, String name) {
            super(in);
            this.cap = cap;
            this.compressed = compressed;
            this.name = name;
        }

        private void account(long n) throws IOException {
            count += n;
            if (count > cap) {
                throw refuse(file, name, "entry yields more than its declared or allowed " + cap + " bytes (zip bomb?)");
            }
            if (count > limits.ratioFloorBytes() && compressed > 0 && count / (double) compressed > limits.maxRatio()) {
                throw refuse(file, name, "entry expands beyond a " + (long) limits.maxRatio() + ":1 ratio (zip bomb?)");
            }
        }

        @Override
        public int read() throws IOException {
            int b = wrap(() -> super.in.read());
            if (b >= 0) {
                account(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = wrap(() -> super.in.read(b, off, len));
            if (n > 0) {
                account(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[8192];
            long done = 0;
            while (done < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }

        private int wrap(IoInt op) throws IOException {
            try {
                return op.get();
            } catch (ZipException | java.io.EOFException e) {
                throw refuse(file, name, "damaged or truncated entry data: " + e.getMessage());
            }
        }
    }

    @FunctionalInterface
    private interface IoInt {
        int get() throws IOException;
    }
}
