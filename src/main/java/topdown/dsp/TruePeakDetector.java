package topdown.dsp;

/**
 * True-peak detection per ITU-R BS.1770-4 Annex 2: the signal is oversampled (4× below 96 kHz, 2×
 * from 96 kHz, none from 192 kHz) with a polyphase windowed-sinc interpolator (Kaiser, 24 taps per
 * phase, cutoff at the original Nyquist) and the largest absolute value of the original and
 * interpolated samples is the true peak. Streaming, per channel.
 *
 * <p>Implementation: samples are processed in chunks held as doubles behind the last 23 samples of
 * history; each interpolation phase is one straight loop over the chunk (24 products summed in tap
 * order, newest sample first, exactly as a per-sample loop would), which the JIT turns into SIMD code.
 * Interpolation is skipped, exactly, for stretches where it cannot beat the peak found so far (see
 * {@link #accept}).
 */
public final class TruePeakDetector {
    private static final int HALF = 12;
    private static final int TAPS = 2 * HALF;
    private static final int H = TAPS - 1; // history kept in front of each chunk
    private static final int CHUNK = 8192;
    private final int factor;
    private final double[][] phases; // [phase][tap]
    private final double tapBound;
    private final double[] buf = new double[H + CHUNK]; // [history | chunk]
    private static final int P = 512; // outputs per bound pass
    private static final double MARGIN = 1 + 1e-9; // covers rounding in the bound and in the sums
    private final double[] rest; // per phase: sum of |tap| outside the centre taps 10..13
    private final double[] t0 = new double[P + H];
    private final double[] t1 = new double[P + H];
    private final double[] t2 = new double[P + H];
    private final double[] c10 = new double[P];
    private final double[] c11 = new double[P];
    private final double[] c12 = new double[P];
    private final double[] c13 = new double[P];
    private double peak;
    private final double[] blockMax = new double[3 + CHUNK / 8 + 3];
    private int lastBlocks;
    private final double boundC; // largest over phases of the centre taps' |h| sum
    private final double boundR; // largest over phases of the other taps' |h| sum

    public TruePeakDetector(int rate) {
        factor = rate < 96000 ? 4 : rate < 192000 ? 2 : 1;
        phases = new double[factor][TAPS];
        double beta = 8.0;
        double i0 = SincResampler.bessel0(beta);
        for (int p = 0; p < factor; p++) {
            double frac = p / (double) factor;
            for (int k = 0; k < TAPS; k++) {
                // tap k multiplies input sample (newest - k); interpolation point sits frac after sample (HALF - 1)
                double tau = (HALF - 1 + frac) - k;
                double r = tau / HALF;
                double w = Math.abs(r) >= 1 ? 0 : SincResampler.bessel0(beta * Math.sqrt(1 - r * r)) / i0;
                double sinc = tau == 0 ? 1 : Math.sin(Math.PI * tau) / (Math.PI * tau);
                phases[p][k] = sinc * w;
            }
        }
        double bound = 1;
        for (int p = 1; p < factor; p++) {
            double sum = 0;
            for (double h : phases[p]) {
                sum += Math.abs(h);
            }
            bound = Math.max(bound, sum);
        }
        tapBound = bound * MARGIN;
        double bc = 0;
        double br = 0;
        rest = new double[factor];
        for (int p = 1; p < factor; p++) {
            for (int k = 0; k < TAPS; k++) {
                if (k < 10 || k > 13) {
                    rest[p] += Math.abs(phases[p][k]);
                }
            }
            bc = Math.max(bc, (Math.abs(phases[p][10]) + Math.abs(phases[p][11]) + Math.abs(phases[p][12])
                    + Math.abs(phases[p][13])) * MARGIN);
            br = Math.max(br, rest[p] * MARGIN);
        }
        boundC = bc;
        boundR = br;
    }

    public int factor() {
        return factor;
    }

    /**
     * Feeds samples. The peak is the largest of |sample| and |interpolated value|; every sample of a chunk
     * counts first. An interpolated value can exceed the largest input sample of its window by at most
     * the sum of the absolute filter taps, so where a stretch's largest window sample times that bound
     * cannot beat the peak found so far, its interpolation is skipped (exact: it cannot change the result).
     */
    public void accept(float[] x, int off, int n) {
        while (n > 0) {
            int len = Math.min(n, CHUNK);
            chunk(x, off, len);
            off += len;
            n -= len;
        }
    }

