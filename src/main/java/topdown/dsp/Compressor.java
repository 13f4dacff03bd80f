package topdown.dsp;

/**
 * Feed-forward compressor: RMS or peak level detection (optionally through a sidechain high-pass),
 * stereo-linked (the loudest channel drives all), static curve with a soft knee in dB
 * (threshold T, ratio R, knee W: below T-W/2 no gain change, above T+W/2 a slope of 1/R, quadratic in
 * between), attack/release smoothing of the gain in dB, make-up gain.
 */
public final class Compressor {
    private final double threshold;
    private final double ratio;
    private final double knee;
    private final double makeup;
    private final double attackCoeff;
    private final double releaseCoeff;
    private final double rmsCoeff;
    private final boolean rms;
    private final Biquad sidechain;
    private double env;
    private double gainDb;
    private float[][] sc = new float[0][0];
    private double maxReductionDb;

    public Compressor(double rate, int channels, double thresholdDb, double ratio, double kneeDb, double attackMs,
                      double releaseMs, double makeupDb, boolean rmsDetector, double sidechainHpHz) {
        this.threshold = thresholdDb;
        this.ratio = Math.max(1, ratio);
        this.knee = Math.max(0, kneeDb);
        this.makeup = makeupDb;
        this.attackCoeff = Math.exp(-1 / (rate * attackMs / 1000));
        this.releaseCoeff = Math.exp(-1 / (rate * releaseMs / 1000));
        this.rmsCoeff = Math.exp(-1 / (rate * 0.010));
        this.rms = rmsDetector;
        this.sidechain = sidechainHpHz > 0 ? new Biquad(Biquad.Type.HIGH_PASS, rate, sidechainHpHz, 0.707, 0, channels) : null;
    }

    /** Gain change in dB (≤ 0) of the static curve for an input level in dB. */
    public double staticGainDb(double inDb) {
        double over = inDb - threshold;
        if (2 * over < -knee) {
            return 0;
        }
        if (knee > 0 && 2 * Math.abs(over) <= knee) {
            double t = over + knee / 2;
            return (1 / ratio - 1) * t * t / (2 * knee);
        }
        return (1 / ratio - 1) * over;
    }

    public double maxReductionDb() {
        return maxReductionDb;
    }

    public void process(float[][] x, int n) {
        float[][] det = x;
        if (sidechain != null) {
            if (sc.length != x.length || sc[0].length < n) {
                sc = new float[x.length][n];
            }
            for (int c = 0; c < x.length; c++) {
                System.arraycopy(x[c], 0, sc[c], 0, n);
            }
            sidechain.process(sc, n);
            det = sc;
        }
        double mk = Math.pow(10, makeup / 20);
        for (int i = 0; i < n; i++) {
            double level = 0;
            for (float[] c : det) {
                level = Math.max(level, Math.abs(c[i]));
            }
            double inDb;
            if (rms) {
                env = rmsCoeff * env + (1 - rmsCoeff) * level * level;
                inDb = 10 * Math.log10(env + 1e-20);
            } else {
                inDb = 20 * Math.log10(level + 1e-20);
            }
            double target = staticGainDb(inDb);
            double coeff = target < gainDb ? attackCoeff : releaseCoeff;
            gainDb = coeff * gainDb + (1 - coeff) * target;
            maxReductionDb = Math.min(maxReductionDb, gainDb);
            double g = Math.pow(10, gainDb / 20) * mk;
            for (float[] c : x) {
                c[i] *= (float) g;
            }
        }
    }
}
