package topdown.dsp;

/**
 * Windowed-sinc (Kaiser) sample-rate converter for any rational ratio, designed for passband ripple
 * below 0.01 dB up to 0.45 of the lower sample rate and at least 120 dB of image/alias rejection from
 * 0.5 of the lower rate up. Kernel: h(τ) = 2·fc·sinc(2·fc·τ)·kaiser(τ / halfWidth, β) with fc = 0.475 of the
 * lower rate (in input cycles/sample), β = 0.1102·(A − 8.7) for A = 130 dB, and a length from Kaiser's
 * formula for a transition band of 0.05 of the lower rate. For ratios whose reduced output factor L is at
 * most 4096 the kernel is tabulated per phase; otherwise it is evaluated per output sample.
 *
 * <p>Pure math: {@link #process} maps an input history window to output samples; the streaming
 * wrapper lives in {@code topdown.audio.io.ResamplingSource}.
 */
public final class SincResampler {
    private static final double ATTENUATION_DB = 130.0;
    private final int inRate;
    private final int outRate;
    private final long up;   // L
    private final long down; // M
    private final double fc;
    private final double halfWidth;
    private final int reach; // input samples either side
    private final double beta;
    private final double i0Beta;
    private final float[][] table; // [phase][tap], null when not tabulated

    public SincResampler(int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) {
            throw new IllegalArgumentException("rates must be positive");
        }
        this.inRate = inRate;
        this.outRate = outRate;
        long g = gcd(inRate, outRate);
        this.up = outRate / g;
        this.down = inRate / g;
        double lowerRatio = Math.min(1.0, (double) outRate / inRate); // lower rate / input rate
        this.fc = 0.475 * lowerRatio;
        double transition = 0.05 * lowerRatio; // cycles per input sample
        double taps = (ATTENUATION_DB - 7.95) / (14.36 * transition) + 1;
        this.halfWidth = Math.ceil(taps / 2.0);
        this.reach = (int) halfWidth + 1;
        this.beta = 0.1102 * (ATTENUATION_DB - 8.7);
        this.i0Beta = bessel0(beta);
        if (up <= 4096) {
            table = new float[(int) up][2 * reach + 1];
            for (int ph = 0; ph < up; ph++) {
                double frac = ph / (double) up;
                for (int k = -reach; k <= reach; k++) {
                    // output time t = base + frac; input sample j = base + k; h(t - j) = h(frac - k)
                    table[ph][k + reach] = (float) kernel(frac - k);
                }
            }
        } else {
            table = null;
        }
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** Zeroth-order modified Bessel function of the first kind (series). */
    static double bessel0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 200; k++) {
            term *= q / (k * (double) k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    double kernel(double tau) {
        double r = tau / halfWidth;
        if (r <= -1 || r >= 1) {
            return 0;
        }
        double x = 2 * fc * tau;
        double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
        return 2 * fc * sinc * bessel0(beta * Math.sqrt(1 - r * r)) / i0Beta;
    }

    public int inRate() {
        return inRate;
    }

    public int outRate() {
        return outRate;
    }

    /** Input samples needed before and after the base sample of an output sample. */
    public int reach() {
        return reach;
    }

    /** Index of the input sample at or before output sample n: floor(n·M / L). */
    public long baseInput(long n) {
        return Math.floorDiv(n * down, up);
    }

    /** Output frames for a given number of input frames. */
    public long outputFrames(long inputFrames) {
        return (inputFrames * up + down - 1) / down;
    }

    /**
     * Computes output sample n. {@code hist[i]} holds input sample {@code histStart + i}; samples outside
     * the array count as silence.
     */
    public double sample(long n, float[] hist, long histStart, int histLen) {
        long num = n * down;
        long base = Math.floorDiv(num, up);
        long phase = num - base * up;
        double acc = 0;
        if (table != null) {
            float[] h = table[(int) phase];
            for (int k = -reach; k <= reach; k++) {
                long j = base + k;
                long i = j - histStart;
                if (i >= 0 && i < histLen) {
                    acc += hist[(int) i] * (double) h[k + reach];
                }
            }
        } else {
            double frac = phase / (double) up;
            for (int k = -reach; k <= reach; k++) {
                long i = base + k - histStart;
                if (i >= 0 && i < histLen) {
                    acc += hist[(int) i] * kernel(frac - k);
                }
            }
        }
        return acc;
    }
}
