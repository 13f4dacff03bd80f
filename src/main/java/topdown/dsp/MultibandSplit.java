package topdown.dsp;

/**
 * Splits a signal into K bands with K−1 LR4 crossovers (ascending). The split is a chain: the input is
 * split at the lowest crossover, the high output at the next, and so on; band j (j &lt; K−1) is the low output
 * of crossover j, passed through the allpasses of every higher crossover (j+1…K−2), so that every band has
 * been through the same phase shifts. By induction from the top (low+high of crossover i is that crossover's
 * allpass) the K bands then sum to the cascade of all K−1 allpasses: flat magnitude, for any K. Streaming,
 * per channel, double arithmetic inside.
 */
public final class MultibandSplit {
    private final double[] crossoverHz;
    private final LinkwitzRiley[] crossovers;
    private final LinkwitzRiley.Section[][] compensation; // [band][allpass]
    private final int channels;
    private final double rate;
    private double[] rest = new double[0];
    private double[] low = new double[0];
    private double[] high = new double[0];

    public MultibandSplit(double rate, int channels, double... crossoverHz) {
        if (crossoverHz.length == 0) {
            throw new IllegalArgumentException("at least one crossover");
        }
        for (int i = 1; i < crossoverHz.length; i++) {
            if (!(crossoverHz[i] > crossoverHz[i - 1])) {
                throw new IllegalArgumentException("crossovers must ascend: " + java.util.Arrays.toString(crossoverHz));
            }
        }
        this.channels = channels;
        this.rate = rate;
        this.crossoverHz = crossoverHz.clone();
        int x = crossoverHz.length;
        crossovers = new LinkwitzRiley[x];
        for (int i = 0; i < x; i++) {
            crossovers[i] = new LinkwitzRiley(rate, crossoverHz[i], channels);
        }
        compensation = new LinkwitzRiley.Section[x + 1][];
        for (int band = 0; band <= x; band++) {
            int count = Math.max(0, x - 1 - band);
            compensation[band] = new LinkwitzRiley.Section[count];
            for (int k = 0; k < count; k++) {
                compensation[band][k] = crossovers[band + 1 + k].newAllpass(channels);
            }
        }
    }

    public int bands() {
        return crossovers.length + 1;
    }

    public double[] crossoverHz() {
        return crossoverHz.clone();
    }

    /**
     * Splits {@code n} frames of {@code in} (left unchanged) into {@code out[band][channel][frame]}.
     */
    public void split(float[][] in, int n, float[][][] out) {
        if (rest.length < n) {
            rest = new double[n];
            low = new double[n];
            high = new double[n];
        }
        int x = crossovers.length;
        for (int c = 0; c < channels && c < in.length; c++) {
            for (int i = 0; i < n; i++) {
                rest[i] = in[c][i];
            }
            for (int j = 0; j < x; j++) {
                crossovers[j].split(c, rest, low, high, n);
                for (LinkwitzRiley.Section ap : compensation[j]) {
                    ap.run(c, low, low, n);
                }
                float[] o = out[j][c];
                for (int i = 0; i < n; i++) {
                    o[i] = (float) low[i];
                }
                double[] t = rest;
                rest = high;
                high = t;
            }
            float[] o = out[x][c];
            for (int i = 0; i < n; i++) {
                o[i] = (float) rest[i];
            }
        }
    }

    /** Complex response {re, im} of band {@code band} at a frequency, from the coefficients. */
    public double[] bandResponse(int band, double hz) {
        double[] z = {1, 0};
        for (int j = 0; j < band; j++) {
            z = mul(z, crossovers[j].highResponse(hz));
        }
        if (band < crossovers.length) {
            z = mul(z, crossovers[band].lowResponse(hz));
            for (LinkwitzRiley.Section ap : compensation[band]) {
                z = mul(z, ap.response(hz, rate));
            }
        }
        return z;
    }

    static double[] mul(double[] a, double[] b) {
        return new double[] {a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]};
    }
}
