package topdown.format.dawproject;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import topdown.audio.io.AudioSource;
import topdown.audio.io.WavReader;
import topdown.format.SessionFormatException;
import topdown.format.SourceLocation;
import topdown.format.zip.SafeZip;

/**
 * A WAV file inside a DAWproject archive, decoded straight from the zip entry's stream (no extraction):
 * RIFF chunks up to {@code data}, PCM 8/16/24/32-bit and float 32/64. Reading is sequential; a seek forward
 * skips, a seek backward re-opens the entry.
 */
final class DpZipWavSource implements AudioSource {
    private final Path archive;
    private final String entry;
    private int channels;
    private int rate;
    private int bits;
    private boolean isFloat;
    private int frameBytes;
    private long frames;
    private SafeZip zip;
    private InputStream in;
    private long position;
    private long consumed;
    private byte[] buf = new byte[0];

    private DpZipWavSource(Path archive, String entry) {
        this.archive = archive;
        this.entry = entry;
    }

    /** True when the entry starts like a RIFF/WAVE file. */
    static boolean isWav(byte[] head) {
        return head.length >= 12 && new String(head, 0, 4, StandardCharsets.ISO_8859_1).equals("RIFF")
                && new String(head, 8, 4, StandardCharsets.ISO_8859_1).equals("WAVE");
    }

    static DpZipWavSource open(Path archive, String entry) throws IOException {
        DpZipWavSource s = new DpZipWavSource(archive, entry);
        s.reopen();
        return s;
    }

    private SessionFormatException bad(String why) {
        return new SessionFormatException(SourceLocation.element(archive, "entry '" + entry + "'"), why);
    }

    private void reopen() throws IOException {
        closeQuietly();
        zip = SafeZip.open(archive);
        in = new BufferedInputStream(zip.open(entry), 1 << 16);
        consumed = 0;
        byte[] riff = readFully(12);
        if (!isWav(riff)) {
            throw bad("embedded audio is not a RIFF/WAVE file");
        }
        boolean fmt = false;
        while (true) {
            byte[] h = readFully(8);
            String id = new String(h, 0, 4, StandardCharsets.ISO_8859_1);
            long size = ByteBuffer.wrap(h, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
            if (id.equals("fmt ")) {
                if (size < 16 || size > 1024) {
                    throw bad("WAV fmt chunk of " + size + " bytes");
                }
                ByteBuffer f = ByteBuffer.wrap(readFully((int) size)).order(ByteOrder.LITTLE_ENDIAN);
                int tag = f.getShort() & 0xFFFF;
                channels = f.getShort() & 0xFFFF;
                rate = f.getInt();
                f.getInt();
                f.getShort();
                bits = f.getShort() & 0xFFFF;
                if (tag == 0xFFFE && size >= 26) {
                    tag = f.getShort(24) & 0xFFFF;
                }
                isFloat = tag == 3;
                if (tag != 1 && tag != 3 || channels < 1 || channels > 256 || rate < 1 || rate > 1_536_000
                        || !(bits == 8 || bits == 16 || bits == 24 || bits == 32 || isFloat && bits == 64)) {
                    throw bad("unsupported WAV encoding (format " + tag + ", " + bits + " bits, " + channels + " channels)");
                }
                frameBytes = channels * bits / 8;
                fmt = true;
                if ((size & 1) == 1) {
                    skip(1);
                }
            } else if (id.equals("data")) {
                if (!fmt) {
                    throw bad("WAV data chunk before fmt");
                }
                long declared = zip.size(entry);
                long rest = declared > 0 ? declared - consumed : size;
                // 0 or 0xFFFFFFFF: a streamed WAV whose size was never patched; the entry size tells.
                frames = (size == 0xFFFFFFFFL || size == 0 ? rest : Math.min(size, rest)) / frameBytes;
                position = 0;
                return;
            } else {
                skip(size + (size & 1));
            }
        }
    }

    private byte[] readFully(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw bad("embedded WAV ends early");
        }
        consumed += n;
        return b;
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long k = in.skip(left);
            if (k <= 0) {
                if (in.read() < 0) {
                    throw new EOFException(entry + ": ends early");
                }
                k = 1;
            }
            left -= k;
        }
        consumed += n;
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
        return isFloat ? "float" : "pcm";
    }

    @Override
    public void seek(long frame) throws IOException {
        if (frame < 0) {
            throw new IllegalArgumentException("seek < 0");
        }
        long target = Math.min(frame, frames);
        if (target < position) {
            reopen();
        }
        skip((target - position) * frameBytes);
        position = target;
    }

    @Override
    public int read(float[][] out, int offset, int n) throws IOException {
        if (position >= frames) {
            return -1;
        }
        int todo = (int) Math.min(n, frames - position);
        int bytes = todo * frameBytes;
        if (buf.length < bytes + 1) {
            buf = new byte[bytes + 1]; // the spare byte the 24-bit decoder's 4-byte loads read past the data
        }
        int got = in.readNBytes(buf, 0, bytes);
        todo = got / frameBytes;
        if (todo == 0) {
            frames = position;
            return -1;
        }
        WavReader.decode(ByteBuffer.wrap(buf, 0, todo * frameBytes).order(ByteOrder.LITTLE_ENDIAN), channels, bits,
                isFloat, out, offset, todo);
        position += todo;
        return todo;
    }

    private void closeQuietly() throws IOException {
        if (in != null) {
            in.close();
            in = null;
        }
        if (zip != null) {
            zip.close();
            zip = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeQuietly();
    }
}
