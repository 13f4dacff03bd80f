package topdown.audio.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The dither's sequence does not depend on how it is drawn (one at a time, in blocks of any size, SIMD or
 * scalar), and the SIMD dithered 24-bit stereo coder writes the bytes the scalar coder writes, for ordinary
 * values, the full-scale edges, overs, infinities and NaN.
 */
class DitherAndEncodeTest {

    @Test
    void ditherSequenceIsTheSameHoweverItIsDrawn() {
        int total = 10_000;
        double[] oneByOne = new double[total];
        Dither a = new Dither(7);
        for (int i = 0; i < total; i++) {
            oneByOne[i] = a.next();
        }
        Random rnd = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            Dither b = new Dither(7);
            double[] got = new double[total];
            int at = 0;
            while (at < total) {
                int n = Math.min(total - at, rnd.nextInt(trial % 2 == 0 ? 20 : 3000));
                if (n == 1 && rnd.nextBoolean()) {
                    got[at] = b.next();
                } else {
                    double[] part = new double[n];
                    b.fill(part, n);
                    System.arraycopy(part, 0, got, at, n);
                }
                at += n;
            }
            assertArrayEquals(oneByOne, got, "trial " + trial);
        }
        assertEquals(false, oneByOne[0] == new Dither(8).next(), "another seed, another sequence");
    }

    @Test
    void simdDitherEqualsTheScalarGenerators() {
        assumeTrue(Simd.AVAILABLE, "SIMD is off (module or 256-bit vectors missing)");
        long[] s1 = new Dither(11).state.clone();
        long[] s2 = s1.clone();
        double[] x = new double[8 * 1000 + 5];
        double[] y = new double[8 * 1000 + 5];
        DitherVector.groups(s1, x, 5, 1000);
        Dither.scalarGroups(s2, y, 5, 1000);
        assertArrayEquals(y, x);
        assertArrayEquals(s2, s1);
    }

    @Test
    void simdStereoCoderWritesTheScalarCodersBytes() {
        assumeTrue(Simd.AVAILABLE, "SIMD is off (module or 256-bit vectors missing)");
        Random rnd = new Random(5);
        float[] specials = {1f, -1f, 0.99999994f, -0.99999994f, 1.5f, -3f, Float.NaN, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, 0f, -0f, 1e-9f, 8388607.5f / 8388608f};
        for (int n = 0; n <= 70; n++) {
            for (int offset = 0; offset < 3; offset++) {
                float[] l = new float[offset + n];
                float[] r = new float[offset + n];
                for (int i = 0; i < offset + n; i++) {
                    l[i] = rnd.nextInt(4) == 0 ? specials[rnd.nextInt(specials.length)] : (float) (rnd.nextGaussian() * 0.3);
                    r[i] = rnd.nextInt(4) == 0 ? specials[rnd.nextInt(specials.length)] : (float) (rnd.nextGaussian() * 0.3);
                }
                double[] d = new double[2 * n];
                new Dither(n).fill(d, 2 * n);
                byte[] a = new byte[3 + 6 * n + 64];
                byte[] b = new byte[3 + 6 * n + 64];
                assertEquals(n - n % 8, Pcm24Vector.encodeStereo(l, r, offset, n, d, n, new byte[3 + 6 * n + 64], 3),
                        "the vector coder does every whole group of 8 frames");
                int pa = WavWriter.stereo24(l, r, offset, n, d, a, 3, true);
                int pb = WavWriter.stereo24(l, r, offset, n, d, b, 3, false);
                assertEquals(3 + 6 * n, pa);
                assertEquals(pa, pb);
                for (int i = 0; i < pa; i++) {
                    assertEquals(b[i], a[i], "byte " + i + " of " + n + " frames");
                }
                for (int i = 0; i < n; i++) { // and the scalar coder is the format's definition
                    int q = 3 + 6 * i;
                    int code = (b[q] & 0xFF) | (b[q + 1] & 0xFF) << 8 | b[q + 2] << 16;
                    assertEquals(WavWriter.code24(l[offset + i] * 8388608.0 + d[i]), code);
                }
            }
        }
    }
}
