package topdown.audio.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Streaming WAV writer: 16/24-bit PCM (TPDF dither when reducing word length) or 32-bit float, with a
 * BWF {@code bext} chunk whose time reference places the file at its session position. Switches to
 * RF64 (with {@code ds64}) when the data passes 4 GiB. Writes to a temporary file and moves it into
 * place atomically on {@link #close()}; {@link #abort()} discards it.
 */
public final class WavWriter implements AutoCloseable {
    public enum Encoding {
        PCM16(16, false), PCM24(24, false), FLOAT32(32, true);

        final int bits;
        final boolean isFloat;

        Encoding(int bits, boolean isFloat) {
            this.bits = bits;
            this.isFloat = isFloat;
        }

        public int bits() {
            return bits;
        }

        /** "16", "24" or "32f" as the CLI spells it. */
        public static Encoding parse(String s) {
            switch (s) {
                case "16": return PCM16;
                case "24": return PCM24;
                case "32f": case "32": case "float": return FLOAT32;
                default: throw new IllegalArgumentException("bit depth must be 16, 24 or 32f: " + s);
            }
        }
    }

    private static final int BEXT_SIZE = 602;
    private static final java.lang.invoke.VarHandle FLOAT_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long RIFF_LIMIT = 0xFFFFFFFFL - 1024;

    private final Path target;
    private final Path tmp;
    private final FileChannel out;
    private final int channels;
    private final int sampleRate;
    private final Encoding encoding;
    private final int frameBytes;
    private final long dataStart;
    private final long fmtPos;
    private final Dither dither;
    private long frames;
    private ByteBuffer buf = ByteBuffer.allocate(0);
    private boolean closed;

    public WavWriter(Path target, int channels, int sampleRate, Encoding encoding, long timeReference,
                     String description) throws IOException {
        this(target, channels, sampleRate, encoding, timeReference, description, new Dither(0x5EEDL));
    }

    public WavWriter(Path target, int channels, int sampleRate, Encoding encoding, long timeReference,
                     String description, Dither dither) throws IOException {
        this.target = target.toAbsolutePath();
        Objects.requireNonNull(encoding, "encoding");
        if (channels < 1 || channels > 256) {
            throw new IllegalArgumentException("channels 1..256: " + channels);
        }
        if (sampleRate < 1) {
            throw new IllegalArgumentException("sample rate: " + sampleRate);
        }
        this.channels = channels;
        this.sampleRate = sampleRate;
        this.encoding = encoding;
        this.frameBytes = channels * encoding.bits / 8;
        this.dither = dither;
        java.nio.file.Files.createDirectories(this.target.getParent());
        this.tmp = java.nio.file.Files.createTempFile(this.target.getParent(),
                "." + this.target.getFileName(), ".tmp");
        AtomicFiles.readableByAll(this.tmp);
        this.out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        // Layout: RIFF hdr(12) | JUNK(28, becomes ds64 for RF64) | fmt (8+40) | bext(8+602) | data(8+...)
        ByteBuffer h = ByteBuffer.allocate(12 + 36 + 48 + 8 + BEXT_SIZE + 8).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(0).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        h.put("JUNK".getBytes(StandardCharsets.US_ASCII)).putInt(28).put(new byte[28]);
        fmtPos = h.position();
        h.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(40);
        h.putShort((short) 0xFFFE).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * frameBytes).putShort((short) frameBytes).putShort((short) encoding.bits);
        h.putShort((short) 22).putShort((short) encoding.bits).putInt(channelMask(channels));
        // Sub-format GUID: tag + 0000-0010-8000-00AA00389B71
        h.putShort((short) (encoding.isFloat ? WavReader.FORMAT_FLOAT : WavReader.FORMAT_PCM))
                .put(new byte[] {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00,
                        0x38, (byte) 0x9B, 0x71});
        h.put("bext".getBytes(StandardCharsets.US_ASCII)).putInt(BEXT_SIZE);
        byte[] bext = new byte[BEXT_SIZE];
        putAscii(bext, 0, 256, description == null ? "" : description);
        putAscii(bext, 256, 32, "TopDown");
        putAscii(bext, 288, 32, "");
        java.time.LocalDateTime now = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC);
        putAscii(bext, 320, 10, String.format("%04d-%02d-%02d", now.getYear(), now.getMonthValue(), now.getDayOfMonth()));
        putAscii(bext, 330, 8, String.format("%02d:%02d:%02d", now.getHour(), now.getMinute(), now.getSecond()));
        long tr = Math.max(0, timeReference);
        ByteBuffer.wrap(bext, 338, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(tr);
        ByteBuffer.wrap(bext, 346, 2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 1); // version 1
        h.put(bext);
        h.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(0);
        dataStart = h.position();
        h.flip();
        writeFully(h, 0);
    }

    private static int channelMask(int channels) {
        switch (channels) {
            case 1: return 0x4;
            case 2: return 0x3;
            case 6: return 0x3F;
            default: return 0;
        }
    }

    private static void putAscii(byte[] dst, int at, int max, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, dst, at, Math.min(max, b.length));
    }

    private void writeFully(ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            pos += out.write(b, pos);
        }
    }

    public int channels() {
        return channels;
    }

    public long framesWritten() {
        return frames;
    }

    /** Writes {@code n} frames from {@code in[c][offset..]}. Samples beyond ±1 clip for PCM. */
    public void write(float[][] in, int offset, int n) throws IOException {
        if (closed) {
            throw new IllegalStateException("writer closed");
        }
        int bytes = n * frameBytes;
        if (buf.capacity() < bytes + 64) {
            // spare room: the SIMD stereo coder stores 64 bytes for every 48 it writes
            buf = ByteBuffer.allocate(bytes + 64).order(ByteOrder.LITTLE_ENDIAN);
        }
        buf.clear();
        byte[] raw = buf.array();
        int p = buf.arrayOffset();
        switch (encoding) {
            case FLOAT32:
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < channels; c++) {
                        FLOAT_LE.set(raw, p, in[c][offset + i]);
                        p += 4;
                    }
                }
                break;
            case PCM16:
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < channels; c++) {
                        int v = quantise(in[c][offset + i], 32768.0, 32767);
                        raw[p] = (byte) v;
                        raw[p + 1] = (byte) (v >> 8);
                        p += 2;
                    }
                }
                break;
            case PCM24:
            default:
                if (channels == 2 && dither != null) {
                    if (ditherBuf.length < 2 * n) {
                        ditherBuf = new double[2 * n];
                    }
                    dither.fill(ditherBuf, 2 * n); // the block's left values, then its right ones
                    p = stereo24(in[0], in[1], offset, n, ditherBuf, raw, p, Simd.on());
                    break;
                }
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < channels; c++) {
                        int v = quantise(in[c][offset + i], 8388608.0, 8388607);
                        raw[p] = (byte) v;
                        raw[p + 1] = (byte) (v >> 8);
                        raw[p + 2] = (byte) (v >> 16);
                        p += 3;
                    }
                }
                break;
        }
        buf.position(p - buf.arrayOffset());
        buf.flip();
        writeFully(buf, dataStart + frames * frameBytes);
        frames += n;
    }

    private double[] ditherBuf = new double[0];

    /**
     * Dithered 24-bit stereo: {@code round(x·2^23 + dither)} clamped, little-endian, frames interleaved (as
     * {@link #quantise}), frame i dithered by {@code d[i]} on the left and {@code d[n + i]} on the right; with
     * {@code simd}, eight frames at a time by {@link Pcm24Vector#encodeStereo} (the same bits). Returns the next
     * position.
     */
    static int stereo24(float[] l, float[] r, int offset, int n, double[] d, byte[] raw, int p, boolean simd) {
        int i = simd ? Pcm24Vector.encodeStereo(l, r, offset, n, d, n, raw, p) : 0;
        return scalarStereo24(l, r, offset, n, d, raw, p + 6 * i, i);
    }

    private static int scalarStereo24(float[] l, float[] r, int offset, int n, double[] d, byte[] raw, int p, int i) {
        for (; i < n; i++) {
            int a = code24(l[offset + i] * 8388608.0 + d[i]);
            int b = code24(r[offset + i] * 8388608.0 + d[n + i]);
            raw[p] = (byte) a;
            raw[p + 1] = (byte) (a >> 8);
            raw[p + 2] = (byte) (a >> 16);
            raw[p + 3] = (byte) b;
            raw[p + 4] = (byte) (b >> 8);
            raw[p + 5] = (byte) (b >> 16);
            p += 6;
        }
        return p;
    }

    /**
     * {@link Math#round(double)} (nearest, ties up), computed from floor: v - floor(v) is exact, so the
     * comparison with 0.5 decides exactly; NaN gives 0 and infinities the long extremes, as Math.round.
     */
    static long round(double v) {
        double f = Math.floor(v);
        return (long) (v - f >= 0.5 ? f + 1 : f);
    }

    /**
     * The 24-bit code of {@code v} (in LSBs): clamped to the 24-bit range, then rounded to nearest (ties to
     * even) by adding 1.5·2^52, which leaves the integer in the low mantissa bits: branch free and exact. NaN
     * gives 0.
     */
    static int code24(double v) {
        if (v != v) {
            return 0;
        }
        v = v > 8388607.0 ? 8388607.0 : v;
        v = v < -8388608.0 ? -8388608.0 : v;
        return (int) Double.doubleToRawLongBits(v + 0x1.8p52);
    }

    private int quantise(float x, double scale, int max) {
        double v = x * scale + (dither == null ? 0.0 : dither.next());
        long q = round(v);
        if (q > max) {
            q = max;
        } else if (q < -max - 1) {
            q = -max - 1;
        }
        return (int) q;
    }

    /** Finishes the headers and moves the file into place. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        boolean ok = false;
        try {
            long dataBytes = frames * frameBytes;
            long riffSize = dataStart - 8 + dataBytes + (dataBytes & 1);
            if ((dataBytes & 1) == 1) {
                writeFully(ByteBuffer.wrap(new byte[1]), dataStart + dataBytes);
            }
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            if (riffSize > RIFF_LIMIT) {
                // RF64: the header says RF64, sizes -1, the real sizes go into ds64 (former JUNK).
                writeFully(ByteBuffer.wrap("RF64".getBytes(StandardCharsets.US_ASCII)), 0);
                writeFully(b.putInt(0, -1).rewind(), 4);
                ByteBuffer ds = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
                ds.put("ds64".getBytes(StandardCharsets.US_ASCII)).putInt(28).putLong(riffSize)
                        .putLong(dataBytes).putLong(frames).putInt(0).flip();
                writeFully(ds, 12);
                writeFully(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, -1), dataStart - 4);
            } else {
                writeFully(b.putInt(0, (int) riffSize).rewind(), 4);
                writeFully(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) dataBytes),
                        dataStart - 4);
            }
            out.force(false);
            out.close();
            try {
                java.nio.file.Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                java.nio.file.Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            ok = true;
        } finally {
            if (!ok) {
                out.close();
                java.nio.file.Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Pushes the audio written so far to the disk ({@code force}), so that the flush at {@link #close} only has
     * the rest: a render with many stems keeps the disk busy while it renders instead of after. Safe while
     * another thread writes; must not overlap {@link #close} or {@link #abort}.
     */
    public void flushWritten() throws IOException {
        if (!closed) {
            out.force(false);
        }
    }

    /** Discards what was written; the target is left as it was. */
    public void abort() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
            java.nio.file.Files.deleteIfExists(tmp);
        }
    }

    /** Writes a whole in-memory buffer as a file (convenience for tests and small files). */
    public static void writeAll(Path target, float[][] audio, int sampleRate, Encoding enc) throws IOException {
        try (WavWriter w = new WavWriter(target, audio.length, sampleRate, enc, 0, null)) {
            int n = audio[0].length;
            for (int i = 0; i < n; i += 8192) {
                w.write(audio, i, Math.min(8192, n - i));
            }
        }
    }
}
