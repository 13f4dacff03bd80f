package topdown.audio.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streaming reader for RIFF/WAVE, RF64 and BW64: PCM 8/16/24/32-bit, IEEE float 32/64,
 * WAVE_FORMAT_EXTENSIBLE, and the BWF {@code bext} time reference. Reads in blocks; memory does not
 * depend on file length. Every header value is checked against the file size before use.
 */
public final class WavReader implements AudioSource {
    static final int FORMAT_PCM = 1;
    static final int FORMAT_FLOAT = 3;
    static final int FORMAT_EXTENSIBLE = 0xFFFE;
    private static final int MAX_CHANNELS = 256;
    private static final int MAX_RATE = 1_536_000;

    private final Path file;
    private final FileChannel channel;
    private final int channels;
    private final int sampleRate;
    private final int bits;
    private final boolean isFloat;
    private final int frameBytes;
    private final long dataStart;
    private final long frames;
    private final long timeReference;
    private long position;
    /**
     * Read buffers are per thread, not per reader: a render reading 48 files on 2 threads then cycles through
     * 2 buffers that stay in cache instead of 48 cold ones. A read finishes before it returns, so nothing is shared.
     */
    private static final ThreadLocal<ByteBuffer[]> SCRATCH =
            ThreadLocal.withInitial(() -> new ByteBuffer[] {ByteBuffer.allocate(0)});
    private static final java.lang.invoke.VarHandle FLOAT_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle INT_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private WavReader(Path file, FileChannel channel, Header h) {
        this.file = file;
        this.channel = channel;
        this.channels = h.channels;
        this.sampleRate = h.rate;
        this.bits = h.bits;
        this.isFloat = h.isFloat;
        this.frameBytes = h.blockAlign;
        this.dataStart = h.dataStart;
        this.frames = h.dataSize / h.blockAlign;
        this.timeReference = h.timeReference;
    }

    private static final class Header {
        int channels;
        int rate;
        int bits;
        int blockAlign;
        boolean isFloat;
        long dataStart = -1;
        long dataSize;
        long timeReference = -1;
        boolean haveFmt;
    }

