package topdown.mix;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import topdown.analysis.Masking;
import topdown.analysis.SpectrumAnalyzer;
import topdown.analysis.StemAnalysis;
import topdown.dsp.Biquad;

/**
 * Complementary carving of two competing sources, decided on the same {@link Masking} score the report shows:
 * candidate moves (a peak cut spanning one to three of the pair's contested critical bands, on either source,
 * or a small fader step back) are tried on the measured per-frame band energies — each band scaled by the
 * filter's mean power gain over it, from the RBJ coefficients — and the move that lowers the pair's score most
 * is taken, then the next on the result, a bounded number of times. This is the engineer's "give each band to
 * one of the two": cutting the quieter source where they meet opens the gap, which the score counts frame by
 * frame. Pure: the caller turns the moves into inserts and the render verifies them.
 */
final class Carve {
    /** One move: a peak cut (or, with {@code fader}, a level step) on source a or b, and the score it predicts. */
    record Move(boolean onA, boolean fader, double hz, double q, double gainDb, double lowHz, double highHz,
                double meanDiffDb, double before, double predicted) {
        /** The insert this move is (null for a fader step). */
        topdown.model.Insert insert() {
            return fader ? null : TopDownProcessors.eq(Biquad.Type.PEAK, hz, q, gainDb);
        }

        String describe(String cutName, String keepName) {
            String what = fader ? String.format(Locale.ROOT, "fader %+.1f dB", gainDb)
                    : String.format(Locale.ROOT, "EQ peak %.0f Hz Q %.1f %.1f dB", hz, q, gainDb);
            return String.format(Locale.ROOT, "%s: competes with %s in %.0f–%.0f Hz (mean level difference %+.1f dB in"
                            + " the frames where both sound); masking score %.3f -> %.3f predicted on the measured band"
                            + " energies; %s keeps the band", what, keepName, lowHz, highHz, meanDiffDb, before, predicted,
                    keepName);
        }
    }

    /** Bounds of one plan. */
    record Limits(int maxMoves, double maxCutA, double maxCutB, double minHz, double maxHz, boolean allowFader,
                  double faderStepDb) {
    }

    private Carve() {
    }

    static final double[] DEPTHS = {-2, -3, -4, -5, -6};

