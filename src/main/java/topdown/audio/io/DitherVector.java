package topdown.audio.io;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Dither}'s eight xorshift64* generators as two 256-bit vectors of four: the same integer steps, the same
 * exact conversion and scaling, so the same values as the scalar loop. Loaded only when {@link Simd#on} holds.
 */
final class DitherVector {
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_256;
    private static final int HALF = 4;

    private DitherVector() {
    }

    private static LongVector step(LongVector x) {
        x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 12));
        x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHL, 25));
        return x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 27));
    }

    private static void values(LongVector x, double[] out, int at) {
        LongVector r = x.mul(Dither.MUL);
        LongVector v = r.lanewise(VectorOperators.LSHR, 32).add(r.and(0xFFFFFFFFL));
        ((DoubleVector) v.convert(VectorOperators.L2D, 0)).mul(0x1.0p-32).sub(1.0).intoArray(out, at);
    }

    static void groups(long[] state, double[] out, int at, int groups) {
        LongVector a = LongVector.fromArray(LONGS, state, 0);
        LongVector b = LongVector.fromArray(LONGS, state, HALF);
        for (int g = 0; g < groups; g++) {
            a = step(a);
            b = step(b);
            int o = at + g * Dither.LANES;
            values(a, out, o);
            values(b, out, o + HALF);
        }
        a.intoArray(state, 0);
        b.intoArray(state, HALF);
    }
}
