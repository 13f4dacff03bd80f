package topdown.audio.io;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * 24-bit little-endian PCM to float with SIMD byte shuffles (JDK 17's incubating Vector API): each 32-byte load
 * is rearranged so every 3-byte sample sits in the top of a 32-bit lane, shifted down to sign-extend, converted
 * and scaled by 2^-23 — the same exact operations as the scalar decoder, so the result is bit-identical. Used
 * only when {@link Simd#on} holds (module present, 256-bit vectors, kernels warmed up); callers fall back to the
 * scalar loops otherwise. Each method decodes whole vectors only and returns how many samples (mono) or
 * frames (stereo) it did; it never reads past {@code raw.length}.
 */
final class Pcm24Vector {
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_256;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;
    private static final VectorSpecies<Float> HALF = FloatVector.SPECIES_128;
    private static final int LANES = 8; // samples per 32-byte vector
    private static final float SCALE = 1.0f / 8388608f;
    /** Sample s (bytes 3s..3s+2) into lane s, bytes 1..3; byte 0 is shifted out. */
    private static final VectorShuffle<Byte> MONO = shuffle(new int[] {0, 1, 2, 3, 4, 5, 6, 7});
    /** Four interleaved stereo frames: left samples into lanes 0..3, right into lanes 4..7. */
    private static final VectorShuffle<Byte> STEREO = shuffle(new int[] {0, 2, 4, 6, 1, 3, 5, 7});

    private Pcm24Vector() {
    }

    // --- encoding: dithered 24-bit stereo ---
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_512;
    private static final VectorSpecies<Integer> INTS16 = IntVector.SPECIES_512;
    private static final VectorSpecies<Byte> BYTES64 = ByteVector.SPECIES_512;
    /** Lanes 0..7 hold the left codes, 8..15 the right: to six bytes a frame, L then R, low byte first. */
    private static final VectorShuffle<Byte> PACK = packShuffle();

    private static VectorShuffle<Byte> packShuffle() {
        int[] idx = new int[64];
        for (int k = 0; k < 8; k++) {
            for (int m = 0; m < 3; m++) {
                idx[6 * k + m] = 4 * k + m;
                idx[6 * k + 3 + m] = 32 + 4 * k + m;
            }
        }
        return VectorShuffle.fromArray(BYTES64, idx, 0); // lanes 48..63 repeat byte 0: overwritten next
    }

    /** The 24-bit codes of eight samples plus their dither, as {@link WavWriter#code24}. */
    private static IntVector codes(float[] x, int i, double[] d, int j) {
        DoubleVector v = ((DoubleVector) FloatVector.fromArray(FLOATS, x, i)
                .convertShape(VectorOperators.F2D, DOUBLES, 0)).mul(8388608.0)
                .add(DoubleVector.fromArray(DOUBLES, d, j))
                .min(8388607.0).max(-8388608.0).add(0x1.8p52); // NaN stays NaN: its low bits are 0
        return (IntVector) v.viewAsIntegralLanes().convertShape(VectorOperators.L2I, INTS, 0);
    }

    /**
     * Dithered 24-bit stereo from {@code l, r[offset..]}: frame i gets the dither {@code d[i]} on the left and
     * {@code d[rightAt + i]} on the right, written as six little-endian bytes from {@code raw[p]}; eight frames
     * at a time, as long as 64 bytes fit. Returns the frames done (a multiple of 8).
     */
    static int encodeStereo(float[] l, float[] r, int offset, int n, double[] d, int rightAt, byte[] raw, int p) {
        int i = 0;
        int limit = raw.length - 64;
        for (; i + 8 <= n && p <= limit; i += 8) {
            IntVector a = (IntVector) codes(l, offset + i, d, i).reinterpretShape(INTS16, 0);
            IntVector b = (IntVector) codes(r, offset + i, d, rightAt + i).reinterpretShape(INTS16, -1);
            a.or(b).reinterpretAsBytes().rearrange(PACK).intoArray(raw, p);
            p += 48;
        }
        return i;
    }

    private static VectorShuffle<Byte> shuffle(int[] sampleOfLane) {
        int[] idx = new int[BYTES.length()];
        for (int lane = 0; lane < LANES; lane++) {
            int s = sampleOfLane[lane];
            idx[4 * lane] = 3 * s;
            idx[4 * lane + 1] = 3 * s;
            idx[4 * lane + 2] = 3 * s + 1;
            idx[4 * lane + 3] = 3 * s + 2;
        }
        return VectorShuffle.fromArray(BYTES, idx, 0);
    }

    static boolean usable() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

    private static FloatVector decode(byte[] raw, int p, VectorShuffle<Byte> order) {
        IntVector v = ByteVector.fromArray(BYTES, raw, p).rearrange(order).reinterpretAsInts()
                .lanewise(VectorOperators.ASHR, 8);
        return ((FloatVector) v.convertShape(VectorOperators.I2F, FLOATS, 0)).mul(SCALE);
    }

    /** Mono samples from {@code raw[p..]} into {@code m[offset..]}: returns how many were decoded (a multiple of 8). */
    static int mono(byte[] raw, int p, float[] m, int offset, int n) {
        int i = 0;
        int limit = raw.length - BYTES.length();
        for (; i + LANES <= n && p <= limit; i += LANES) {
            decode(raw, p, MONO).intoArray(m, offset + i);
            p += 3 * LANES;
        }
        return i;
    }

    /** Stereo frames from {@code raw[p..]}: returns how many frames were decoded (a multiple of 4). */
    static int stereo(byte[] raw, int p, float[] l, float[] r, int offset, int n) {
        int i = 0;
        int limit = raw.length - BYTES.length();
        for (; i + 4 <= n && p <= limit; i += 4) {
            FloatVector f = decode(raw, p, STEREO);
            ((FloatVector) f.reinterpretShape(HALF, 0)).intoArray(l, offset + i);
            ((FloatVector) f.reinterpretShape(HALF, 1)).intoArray(r, offset + i);
            p += 12 * 2;
        }
        return i;
    }
}