    private void chunk(float[] x, int off, int len) {
        final double[] b = buf;
        for (int j = 0; j < len; j++) {
            b[H + j] = x[off + j];
        }
        // Largest |sample| of each block of 8 (bm[3 + q] for chunk samples 8q..8q+7; bm[0..2] the history's
        // blocks): on the float bits, branch free; a block holding a NaN is flagged and measured apart.
        final int blocks = (len + 7) >> 3;
        final double[] bm = blockMax;
        System.arraycopy(bm, lastBlocks, bm, 0, 3);
        boolean nan = false;
        for (int q = 0; q < blocks; q++) {
            int e = Math.min(len, 8 * q + 8);
            int m = 0;
            for (int j = off + 8 * q; j < off + e; j++) {
                m = Math.max(m, Float.floatToRawIntBits(x[j]) & 0x7FFFFFFF);
            }
            if (m > 0x7F800000) {
                nan = true;
                bm[3 + q] = Double.NaN;
            } else {
                bm[3 + q] = Float.intBitsToFloat(m);
            }
        }
        double pk = peak;
        for (int q = 0; q < blocks; q++) {
            double v = bm[3 + q];
            if (v > pk) {
                pk = v;
            }
        }
        if (nan) {
            for (int j = 0; j < len; j++) {
                double av = Math.abs(b[H + j]);
                if (av > pk) {
                    pk = av;
                }
            }
        }
        if (factor > 1) {
            // Outputs of block q read inputs 8q-23 .. 8q+7 (blocks q-3..q), their centre taps 10..13 inputs
            // 8q-13 .. 8q-3 (blocks q-2, q-1): bound = centre weight * centre max + rest weight * window max.
            int runStart = -1;
            for (int q = 0; q < blocks; q++) {
                double mc = Math.max(bm[q + 1], bm[q + 2]);
                double mw = Math.max(mc, Math.max(bm[q], bm[q + 3]));
                boolean need = !(boundC * mc + boundR * mw <= pk) && !(mw * tapBound <= pk);
                if (need) {
                    if (runStart < 0) {
                        runStart = 8 * q;
                    }
                } else if (runStart >= 0) {
                    pk = interpolate(runStart, 8 * q, pk);
                    runStart = -1;
                }
            }
            if (runStart >= 0) {
                pk = interpolate(runStart, len, pk);
            }
        }
        lastBlocks = blocks;
        if (len < H + 1 || (len & 7) != 0) {
            // The history's blocks must be whole blocks of the last 24 samples: rebuild them from the buffer.
            for (int q = 0; q < 3; q++) {
                double m = 0;
                for (int j = len + 8 * q - 1; j < len + 8 * q + 7; j++) {
                    double a = j < 0 ? 0 : Math.abs(b[j]);
                    if (!(a <= m)) {
                        m = a;
                    }
                }
                bm[lastBlocks + q] = m;
            }
        }
        System.arraycopy(b, len, b, 0, H);
        peak = pk;
    }

    /**
     * Interpolates outputs [from, to) of the chunk where it can matter; returns the new peak. A cheap exact
     * bound is computed for every output first, as straight loops over equally indexed arrays (which the
     * JIT vectorises): |interpolated| <= |sum of the 4 centre taps' products| + (sum of the other 20 taps'
     * magnitudes) * (largest |sample| of the 32 samples in the 4 blocks of 8 that hold the window), with a
     * margin for rounding; NaN bounds count as "compute". Only outputs
     * whose bound beats the peak are computed in full, in the per-sample tap order.
     */
    private double interpolate(int from, int to, double pk) {
        for (int a = from; a < to; a += P) {
            pk = piece(a, Math.min(P, to - a), pk);
        }
        return pk;
    }

    private double piece(int a, int n, double pk) {
        final double[] b = buf;
        final double[] bm = blockMax;
        // Window maximum of output i (chunk index a+i in block r): blocks r-3..r hold its 24 inputs.
        final double[] mw = t0;
        for (int i = 0; i < n; ) {
            int r = (a + i) >> 3;
            int e = Math.min(n, ((r + 1) << 3) - a);
            double m = Math.max(Math.max(bm[r], bm[r + 1]), Math.max(bm[r + 2], bm[r + 3]));
            for (; i < e; i++) {
                mw[i] = m;
            }
        }
        // Centre taps 10..13 of output i read buffer H+a+i-k.
        final double[] x10 = c10;
        final double[] x11 = c11;
        final double[] x12 = c12;
        final double[] x13 = c13;
        System.arraycopy(b, H + a - 10, x10, 0, n);
        System.arraycopy(b, H + a - 11, x11, 0, n);
        System.arraycopy(b, H + a - 12, x12, 0, n);
        System.arraycopy(b, H + a - 13, x13, 0, n);
        final double[] score = t1;
        final double[] e = t2;
        for (int p = 1; p < factor; p++) {
            final double[] h = phases[p];
            final double g10 = h[10];
            final double g11 = h[11];
            final double g12 = h[12];
            final double g13 = h[13];
            final double r = rest[p];
            final double[] dst = p == 1 ? score : e;
            for (int i = 0; i < n; i++) {
                dst[i] = Math.abs(g10 * x10[i] + g11 * x11[i] + g12 * x12[i] + g13 * x13[i]) + r * mw[i];
            }
            if (p > 1) {
                for (int i = 0; i < n; i++) {
                    score[i] = Math.max(score[i], e[i]);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (!(score[i] * MARGIN <= pk)) {
                pk = exact(H + a + i, pk);
            }
        }
        return pk;
    }

    /** Every phase of the output whose newest input is buffer[newest], each summed in tap order. */
    private double exact(int newest, double pk) {
        final double[] b = buf;
        if (factor == 4) {
            final double[] h1 = phases[1];
            final double[] h2 = phases[2];
            final double[] h3 = phases[3];
            double a1 = 0;
            double a2 = 0;
            double a3 = 0;
            for (int k = 0; k < TAPS; k++) {
                double v = b[newest - k];
                a1 += h1[k] * v;
                a2 += h2[k] * v;
                a3 += h3[k] * v;
            }
            return Math.max(pk, Math.max(abs(a1), Math.max(abs(a2), abs(a3))));
        }
        for (int p = 1; p < factor; p++) {
            final double[] h = phases[p];
            double acc = 0;
            for (int k = 0; k < TAPS; k++) {
                acc += h[k] * b[newest - k];
            }
            double ab = Math.abs(acc);
            if (ab > pk) {
                pk = ab;
            }
        }
        return pk;
    }

    /** |v|, with NaN as 0 (a NaN interpolation never raises the peak). */
    private static double abs(double v) {
        return v != v ? 0 : Math.abs(v);
    }

    /** Linear true peak so far. */
    public double peak() {
        return peak;
    }
}
