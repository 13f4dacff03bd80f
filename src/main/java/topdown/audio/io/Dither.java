package topdown.audio.io;

/**
 * TPDF dither: the sum of two independent uniform values in [-0.5, 0.5) LSB, so the error is triangular over
 * ±1 LSB. Deterministic from its seed, so renders are repeatable.
 *
 * <p>The values come from eight xorshift64* generators taken in turn (value k from generator k mod 8), each
 * seeded from the seed by splitmix64: eight independent chains run in parallel on a CPU (and as one SIMD vector
 * when {@link Simd#on} holds, {@link DitherVector}), where one chain waits on its own multiply. The
 * scalar and the vector paths give the same values; {@link #next} and {@link #fill} draw from one sequence.
 */
public final class Dither {
    static final int LANES = 8;
    static final long MUL = 0x2545F4914F6CDD1DL;
    /** The generators' states. */
    final long[] state = new long[LANES];
    /** The current group of eight values and how many of them were used. */
    private final double[] group = new double[LANES];
    private int used = LANES;

    public Dither(long seed) {
        long z = seed;
        for (int j = 0; j < LANES; j++) {
            z += 0x9E3779B97F4A7C15L; // splitmix64
            long x = z;
            x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
            x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
            x ^= x >>> 31;
            state[j] = x == 0 ? 0x9E3779B97F4A7C15L : x;
        }
    }

    /** Next dither value in LSB units, triangular on [-1, 1): the sum of the two 32-bit halves of one draw. */
    public double next() {
        if (used == LANES) {
            groupsInto(group, 0, 1);
            used = 0;
        }
        return group[used++];
    }

    /** The next {@code n} values of {@link #next()} into {@code out[0..n)}, in the same order. */
    public void fill(double[] out, int n) {
        int i = 0;
        while (i < n && used < LANES) {
            out[i++] = group[used++];
        }
        int groups = (n - i) / LANES;
        groupsInto(out, i, groups);
        i += groups * LANES;
        while (i < n) {
            out[i++] = next();
        }
    }

    /** {@code groups} steps of all eight generators into {@code out[at..at + 8·groups)}. */
    private void groupsInto(double[] out, int at, int groups) {
        if (groups <= 0) {
            return;
        }
        if (groups > 1 && Simd.on()) {
            DitherVector.groups(state, out, at, groups);
        } else {
            scalarGroups(state, out, at, groups);
        }
    }

    /** The triangular value of one 64-bit draw: its two 32-bit halves summed, scaled to [-1, 1). */
    static double value(long r) {
        return ((r >>> 32) + (r & 0xFFFFFFFFL)) * 0x1.0p-32 - 1.0;
    }

    /** The scalar path for {@code groups} groups, whatever {@link Simd#on} says (tests compare the two). */
    static void scalarGroups(long[] s, double[] out, int at, int groups) {
        // eight chains in locals: independent, so the CPU overlaps their multiplies
        long x0 = s[0], x1 = s[1], x2 = s[2], x3 = s[3], x4 = s[4], x5 = s[5], x6 = s[6], x7 = s[7];
        for (int g = 0; g < groups; g++) {
            int o = at + g * LANES;
            x0 = step(x0);
            x1 = step(x1);
            x2 = step(x2);
            x3 = step(x3);
            x4 = step(x4);
            x5 = step(x5);
            x6 = step(x6);
            x7 = step(x7);
            out[o] = value(x0 * MUL);
            out[o + 1] = value(x1 * MUL);
            out[o + 2] = value(x2 * MUL);
            out[o + 3] = value(x3 * MUL);
            out[o + 4] = value(x4 * MUL);
            out[o + 5] = value(x5 * MUL);
            out[o + 6] = value(x6 * MUL);
            out[o + 7] = value(x7 * MUL);
        }
        s[0] = x0;
        s[1] = x1;
        s[2] = x2;
        s[3] = x3;
        s[4] = x4;
        s[5] = x5;
        s[6] = x6;
        s[7] = x7;
    }

    /** One xorshift64 step. */
    static long step(long x) {
        x ^= x >>> 12;
        x ^= x << 25;
        return x ^ (x >>> 27);
    }
}