    /**
     * Greedy plan of at most {@code lim.maxMoves()} moves that lower the pair's score, each by at least
     * {@code minGain}; empty when no bounded move helps.
     */
    static List<Move> plan(StemAnalysis a, StemAnalysis b, Limits lim, double blend, double minGain) {
        List<Move> out = new ArrayList<>();
        if (a == null || b == null || a.barkFrames == null || b.barkFrames == null || blend <= 0) {
            return out;
        }
        int rate = a.sampleRate > 0 ? a.sampleRate : 48000;
        List<float[]> fa = a.barkFrames;
        List<float[]> fb = b.barkFrames;
        boolean faderDone = false;
        double current = Masking.between(a.name, fa, b.name, fb).score();
        int bands = SpectrumAnalyzer.BARK_EDGES.length - 1;
        for (int m = 0; m < lim.maxMoves(); m++) {
            Masking.Result now = Masking.between(a.name, fa, b.name, fb);
            Move best = null;
            List<float[]> bestA = null;
            List<float[]> bestB = null;
            for (int k = 0; k < bands; k++) {
                if (now.bandScores()[k] < 0.05 || SpectrumAnalyzer.BARK_EDGES[k] < lim.minHz()
                        || SpectrumAnalyzer.BARK_EDGES[k + 1] > lim.maxHz()) {
                    continue;
                }
                for (int span = 1; span <= 3 && k + span <= bands; span++) {
                    double lo = SpectrumAnalyzer.BARK_EDGES[k];
                    double hi = SpectrumAnalyzer.BARK_EDGES[k + span];
                    if (hi > lim.maxHz()) {
                        break;
                    }
                    double centre = Math.round(Math.sqrt(lo * hi));
                    double q = Math.max(0.5, Math.min(4, centre / (hi - lo)));
                    q = Math.round(q * 10) / 10.0;
                    for (int side = 0; side < 2; side++) {
                        boolean onA = side == 0;
                        if (overlaps(out, onA, lo, hi)) {
                            continue; // one cut per region and source in a plan: no stacking
                        }
                        double cap = onA ? lim.maxCutA() : lim.maxCutB();
                        for (double d : DEPTHS) {
                            double depth = Math.round(d * blend * 10) / 10.0;
                            if (depth > -0.5 || depth < -cap * blend - 1e-9) {
                                continue;
                            }
                            double[] g = bandGains(Biquad.Type.PEAK, centre, q, depth, rate);
                            List<float[]> ta = onA ? scale(fa, g) : fa;
                            List<float[]> tb = onA ? fb : scale(fb, g);
                            double sc = Masking.between(a.name, ta, b.name, tb).score();
                            if (best == null || sc < best.predicted() - 1e-9) {
                                double diff = Masking.meanDifferenceDb(fa, fb, k);
                                best = new Move(onA, false, centre, q, depth, lo, hi, onA ? diff : -diff, current, sc);
                                bestA = ta;
                                bestB = tb;
                            }
                        }
                    }
                }
            }
            if (lim.allowFader() && !faderDone) {
                for (int side = 0; side < 2; side++) {
                    boolean onA = side == 0;
                    double step = Math.round(lim.faderStepDb() * blend * 10) / 10.0;
                    if (step > -0.5) {
                        continue;
                    }
                    double[] g = new double[bands];
                    java.util.Arrays.fill(g, step);
                    List<float[]> ta = onA ? scale(fa, g) : fa;
                    List<float[]> tb = onA ? fb : scale(fb, g);
                    double sc = Masking.between(a.name, ta, b.name, tb).score();
                    if (best == null || sc < best.predicted() - 1e-9) {
                        int k = java.util.Arrays.binarySearch(SpectrumAnalyzer.BARK_EDGES, now.lowHz());
                        double diff = k >= 0 ? Masking.meanDifferenceDb(fa, fb, k) : Double.NaN;
                        best = new Move(onA, true, 0, 0, step, now.lowHz(), now.highHz(), onA ? diff : -diff, current, sc);
                        bestA = ta;
                        bestB = tb;
                    }
                }
            }
            if (best == null || current - best.predicted() < minGain) {
                break;
            }
            out.add(best);
            faderDone |= best.fader();
            fa = bestA;
            fb = bestB;
            current = best.predicted();
        }
        return out;
    }

    static boolean overlaps(List<Move> moves, boolean onA, double lo, double hi) {
        for (Move m : moves) {
            if (!m.fader() && m.onA() == onA && lo < m.highHz() && hi > m.lowHz()) {
                return true;
            }
        }
        return false;
    }

    /** Mean power gain (dB) of a biquad over each critical band (log-spaced points, up to Nyquist). */
    static double[] bandGains(Biquad.Type type, double hz, double q, double gainDb, int rate) {
        Biquad f = new Biquad(type, rate, hz, q, gainDb, 1);
        int bands = SpectrumAnalyzer.BARK_EDGES.length - 1;
        double[] g = new double[bands];
        for (int k = 0; k < bands; k++) {
            double lo = SpectrumAnalyzer.BARK_EDGES[k];
            double hi = Math.min(SpectrumAnalyzer.BARK_EDGES[k + 1], rate / 2.0 * 0.999);
            if (hi <= lo) {
                continue;
            }
            double sum = 0;
            int n = 16;
            for (int i = 0; i < n; i++) {
                double x = lo * Math.pow(hi / lo, (i + 0.5) / n);
                sum += Math.pow(10, f.magnitudeDb(x, rate) / 10);
            }
            g[k] = 10 * Math.log10(sum / n);
        }
        return g;
    }

    /** Per-frame band energies scaled by a gain per band (dB). */
    static List<float[]> scale(List<float[]> frames, double[] gainDb) {
        float[] lin = new float[gainDb.length];
        for (int k = 0; k < lin.length; k++) {
            lin[k] = (float) Math.pow(10, gainDb[k] / 10);
        }
        List<float[]> out = new ArrayList<>(frames.size());
        for (float[] f : frames) {
            float[] c = new float[f.length];
            for (int k = 0; k < f.length; k++) {
                c[k] = f[k] * (k < lin.length ? lin[k] : 1);
            }
            out.add(c);
        }
        return out;
    }
}