    public static WavReader open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            Header h = parse(file, ch);
            return new WavReader(file, ch, h);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static ByteBuffer readAt(FileChannel ch, long pos, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            int r = ch.read(b, pos + b.position());
            if (r < 0) {
                break;
            }
        }
        b.flip();
        return b;
    }

    private static Header parse(Path file, FileChannel ch) throws IOException {
        long fileSize = ch.size();
        if (fileSize < 12) {
            throw new AudioFormatException(file, 0, "too short for a WAV file (" + fileSize + " bytes)");
        }
        ByteBuffer riff = readAt(ch, 0, 12);
        String id = fourcc(riff, 0);
        String wave = fourcc(riff, 8);
        boolean rf64 = id.equals("RF64") || id.equals("BW64");
        if (!(id.equals("RIFF") || rf64) || !wave.equals("WAVE")) {
            throw new AudioFormatException(file, 0, "not a RIFF/RF64 WAVE file (starts with '" + id + "')");
        }
        Header h = new Header();
        long ds64DataSize = -1;
        long pos = 12;
        int chunks = 0;
        while (pos + 8 <= fileSize) {
            if (++chunks > 10_000) {
                throw new AudioFormatException(file, pos, "more than 10000 chunks: not a sane WAV file");
            }
            ByteBuffer hdr = readAt(ch, pos, 8);
            String cid = fourcc(hdr, 0);
            long size = hdr.getInt(4) & 0xFFFFFFFFL;
            long body = pos + 8;
            switch (cid) {
                case "ds64": {
                    if (size < 24) {
                        throw new AudioFormatException(file, pos, "ds64 chunk too small");
                    }
                    ByteBuffer d = readAt(ch, body, 24);
                    ds64DataSize = d.getLong(8);
                    break;
                }
                case "fmt ": {
                    if (size < 16 || body + 16 > fileSize) {
                        throw new AudioFormatException(file, pos, "fmt chunk truncated");
                    }
                    ByteBuffer f = readAt(ch, body, (int) Math.min(size, 40));
                    int tag = f.getShort(0) & 0xFFFF;
                    h.channels = f.getShort(2) & 0xFFFF;
                    h.rate = f.getInt(4);
                    h.blockAlign = f.getShort(12) & 0xFFFF;
                    h.bits = f.getShort(14) & 0xFFFF;
                    if (tag == FORMAT_EXTENSIBLE) {
                        if (size < 40 || f.limit() < 40) {
                            throw new AudioFormatException(file, pos, "WAVE_FORMAT_EXTENSIBLE fmt chunk truncated");
                        }
                        tag = f.getShort(24) & 0xFFFF; // first two bytes of the sub-format GUID
                    }
                    if (tag == FORMAT_FLOAT) {
                        h.isFloat = true;
                    } else if (tag != FORMAT_PCM) {
                        throw new AudioFormatException(file, pos, "unsupported WAV codec tag 0x"
                                + Integer.toHexString(tag) + " (TopDown reads PCM and IEEE float)");
                    }
                    h.haveFmt = true;
                    break;
                }
                case "bext": {
                    if (size >= 346 && body + 346 <= fileSize) {
                        ByteBuffer b = readAt(ch, body + 338, 8);
                        long low = b.getInt(0) & 0xFFFFFFFFL;
                        long high = b.getInt(4) & 0xFFFFFFFFL;
                        h.timeReference = (high << 32) | low;
                    }
                    break;
                }
                case "data": {
                    h.dataStart = body;
                    long declared = size;
                    if (rf64 && size == 0xFFFFFFFFL) {
                        if (ds64DataSize < 0) {
                            throw new AudioFormatException(file, pos, "RF64 data chunk without ds64 size");
                        }
                        declared = ds64DataSize;
                    }
                    long available = fileSize - body;
                    if (declared == 0xFFFFFFFFL || (declared == 0 && available > 0)) {
                        declared = available; // size left open by a streaming writer
                    }
                    if (declared > available) {
                        throw new AudioFormatException(file, pos, "data chunk declares " + declared
                                + " bytes but only " + available + " remain (truncated file)");
                    }
                    h.dataSize = declared;
                    break;
                }
                default:
                    break;
            }
            long next = body + size + (size & 1);
            if (cid.equals("data")) {
                next = body + h.dataSize + (h.dataSize & 1);
            }
            if (next <= pos) {
                throw new AudioFormatException(file, pos, "chunk size loops back");
            }
            pos = next;
        }
        if (!h.haveFmt) {
            throw new AudioFormatException(file, "no fmt chunk");
        }
        if (h.dataStart < 0) {
            throw new AudioFormatException(file, "no data chunk");
        }
        if (h.channels < 1 || h.channels > MAX_CHANNELS) {
            throw new AudioFormatException(file, "implausible channel count " + h.channels);
        }
        if (h.rate < 1 || h.rate > MAX_RATE) {
            throw new AudioFormatException(file, "implausible sample rate " + h.rate);
        }
        boolean okBits = h.isFloat ? (h.bits == 32 || h.bits == 64)
                : (h.bits == 8 || h.bits == 16 || h.bits == 24 || h.bits == 32);
        if (!okBits) {
            throw new AudioFormatException(file, "unsupported " + (h.isFloat ? "float" : "PCM") + " bit depth " + h.bits);
        }
        int expectAlign = h.channels * (h.bits / 8);
        if (h.blockAlign != expectAlign) {
            h.blockAlign = expectAlign; // several writers get this field wrong; the layout is fixed
        }
        return h;
    }

    private static String fourcc(ByteBuffer b, int at) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            int v = b.limit() > at + i ? b.get(at + i) & 0xFF : 0;
            c[i] = (v >= 32 && v < 127) ? (char) v : '?';
        }
        return new String(c);
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public long frames() {
        return frames;
    }

    @Override
    public int bitsPerSample() {
        return bits;
    }

    @Override
    public String codec() {
        return isFloat ? "float" : "pcm";
    }

    @Override
    public long timeReference() {
        return timeReference;
    }

    public Path file() {
        return file;
    }

    @Override
    public void seek(long frame) {
        if (frame < 0) {
            throw new IllegalArgumentException("seek < 0");
        }
        position = Math.min(frame, frames);
    }

    @Override
    public int read(float[][] out, int offset, int n) throws IOException {
        if (position >= frames) {
            return -1;
        }
        int todo = (int) Math.min(n, frames - position);
        int bytes = todo * frameBytes;
        ByteBuffer[] scratch = SCRATCH.get();
        ByteBuffer buf = scratch[0];
        if (buf.capacity() < bytes + 32) {
            // Spare bytes let 24-bit decoding load 4 (scalar) or 32 (SIMD) bytes at a time.
            buf = ByteBuffer.allocate(Math.max(bytes + 32, 1 << 16)).order(ByteOrder.LITTLE_ENDIAN);
            scratch[0] = buf;
        }
        buf.clear().limit(bytes);
        long at = dataStart + position * frameBytes;
        while (buf.hasRemaining()) {
            int r = channel.read(buf, at + buf.position());
            if (r < 0) {
                throw new AudioFormatException(file, at + buf.position(), "file ended inside the audio data");
            }
        }
        buf.flip();
        decode(buf, channels, bits, isFloat, out, offset, todo);
        position += todo;
        return todo;
    }

    /**
     * 24-bit PCM from {@code raw[p..]} into {@code out}; returns the position after the data. Its own method
     * (not part of {@link #decode}) so the JIT compiles the loops with their loads inlined. Four samples
     * (12 bytes) come from three 4-byte loads: w0 = s0 | s1 low byte, w1 = s1 high bytes | s2 low bytes,
     * w2 = s2 high byte | s3.
     */
    static int decode24(byte[] raw, int p, int ch, float[][] out, int offset, int n, boolean simd) {
        if (ch == 2) {
            return decode24Stereo(raw, p, out[0], out[1], offset, n, simd);
        }
        if (ch == 1) {
            return decode24Mono(raw, p, out[0], offset, n, simd);
        }
        final float k = 1.0f / 8388608f;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < ch; c++) {
                out[c][offset + i] = (((int) INT_LE.get(raw, p) << 8) >> 8) * k;
                p += 3;
            }
        }
        return p;
    }

    private static int decode24Stereo(byte[] raw, int p, float[] l, float[] r, int offset, int n, boolean simd) {
        int i = simd ? Pcm24Vector.stereo(raw, p, l, r, offset, n) : 0;
        return scalar24Stereo(raw, p + 6 * i, l, r, offset + i, n - i);
    }

    /** The scalar loops in methods of their own, counting from 0: the JIT compiles them as it did before SIMD. */
    private static int scalar24Stereo(byte[] raw, int p, float[] l, float[] r, int offset, int n) {
        final float k = 1.0f / 8388608f;
        int i = 0;
        for (; i + 2 <= n; i += 2) {
            int w0 = (int) INT_LE.get(raw, p);
            int w1 = (int) INT_LE.get(raw, p + 4);
            int w2 = (int) INT_LE.get(raw, p + 8);
            l[offset + i] = ((w0 << 8) >> 8) * k;
            r[offset + i] = ((w0 >>> 24 | w1 << 8) << 8 >> 8) * k;
            l[offset + i + 1] = ((w1 >>> 16 | w2 << 16) << 8 >> 8) * k;
            r[offset + i + 1] = (w2 >> 8) * k;
            p += 12;
        }
        for (; i < n; i++) {
            l[offset + i] = (((int) INT_LE.get(raw, p) << 8) >> 8) * k;
            r[offset + i] = (((int) INT_LE.get(raw, p + 3) << 8) >> 8) * k;
            p += 6;
        }
        return p;
    }

    private static int decode24Mono(byte[] raw, int p, float[] m, int offset, int n, boolean simd) {
        int i = simd ? Pcm24Vector.mono(raw, p, m, offset, n) : 0;
        return scalar24Mono(raw, p + 3 * i, m, offset + i, n - i);
    }

    private static int scalar24Mono(byte[] raw, int p, float[] m, int offset, int n) {
        final float k = 1.0f / 8388608f;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            int w0 = (int) INT_LE.get(raw, p);
            int w1 = (int) INT_LE.get(raw, p + 4);
            int w2 = (int) INT_LE.get(raw, p + 8);
            m[offset + i] = ((w0 << 8) >> 8) * k;
            m[offset + i + 1] = ((w0 >>> 24 | w1 << 8) << 8 >> 8) * k;
            m[offset + i + 2] = ((w1 >>> 16 | w2 << 16) << 8 >> 8) * k;
            m[offset + i + 3] = (w2 >> 8) * k;
            p += 12;
        }
        for (; i < n; i++) {
            m[offset + i] = (((int) INT_LE.get(raw, p) << 8) >> 8) * k;
            p += 3;
        }
        return p;
    }

    /**
     * Decodes {@code n} interleaved little-endian frames (PCM 8/16/24/32-bit, float 32/64) from {@code b}'s
     * position into {@code out} from {@code offset}. 24-bit data is read with 4-byte loads: a heap buffer needs
     * at least one spare byte after the data.
     */
    public static void decode(ByteBuffer b, int ch, int bits, boolean isFloat, float[][] out, int offset, int n) {
        if (isFloat && bits == 32 && b.hasArray() && b.order() == ByteOrder.LITTLE_ENDIAN) {
            // Straight loads from the backing array (ByteBuffer.getFloat per sample costs bounds and state checks).
            byte[] raw = b.array();
            int p = b.arrayOffset() + b.position();
            if (ch == 2) {
                float[] l = out[0];
                float[] r = out[1];
                for (int i = 0; i < n; i++) {
                    l[offset + i] = (float) FLOAT_LE.get(raw, p);
                    r[offset + i] = (float) FLOAT_LE.get(raw, p + 4);
                    p += 8;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < ch; c++) {
                        out[c][offset + i] = (float) FLOAT_LE.get(raw, p);
                        p += 4;
                    }
                }
            }
            b.position(p - b.arrayOffset());
        } else if (isFloat && bits == 32) {
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < ch; c++) {
                    out[c][offset + i] = b.getFloat();
                }
            }
        } else if (isFloat) {
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < ch; c++) {
                    out[c][offset + i] = (float) b.getDouble();
                }
            }
        } else if (bits == 16) {
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < ch; c++) {
                    out[c][offset + i] = b.getShort() * (1.0f / 32768f);
                }
            }
        } else if (bits == 24) {
            // Little-endian 4-byte loads (the spare byte past the data is never used): shift the sample's
            // 3 bytes to the top and back down to sign-extend.
            byte[] raw = b.array();
            int p = b.arrayOffset() + b.position();
            p = decode24(raw, p, ch, out, offset, n, Simd.on());
            b.position(p - b.arrayOffset());
        } else if (bits == 32) {
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < ch; c++) {
                    out[c][offset + i] = (float) (b.getInt() * (1.0 / 2147483648.0));
                }
            }
        } else { // 8-bit unsigned
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < ch; c++) {
                    out[c][offset + i] = ((b.get() & 0xFF) - 128) * (1.0f / 128f);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
