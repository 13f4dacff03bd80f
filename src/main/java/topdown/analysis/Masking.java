package topdown.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Masking between two sources per critical band: in each ~85 ms frame where both sources are active in
 * a band (within 40 dB of their own loudest frame in that band) and close in level (within 10 dB of each
 * other), the band counts as contested; the band's score is the contested fraction of the frames where
 * either source sounds, weighted by how close the levels are. Bands where a source is more than 60 dB below
 * its own loudest band are inaudible and do not count. The pair's score is the mean of its five worst bands.
 * Scores run from 0 (no overlap) to 1 (the same material).
 */
public final class Masking {
    public record Result(String a, String b, double lowHz, double highHz, double score, double[] bandScores) {
    }

    /** Energy ratio (-60 dB) below a source's loudest band where the source no longer counts as sounding. */
    static final double AUDIBLE = 1e-6;

    /**
     * In band {@code k}: the mean level difference a minus b (dB) over the frames where both sound — who owns
     * the band where they meet, frame by frame, as the score counts it. NaN when they never meet there.
     */
    public static double meanDifferenceDb(List<float[]> a, List<float[]> b, int k) {
        int frames = Math.min(a.size(), b.size());
        double maxA = 0;
        double maxB = 0;
        double globalA = 0;
        double globalB = 0;
        for (int f = 0; f < frames; f++) {
            maxA = Math.max(maxA, a.get(f)[k]);
            maxB = Math.max(maxB, b.get(f)[k]);
            for (float v : a.get(f)) {
                globalA = Math.max(globalA, v);
            }
            for (float v : b.get(f)) {
                globalB = Math.max(globalB, v);
            }
        }
        double sum = 0;
        int n = 0;
        for (int f = 0; f < frames; f++) {
            double ea = a.get(f)[k];
            double eb = b.get(f)[k];
            if (ea > maxA * 1e-4 && ea > globalA * AUDIBLE && eb > maxB * 1e-4 && eb > globalB * AUDIBLE) {
                sum += 10 * Math.log10(ea / eb);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private Masking() {
    }

    public static Result between(String an, List<float[]> a, String bn, List<float[]> b) {
        int frames = Math.min(a.size(), b.size());
        int bands = SpectrumAnalyzer.BARK_EDGES.length - 1;
        double[] maxA = new double[bands];
        double[] maxB = new double[bands];
        for (int f = 0; f < frames; f++) {
            for (int k = 0; k < bands; k++) {
                maxA[k] = Math.max(maxA[k], a.get(f)[k]);
                maxB[k] = Math.max(maxB[k], b.get(f)[k]);
            }
        }
        double globalA = 0;
        double globalB = 0;
        for (int k = 0; k < bands; k++) {
            globalA = Math.max(globalA, maxA[k]);
            globalB = Math.max(globalB, maxB[k]);
        }
        double[] score = new double[bands];
        for (int k = 0; k < bands; k++) {
            // A band counts only where both sources are audible in it: within 40 dB of the band's own loudest
            // frame and within 60 dB of the source's loudest band (a kick's 16 kHz noise floor masks nothing).
            if (maxA[k] <= globalA * AUDIBLE || maxB[k] <= globalB * AUDIBLE) {
                continue;
            }
            int either = 0;
            double contested = 0;
            for (int f = 0; f < frames; f++) {
                double ea = a.get(f)[k];
                double eb = b.get(f)[k];
                boolean actA = ea > maxA[k] * 1e-4 && ea > globalA * AUDIBLE;
                boolean actB = eb > maxB[k] * 1e-4 && eb > globalB * AUDIBLE;
                if (!actA && !actB) {
                    continue;
                }
                either++;
                if (actA && actB) {
                    double diff = Math.abs(10 * Math.log10(ea / eb));
                    if (diff < 10) {
                        contested += 1 - diff / 10;
                    }
                }
            }
            score[k] = either == 0 ? 0 : contested / either;
        }
        // Worst band range and the pair score (mean of the 5 worst bands).
        Integer[] idx = new Integer[bands];
        for (int k = 0; k < bands; k++) {
            idx[k] = k;
        }
        java.util.Arrays.sort(idx, (x, y) -> Double.compare(score[y], score[x]));
        double sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += score[idx[i]];
        }
        int worst = idx[0];
        return new Result(an, bn, SpectrumAnalyzer.BARK_EDGES[worst], SpectrumAnalyzer.BARK_EDGES[worst + 1], sum / 5, score);
    }

    /** Every pair, worst first. */
    public static List<Result> pairs(List<StemAnalysis> stems) {
        List<Result> out = new ArrayList<>();
        for (int i = 0; i < stems.size(); i++) {
            for (int j = i + 1; j < stems.size(); j++) {
                out.add(between(stems.get(i).name, stems.get(i).barkFrames, stems.get(j).name, stems.get(j).barkFrames));
            }
        }
        out.sort((x, y) -> Double.compare(y.score(), x.score()));
        return out;
    }
}
