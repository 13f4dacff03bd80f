package topdown.audio.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jflac.FLACDecoder;
import org.jflac.frame.Frame;
import org.jflac.metadata.StreamInfo;
import org.jflac.util.ByteData;

/**
 * FLAC through the jflac codec, frame by frame (memory holds one frame). Seeking decodes forward from the
 * start (or from the current position when seeking ahead), which is what a renderer needs: one seek per
 * clip, then sequential reads.
 */
public final class FlacSource implements AudioSource {
    private final Path file;
    private InputStream in;
    private FLACDecoder dec;
    private final int channels;
    private final int rate;
    private final int bits;
    private final long frames;
    private long pos; // next frame delivered
    private byte[] pending = new byte[0];
    private int pendingOff;
    private int pendingLen;
    private ByteData bd = new ByteData(0);

    private FlacSource(Path file) throws IOException {
        this.file = file;
        StreamInfo si = openDecoder();
        if (si == null) {
            close();
            throw new AudioFormatException(file, 0, "FLAC stream without STREAMINFO");
        }
        channels = si.getChannels();
        rate = si.getSampleRate();
        bits = si.getBitsPerSample();
        frames = si.getTotalSamples() > 0 ? si.getTotalSamples() : -1;
        if (channels < 1 || channels > 8 || rate < 1 || rate > 655350 || bits < 4 || bits > 32) {
            close();
            throw new AudioFormatException(file, 0, "implausible FLAC stream info " + channels + " ch, " + rate + " Hz, "
                    + bits + " bits");
        }
    }

    private StreamInfo openDecoder() throws IOException {
        in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        dec = new FLACDecoder(in);
        try {
            return dec.readStreamInfo();
        } catch (IOException | RuntimeException e) {
            throw new AudioFormatException(file, 0, "not a readable FLAC stream: " + e.getMessage());
        }
    }

    public static FlacSource open(Path file) throws IOException {
        return new FlacSource(file);
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
        return "flac";
    }

    @Override
    public void seek(long frame) throws IOException {
        if (frame < pos) {
            in.close();
            openDecoder();
            pos = 0;
            pendingLen = 0;
        }
        float[][] skip = new float[channels][8192];
        while (pos < frame) {
            int r = read(skip, 0, (int) Math.min(8192, frame - pos));
            if (r <= 0) {
                break;
            }
        }
    }

    private boolean nextFrame() throws IOException {
        Frame f;
        try {
            f = dec.readNextFrame();
            if (f == null) {
                return false;
            }
            bd = dec.decodeFrame(f, bd);
        } catch (IOException | RuntimeException e) {
            throw new AudioFormatException(file, dec.getTotalBytesRead(), "corrupt FLAC frame: " + e.getMessage());
        }
        pending = bd.getData();
        pendingOff = 0;
        pendingLen = bd.getLen();
        return pendingLen > 0;
    }

    @Override
    public int read(float[][] out, int off, int n) throws IOException {
        int bytesPerSample = (bits + 7) / 8;
        int frameBytes = bytesPerSample * channels;
        int done = 0;
        double scale = 1.0 / (1L << (bytesPerSample * 8 - 1));
        while (done < n) {
            if (pendingLen - pendingOff < frameBytes) {
                if (!nextFrame()) {
                    break;
                }
                continue;
            }
            int avail = (pendingLen - pendingOff) / frameBytes;
            int k = Math.min(avail, n - done);
            for (int i = 0; i < k; i++) {
                for (int c = 0; c < channels; c++) {
                    int v = 0;
                    for (int b = 0; b < bytesPerSample; b++) {
                        v |= (pending[pendingOff + b] & 0xFF) << (8 * b);
                    }
                    int shift = 32 - 8 * bytesPerSample;
                    v = (v << shift) >> shift; // sign extend
                    out[c][off + done + i] = (float) (v * scale);
                    pendingOff += bytesPerSample;
                }
            }
            done += k;
        }
        pos += done;
        return done == 0 ? -1 : done;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
