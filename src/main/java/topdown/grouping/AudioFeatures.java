package topdown.grouping;

import java.io.IOException;
import org.jtransforms.fft.DoubleFFT_1D;
import topdown.audio.io.AudioSource;

/** Streams a track's audio once and measures the features {@link AudioEvidence} classifies. */
public final class AudioFeatures {
    private AudioFeatures() {
    }

    public static AudioEvidence measure(AudioSource a) throws IOException {
        int rate = a.sampleRate();
        int ch = a.channels();
        int frame = Math.max(64, rate / 100);
        int n = 4096;
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        double[] buf = new double[n];
        int fill = 0;
        float[][] block = new float[ch][8192];
        double lowE = 0;
        double allE = 0;
        double centroidNum = 0;
        double centroidDen = 0;
        double mid = 0;
        double side = 0;
        java.util.List<Double> env = new java.util.ArrayList<>();
        double frameSum = 0;
        int frameFill = 0;
        int r;
        while ((r = a.read(block, 0, block[0].length)) > 0) {
            for (int i = 0; i < r; i++) {
                double l = block[0][i];
                double rr = ch > 1 ? block[1][i] : l;
                double m = (l + rr) / 2;
                double s = (l - rr) / 2;
                mid += m * m;
                side += s * s;
                frameSum += m * m;
                if (++frameFill == frame) {
                    env.add(Math.sqrt(frameSum / frame));
                    frameSum = 0;
                    frameFill = 0;
                }
                buf[fill++] = m;
                if (fill == n) {
                    double[] w = new double[n];
                    for (int k = 0; k < n; k++) {
                        w[k] = buf[k] * (0.5 - 0.5 * Math.cos(2 * Math.PI * k / n));
                    }
                    fft.realForward(w);
                    for (int k = 1; k < n / 2; k++) {
                        double p = w[2 * k] * w[2 * k] + w[2 * k + 1] * w[2 * k + 1];
                        double hz = k * (double) rate / n;
                        allE += p;
                        if (hz < 150) {
                            lowE += p;
                        }
                        centroidNum += hz * p;
                        centroidDen += p;
                    }
                    fill = 0;
                }
            }
        }
        double maxEnv = env.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double mean = env.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double jumps = 0;
        int active = 0;
        for (int i = 1; i < env.size(); i++) {
            jumps += Math.max(0, env.get(i) - env.get(i - 1));
            if (env.get(i) > maxEnv * 0.03) {
                active++;
            }
        }
        double perc = mean == 0 ? 0 : jumps / env.size() / mean * 10;
        return AudioEvidence.classify(centroidDen == 0 ? 0 : centroidNum / centroidDen, allE == 0 ? 0 : lowE / allE, perc,
                mid == 0 ? 0 : side / mid, env.isEmpty() ? 0 : active / (double) env.size());
    }
}
