package topdown.audio.io;

import java.io.IOException;
import topdown.dsp.SincResampler;

/**
 * An {@link AudioSource} at another sample rate than the one it wraps, converted with
 * {@link SincResampler} while streaming: it keeps only the input window the filter needs.
 */
public final class ResamplingSource implements AudioSource {
    private static final int CHUNK = 8192;
    private final AudioSource in;
    private final SincResampler rs;
    private final int channels;
    private final long frames;
    private float[][] hist;
    private long histStart;
    private int histLen;
    private long inPos; // next input frame to read from `in`
    private long outPos;
    private boolean inEnded;
    private float[][] chunk;

    public ResamplingSource(AudioSource in, int outRate) {
        this.in = in;
        this.rs = new SincResampler(in.sampleRate(), outRate);
        this.channels = in.channels();
        this.frames = in.frames() < 0 ? -1 : rs.outputFrames(in.frames());
        this.hist = new float[channels][CHUNK * 2 + 4 * rs.reach()];
        this.chunk = new float[channels][CHUNK];
        reset(0);
    }

    private void reset(long outFrame) {
        outPos = outFrame;
        long first = rs.baseInput(outFrame) - rs.reach();
        histStart = first;
        histLen = 0;
        inPos = Math.max(0, first);
        inEnded = false;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int sampleRate() {
        return rs.outRate();
    }

    @Override
    public long frames() {
        return frames;
    }

    @Override
    public int bitsPerSample() {
        return in.bitsPerSample();
    }

    @Override
    public String codec() {
        return in.codec() + "@" + in.sampleRate();
    }

    @Override
    public long timeReference() {
        long t = in.timeReference();
        return t < 0 ? t : Math.round(t * (double) rs.outRate() / in.sampleRate());
    }

    @Override
    public void seek(long frame) throws IOException {
        reset(frame);
        in.seek(inPos);
    }

    /** Makes sure input samples up to {@code last} (inclusive) are in the history, or the input ended. */
    private void fill(long last) throws IOException {
        // Drop what no further output needs.
        long keepFrom = rs.baseInput(outPos) - rs.reach();
        int drop = (int) Math.max(0, Math.min(histLen, keepFrom - histStart));
        if (drop > 0) {
            for (float[] h : hist) {
                System.arraycopy(h, drop, h, 0, histLen - drop);
            }
            histStart += drop;
            histLen -= drop;
        }
        // Leading silence before input frame 0.
        while (histStart + histLen < 0 && histStart + histLen <= last) {
            ensureCapacity(histLen + 1);
            for (float[] h : hist) {
                h[histLen] = 0;
            }
            histLen++;
        }
        while (!inEnded && histStart + histLen <= last) {
            int want = CHUNK;
            int got = in.read(chunk, 0, want);
            if (got <= 0) {
                inEnded = true;
                break;
            }
            ensureCapacity(histLen + got);
            for (int c = 0; c < channels; c++) {
                System.arraycopy(chunk[c], 0, hist[c], histLen, got);
            }
            histLen += got;
            inPos += got;
        }
    }

    private void ensureCapacity(int n) {
        if (n > hist[0].length) {
            int cap = Math.max(n, hist[0].length * 2);
            for (int c = 0; c < channels; c++) {
                hist[c] = java.util.Arrays.copyOf(hist[c], cap);
            }
        }
    }

    @Override
    public int read(float[][] out, int offset, int n) throws IOException {
        if (frames >= 0 && outPos >= frames) {
            return -1;
        }
        int todo = frames >= 0 ? (int) Math.min(n, frames - outPos) : n;
        int done = 0;
        while (done < todo) {
            int step = Math.min(todo - done, 4096);
            long lastOut = outPos + step - 1;
            fill(rs.baseInput(lastOut) + rs.reach());
            for (int i = 0; i < step; i++) {
                long o = outPos + i;
                for (int c = 0; c < channels; c++) {
                    out[c][offset + done + i] = (float) rs.sample(o, hist[c], histStart, histLen);
                }
            }
            done += step;
            outPos += step;
            if (inEnded && frames < 0 && rs.baseInput(outPos) - rs.reach() > histStart + histLen) {
                break;
            }
        }
        return done == 0 ? -1 : done;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
