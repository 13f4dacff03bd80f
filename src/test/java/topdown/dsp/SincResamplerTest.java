package topdown.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import topdown.audio.io.ArraySource;
import topdown.audio.io.ResamplingSource;

/**
 * Measures the resampler: passband ripple (sines up to 0.45 of the lower rate keep their level within
 * 0.01 dB) and image/alias rejection (what lands at the image or alias frequency of a sine is at least
 * 120 dB down). Levels are measured by least-squares fits of a sine and cosine at the frequency of
 * interest over a steady stretch (far from the edges, an integer number of cycles is not needed
 * because the fit is exact for a stationary sine).
 */
class SincResamplerTest {
    private static double[] render(int inRate, int outRate, double hz, int outFrames, long seekTo) throws Exception {
        ArraySource src = new ArraySource(1, inRate, (long) inRate * 4,
                (c, i) -> (float) (0.5 * Math.sin(2 * Math.PI * hz * i / inRate)));
        try (ResamplingSource rs = new ResamplingSource(src, outRate)) {
            if (seekTo > 0) {
                rs.seek(seekTo);
            }
            float[][] out = new float[1][outFrames];
            int got = 0;
            while (got < outFrames) {
                int r = rs.read(out, got, Math.min(1000, outFrames - got));
                if (r < 0) {
                    break;
                }
                got += r;
            }
            double[] d = new double[got];
            for (int i = 0; i < got; i++) {
                d[i] = out[0][i];
            }
            return d;
        }
    }

    /** Amplitude of the component at hz, fitted over x[from..to). */
    static double amplitude(double[] x, int from, int to, double hz, int rate) {
        double ss = 0, cc = 0, sc = 0, xs = 0, xc = 0;
        for (int i = from; i < to; i++) {
            double s = Math.sin(2 * Math.PI * hz * i / rate);
            double c = Math.cos(2 * Math.PI * hz * i / rate);
            ss += s * s;
            cc += c * c;
            sc += s * c;
            xs += x[i] * s;
            xc += x[i] * c;
        }
        double det = ss * cc - sc * sc;
        double a = (xs * cc - xc * sc) / det;
        double b = (xc * ss - xs * sc) / det;
        return Math.hypot(a, b);
    }

    /**
     * Amplitudes of the components at several frequencies, fitted jointly (so a strong tone does not
     * leak into the measurement of a weak one), over x[from..to).
     */
    static double[] amplitudes(double[] x, int from, int to, int rate, double... hz) {
        int k = hz.length * 2;
        double[][] ata = new double[k][k];
        double[] atb = new double[k];
        double[] row = new double[k];
        for (int i = from; i < to; i++) {
            for (int f = 0; f < hz.length; f++) {
                row[2 * f] = Math.sin(2 * Math.PI * hz[f] * i / rate);
                row[2 * f + 1] = Math.cos(2 * Math.PI * hz[f] * i / rate);
            }
            for (int a = 0; a < k; a++) {
                atb[a] += row[a] * x[i];
                for (int b = 0; b < k; b++) {
                    ata[a][b] += row[a] * row[b];
                }
            }
        }
        // Gaussian elimination with partial pivoting.
        for (int c = 0; c < k; c++) {
            int p = c;
            for (int r = c + 1; r < k; r++) {
                if (Math.abs(ata[r][c]) > Math.abs(ata[p][c])) {
                    p = r;
                }
            }
            double[] t = ata[c]; ata[c] = ata[p]; ata[p] = t;
            double tb = atb[c]; atb[c] = atb[p]; atb[p] = tb;
            for (int r = c + 1; r < k; r++) {
                double m = ata[r][c] / ata[c][c];
                for (int q = c; q < k; q++) {
                    ata[r][q] -= m * ata[c][q];
                }
                atb[r] -= m * atb[c];
            }
        }
        double[] sol = new double[k];
        for (int r = k - 1; r >= 0; r--) {
            double v = atb[r];
            for (int q = r + 1; q < k; q++) {
                v -= ata[r][q] * sol[q];
            }
            sol[r] = v / ata[r][r];
        }
        double[] amp = new double[hz.length];
        for (int f = 0; f < hz.length; f++) {
            amp[f] = Math.hypot(sol[2 * f], sol[2 * f + 1]);
        }
        return amp;
    }

    private static double db(double v) {
        return 20 * Math.log10(v);
    }

    @Test
    void passbandIsFlatTo045OfTheLowerRate() throws Exception {
        int[][] pairs = {{44100, 48000}, {48000, 44100}, {96000, 48000}, {48000, 96000}};
        double worst = 0;
        for (int[] p : pairs) {
            int lower = Math.min(p[0], p[1]);
            for (double f : new double[] {100, 1000, 5000, 0.3 * lower, 0.4 * lower, 0.45 * lower}) {
                double[] y = render(p[0], p[1], f, 20000, 0);
                double a = amplitude(y, 4000, 20000, f, p[1]);
                worst = Math.max(worst, Math.abs(db(a / 0.5)));
            }
        }
        System.out.printf("resampler passband: worst deviation %.5f dB up to 0.45 of the lower rate%n", worst);
        assertTrue(worst < 0.01, "passband deviation " + worst + " dB");
    }

    @Test
    void imagesAndAliasesAreRejectedBy120dB() throws Exception {
        // Upsampling 44.1k -> 48k: a 19.845 kHz sine (0.45·44.1k) has its image at 44.1k - 19.845k = 24.255 kHz,
        // which folds to 48k - 24.255k = 23.745 kHz in the output.
        double f = 0.45 * 44100;
        double[] up = render(44100, 48000, f, 24000, 0);
        double image = amplitudes(up, 4000, 24000, 48000, f, 48000 - (44100 - f))[1];
        System.out.printf("resampler image rejection 44.1k->48k: %.1f dB%n", db(image / 0.5));
        assertTrue(db(image / 0.5) < -120, "image at " + db(image / 0.5) + " dB");
        // Downsampling 96k -> 48k: a 30 kHz sine (above the new Nyquist) would alias to 18 kHz.
        double[] down = render(96000, 48000, 30000, 24000, 0);
        double alias = amplitudes(down, 4000, 24000, 48000, 18000)[0];
        System.out.printf("resampler alias rejection 96k->48k (30 kHz): %.1f dB%n", db(alias / 0.5));
        assertTrue(db(alias / 0.5) < -120, "alias at " + db(alias / 0.5) + " dB");
        // 25 kHz at 96k -> 48k aliases to 23 kHz, just past the stop-band edge (24 kHz = 0.5 of 48k).
        double[] edge = render(96000, 48000, 25000, 24000, 0);
        assertTrue(db(amplitudes(edge, 4000, 24000, 48000, 23000)[0] / 0.5) < -120, "near-edge alias");
    }

    @Test
    void seekingGivesTheSameSamplesAsReadingThrough() throws Exception {
        double[] through = render(44100, 48000, 997, 30000, 0);
        double[] seeked = render(44100, 48000, 997, 5000, 25000);
        for (int i = 0; i < seeked.length; i++) {
            assertEquals(through[25000 + i], seeked[i], 1e-6);
        }
    }
}
