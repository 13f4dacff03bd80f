package topdown.dsp;

/**
 * Per-band processing over a {@link MultibandSplit}: each band may go through its own {@link Compressor},
 * then (stereo) a width (side gain: 0 = mono, 1 = as it was, above 1 wider, applied as M=(L+R)/2,
 * S=(L−R)/2·width), then a gain in dB; the bands are summed back in place. With no compressors, unit
 * widths and 0 dB gains the output is the split's allpass: flat magnitude. No latency.
 */
public final class MultibandProcessor {
    private final MultibandSplit split;
    private final double[] gain;
    private final double[] width;
    private final Compressor[] compressors;
    private final int channels;
    private float[][][] bands = new float[0][0][0];

    /**
     * @param bandGainDb gain per band, in dB (length: bands)
     * @param bandWidth side gain per band (length: bands; ignored unless stereo)
     * @param bandCompressors compressor per band, or null (the array or any entry)
     */
    public MultibandProcessor(MultibandSplit split, int channels, double[] bandGainDb, double[] bandWidth,
                              Compressor[] bandCompressors) {
        int k = split.bands();
        if (bandGainDb.length != k || bandWidth.length != k || (bandCompressors != null && bandCompressors.length != k)) {
            throw new IllegalArgumentException("need one gain, width (and compressor) per band: " + k);
        }
        this.split = split;
        this.channels = channels;
        this.gain = new double[k];
        for (int b = 0; b < k; b++) {
            gain[b] = Math.pow(10, bandGainDb[b] / 20);
            if (!(bandWidth[b] >= 0)) {
                throw new IllegalArgumentException("width must not be negative: " + bandWidth[b]);
            }
        }
        this.width = bandWidth.clone();
        this.compressors = bandCompressors == null ? new Compressor[k] : bandCompressors.clone();
    }

    public int bands() {
        return split.bands();
    }

    public void process(float[][] x, int n) {
        int k = split.bands();
        if (bands.length != k || bands[0].length != channels || bands[0][0].length < n) {
            bands = new float[k][channels][n];
        }
        split.split(x, n, bands);
        for (int c = 0; c < channels; c++) {
            java.util.Arrays.fill(x[c], 0, n, 0f);
        }
        for (int b = 0; b < k; b++) {
            float[][] band = bands[b];
            if (compressors[b] != null) {
                compressors[b].process(band, n);
            }
            double g = gain[b];
            if (channels == 2 && width[b] != 1) {
                double w = width[b];
                for (int i = 0; i < n; i++) {
                    double m = (band[0][i] + (double) band[1][i]) / 2;
                    double s = (band[0][i] - (double) band[1][i]) / 2 * w;
                    x[0][i] += (float) (g * (m + s));
                    x[1][i] += (float) (g * (m - s));
                }
            } else {
                for (int c = 0; c < channels; c++) {
                    float[] v = band[c];
                    float[] o = x[c];
                    for (int i = 0; i < n; i++) {
                        o[i] += (float) (g * v[i]);
                    }
                }
            }
        }
    }
}
