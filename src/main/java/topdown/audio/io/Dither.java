package topdown.audio.io;

/**
 * TPDF dither: the sum of two independent uniform values in [-0.5, 0.5) LSB, so the error is
 * triangular over ±1 LSB. Deterministic from its seed (xorshift64*), so renders are repeatable.
 */
public final class Dither {
    private long state;

    public Dither(long seed) {
        state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    /** Next dither value in LSB units, triangular on [-1, 1): the sum of the two 32-bit halves of one draw. */
    public double next() {
        state ^= state >>> 12;
        state ^= state << 25;
        state ^= state >>> 27;
        long r = state * 0x2545F4914F6CDD1DL;
        return ((r >>> 32) + (r & 0xFFFFFFFFL)) * 0x1.0p-32 - 1.0;
    }

    /** The next {@code n} values of {@link #next()} into {@code out[0..n)}, in the same order. */
    public void fill(double[] out, int n) {
        long x = state;
        for (int i = 0; i < n; i++) {
            x ^= x >>> 12;
            x ^= x << 25;
            x ^= x >>> 27;
            long r = x * 0x2545F4914F6CDD1DL;
            out[i] = ((r >>> 32) + (r & 0xFFFFFFFFL)) * 0x1.0p-32 - 1.0;
        }
        state = x;
    }
}
