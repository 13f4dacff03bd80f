package topdown.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Masking between two sources per critical band: in each ~85 ms frame where both sources are active in
 * a band (within 40 dB of their own loudest frame in that band) and close in level (within 10 dB of each
 * other), the band counts as contested; the band's score is the contested fraction of the frames where
 * either source sounds, weighted by how close the levels are. The pair's score is the mean of its five
 * worst bands. Scores run from 0 (no overlap) to 1 (the same material).
 */
public final class Masking {
    public record Result(String a, String b, double lowHz, double highHz, double score, double[] bandScores) {
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
        double[] score = new double[bands];
        for (int k = 0; k < bands; k++) {
            if (maxA[k] <= 0 || maxB[k] <= 0) {
                continue;
            }
            int either = 0;
            double contested = 0;
            for (int f = 0; f < frames; f++) {
                double ea = a.get(f)[k];
                double eb = b.get(f)[k];
                boolean actA = ea > maxA[k] * 1e-4;
                boolean actB = eb > maxB[k] * 1e-4;
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
