package topdown.audio.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streaming reader for AIFF and AIFC: big-endian PCM 8/16/24/32-bit, AIFC 'NONE', 'sowt' (little-endian
 * PCM), 'fl32'/'fl64' (IEEE float). The sample rate is an 80-bit extended float. Sizes are checked
 * against the file.
 */
public final class AiffReader implements AudioSource {
    private final Path file;
    private final FileChannel ch;
    private final int channels;
    private final int rate;
    private final int bits;
    private final boolean littleEndian;
    private final boolean isFloat;
    private final int frameBytes;
    private final long dataStart;
    private final long frames;
    private long pos;
    private ByteBuffer buf = ByteBuffer.allocate(0);

    private AiffReader(Path file, FileChannel ch, int channels, int rate, int bits, boolean le, boolean fl, long dataStart,
                       long frames) {
        this.file = file;
        this.ch = ch;
        this.channels = channels;
        this.rate = rate;
        this.bits = bits;
        this.littleEndian = le;
        this.isFloat = fl;
        this.frameBytes = channels * ((bits + 7) / 8);
        this.dataStart = dataStart;
        this.frames = frames;
    }

    private static ByteBuffer read(FileChannel ch, long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.BIG_ENDIAN);
        while (b.hasRemaining() && ch.read(b, at + b.position()) > 0) {
            // keep reading
        }
        b.flip();
        return b;
    }

    public static AiffReader open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = ch.size();
            ByteBuffer h = read(ch, 0, 12);
            if (h.limit() < 12 || h.getInt(0) != 0x464F524D) {
                throw new AudioFormatException(file, 0, "not an AIFF file");
            }
            int form = h.getInt(8);
            boolean aifc = form == 0x41494643;
            if (!aifc && form != 0x41494646) {
                throw new AudioFormatException(file, 8, "FORM is neither AIFF nor AIFC");
            }
            int channels = 0;
            int rate = 0;
            int bits = 0;
            long numFrames = -1;
            boolean le = false;
            boolean fl = false;
            long dataStart = -1;
            long dataBytes = 0;
            long at = 12;
            int chunks = 0;
            while (at + 8 <= size) {
                if (++chunks > 10_000) {
                    throw new AudioFormatException(file, at, "too many chunks");
                }
                ByteBuffer c = read(ch, at, 8);
                int id = c.getInt(0);
                long len = c.getInt(4) & 0xFFFFFFFFL;
                if (id == 0x434F4D4D) { // COMM
                    ByteBuffer cm = read(ch, at + 8, (int) Math.min(len, 64));
                    if (cm.limit() < 18) {
                        throw new AudioFormatException(file, at, "COMM chunk truncated");
                    }
                    channels = cm.getShort(0) & 0xFFFF;
                    numFrames = cm.getInt(2) & 0xFFFFFFFFL;
                    bits = cm.getShort(6) & 0xFFFF;
                    int exp = (cm.getShort(8) & 0x7FFF) - 16383;
                    long mant = cm.getLong(10);
                    double r = (mant >>> 11) * Math.pow(2, exp - 52);
                    rate = (int) Math.round(r);
                    if (aifc && cm.limit() >= 22) {
                        String comp = new String(new byte[] {cm.get(18), cm.get(19), cm.get(20), cm.get(21)},
                                java.nio.charset.StandardCharsets.ISO_8859_1);
                        switch (comp) {
                            case "NONE": case "twos": break;
                            case "sowt": le = true; break;
                            case "fl32": case "FL32": fl = true; bits = 32; break;
                            case "fl64": case "FL64": fl = true; bits = 64; break;
                            default:
                                throw new AudioFormatException(file, at, "compressed AIFC ('" + comp + "') is not supported");
                        }
                    }
                } else if (id == 0x53534E44) { // SSND
                    ByteBuffer sd = read(ch, at + 8, 8);
                    long offset = sd.getInt(0) & 0xFFFFFFFFL;
                    dataStart = at + 16 + offset;
                    dataBytes = len - 8 - offset;
                }
                long next = at + 8 + len + (len & 1);
                if (next <= at) {
                    throw new AudioFormatException(file, at, "chunk size loops back");
                }
                at = next;
            }
            if (channels < 1 || channels > 256 || rate < 1 || rate > 1_536_000) {
                throw new AudioFormatException(file, "implausible channels/rate " + channels + "/" + rate);
            }
            if (!(bits == 8 || bits == 16 || bits == 24 || bits == 32 || bits == 64 && fl)) {
                throw new AudioFormatException(file, "unsupported sample size " + bits);
            }
            if (dataStart < 0) {
                throw new AudioFormatException(file, "no SSND chunk");
            }
            int fb = channels * ((bits + 7) / 8);
            long available = Math.max(0, Math.min(dataBytes, size - dataStart)) / fb;
            if (numFrames > available) {
                throw new AudioFormatException(file, dataStart, "COMM declares " + numFrames + " frames but the data holds "
                        + available + " (truncated file)");
            }
            return new AiffReader(file, ch, channels, rate, bits, le, fl, dataStart, numFrames);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int sampleRate() {
        return rate;
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
        return isFloat ? "aiff-float" : "aiff";
    }

    @Override
    public void seek(long frame) {
        pos = Math.max(0, Math.min(frame, frames));
    }

    @Override
    public int read(float[][] out, int off, int n) throws IOException {
        if (pos >= frames) {
            return -1;
        }
        int todo = (int) Math.min(n, frames - pos);
        int bytes = todo * frameBytes;
        if (buf.capacity() < bytes) {
            buf = ByteBuffer.allocate(bytes);
        }
        buf.clear().limit(bytes);
        long at = dataStart + pos * frameBytes;
        while (buf.hasRemaining()) {
            if (ch.read(buf, at + buf.position()) < 0) {
                throw new AudioFormatException(file, at, "file ended inside the audio data");
            }
        }
        buf.flip().order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < todo; i++) {
            for (int c = 0; c < channels; c++) {
                float v;
                if (isFloat) {
                    v = bits == 32 ? buf.getFloat() : (float) buf.getDouble();
                } else if (bits == 8) {
                    v = buf.get() / 128f;
                } else if (bits == 16) {
                    v = buf.getShort() / 32768f;
                } else if (bits == 24) {
                    int b0 = buf.get() & 0xFF;
                    int b1 = buf.get() & 0xFF;
                    int b2 = buf.get();
                    int s = littleEndian ? (b0 | b1 << 8 | (b2 << 16)) : ((byte) b0 << 16 | b1 << 8 | (b2 & 0xFF));
                    v = s / 8388608f;
                } else {
                    v = (float) (buf.getInt() / 2147483648.0);
                }
                out[c][off + i] = v;
            }
        }
        pos += todo;
        return todo;
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
