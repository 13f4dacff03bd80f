package topdown.audio.io;

/** An in-memory AudioSource for tests (optionally generated on the fly). */
public final class ArraySource implements AudioSource {
    public interface Generator {
        float sample(int channel, long frame);
    }

    private final int channels;
    private final int rate;
    private final long frames;
    private final Generator gen;
    private long pos;

    public ArraySource(int channels, int rate, long frames, Generator gen) {
        this.channels = channels;
        this.rate = rate;
        this.frames = frames;
        this.gen = gen;
    }

    public static ArraySource of(int rate, float[]... data) {
        return new ArraySource(data.length, rate, data[0].length, (c, i) -> data[c][(int) i]);
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
        return 32;
    }

    @Override
    public String codec() {
        return "float";
    }

    @Override
    public void seek(long frame) {
        pos = Math.min(frame, frames);
    }

    @Override
    public int read(float[][] out, int off, int n) {
        if (pos >= frames) {
            return -1;
        }
        int todo = (int) Math.min(n, frames - pos);
        for (int i = 0; i < todo; i++) {
            for (int c = 0; c < channels; c++) {
                out[c][off + i] = gen.sample(c, pos + i);
            }
        }
        pos += todo;
        return todo;
    }

    @Override
    public void close() {
    }
}
