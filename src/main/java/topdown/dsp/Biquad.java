package topdown.dsp;

/**
 * RBJ "Audio EQ Cookbook" biquads (R. Bristow-Johnson) at any sample rate: peak, low/high shelf,
 * high/low pass and notch, processed in transposed direct form II with double state, one state per
 * channel.
 */
public final class Biquad {
    public enum Type { PEAK, LOW_SHELF, HIGH_SHELF, HIGH_PASS, LOW_PASS, NOTCH }

    private final double b0;
    private final double b1;
    private final double b2;
    private final double a1;
    private final double a2;
    private final double[] z1;
    private final double[] z2;

    public Biquad(Type type, double rate, double hz, double q, double gainDb, int channels) {
        double a = Math.pow(10, gainDb / 40);
        double w0 = 2 * Math.PI * hz / rate;
        double cos = Math.cos(w0);
        double sin = Math.sin(w0);
        double alpha = sin / (2 * q);
        double nb0, nb1, nb2, na0, na1, na2;
        switch (type) {
            case PEAK:
                nb0 = 1 + alpha * a; nb1 = -2 * cos; nb2 = 1 - alpha * a;
                na0 = 1 + alpha / a; na1 = -2 * cos; na2 = 1 - alpha / a;
                break;
            case LOW_SHELF: {
                double s = 2 * Math.sqrt(a) * alpha;
                nb0 = a * ((a + 1) - (a - 1) * cos + s); nb1 = 2 * a * ((a - 1) - (a + 1) * cos);
                nb2 = a * ((a + 1) - (a - 1) * cos - s);
                na0 = (a + 1) + (a - 1) * cos + s; na1 = -2 * ((a - 1) + (a + 1) * cos); na2 = (a + 1) + (a - 1) * cos - s;
                break;
            }
            case HIGH_SHELF: {
                double s = 2 * Math.sqrt(a) * alpha;
                nb0 = a * ((a + 1) + (a - 1) * cos + s); nb1 = -2 * a * ((a - 1) + (a + 1) * cos);
                nb2 = a * ((a + 1) + (a - 1) * cos - s);
                na0 = (a + 1) - (a - 1) * cos + s; na1 = 2 * ((a - 1) - (a + 1) * cos); na2 = (a + 1) - (a - 1) * cos - s;
                break;
            }
            case HIGH_PASS:
                nb0 = (1 + cos) / 2; nb1 = -(1 + cos); nb2 = (1 + cos) / 2;
                na0 = 1 + alpha; na1 = -2 * cos; na2 = 1 - alpha;
                break;
            case LOW_PASS:
                nb0 = (1 - cos) / 2; nb1 = 1 - cos; nb2 = (1 - cos) / 2;
                na0 = 1 + alpha; na1 = -2 * cos; na2 = 1 - alpha;
                break;
            case NOTCH:
            default:
                nb0 = 1; nb1 = -2 * cos; nb2 = 1;
                na0 = 1 + alpha; na1 = -2 * cos; na2 = 1 - alpha;
                break;
        }
        b0 = nb0 / na0;
        b1 = nb1 / na0;
        b2 = nb2 / na0;
        a1 = na1 / na0;
        a2 = na2 / na0;
        z1 = new double[channels];
        z2 = new double[channels];
    }

    /** Magnitude response in dB at a frequency (from the coefficients). */
    public double magnitudeDb(double hz, double rate) {
        double w = 2 * Math.PI * hz / rate;
        double cr = b0 + b1 * Math.cos(w) + b2 * Math.cos(2 * w);
        double ci = -(b1 * Math.sin(w) + b2 * Math.sin(2 * w));
        double dr = 1 + a1 * Math.cos(w) + a2 * Math.cos(2 * w);
        double di = -(a1 * Math.sin(w) + a2 * Math.sin(2 * w));
        return 10 * Math.log10((cr * cr + ci * ci) / (dr * dr + di * di));
    }

    public void process(float[][] x, int n) {
        if (x.length == 2 && z1.length >= 2) {
            // Both channels in one loop (each channel's arithmetic unchanged): the two recursions interleave,
            // which hides their latency.
            float[] u = x[0];
            float[] v = x[1];
            double p1 = z1[0];
            double p2 = z2[0];
            double q1 = z1[1];
            double q2 = z2[1];
            for (int i = 0; i < n; i++) {
                double in = u[i];
                double y = b0 * in + p1;
                p1 = b1 * in - a1 * y + p2;
                p2 = b2 * in - a2 * y;
                u[i] = (float) y;
                double im = v[i];
                double w = b0 * im + q1;
                q1 = b1 * im - a1 * w + q2;
                q2 = b2 * im - a2 * w;
                v[i] = (float) w;
            }
            z1[0] = p1;
            z2[0] = p2;
            z1[1] = q1;
            z2[1] = q2;
            return;
        }
        for (int c = 0; c < x.length && c < z1.length; c++) {
            float[] v = x[c];
            double s1 = z1[c];
            double s2 = z2[c];
            for (int i = 0; i < n; i++) {
                double in = v[i];
                double y = b0 * in + s1;
                s1 = b1 * in - a1 * y + s2;
                s2 = b2 * in - a2 * y;
                v[i] = (float) y;
            }
            z1[c] = s1;
            z2[c] = s2;
        }
    }
}
