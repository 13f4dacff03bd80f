package topdown.render;

/**
 * An automated gain stage that follows its lane through a one-pole low-pass, as Ardour's Amp does when
 * its control plays automation back: per sample (single precision, each channel from the same state)
 * {@code x *= g; g += a·(target - g)} with {@code a = k / rate}, the state carried from block to block and
 * flushed to 0 once below 1e-7 (-140 dB) at a block's end.
 */
final class SmoothedGain {
    static final float GAIN_COEFF_SMALL = 0.0000001f;

    private final float a;
    private float current;

    /**
     * @param perSecond k in a = k / rate (Ardour: 156.825, a 25 Hz low-pass)
     * @param initial   the gain the stage has settled on before the first sample
     */
    SmoothedGain(double perSecond, int sampleRate, float initial) {
        this.a = (float) perSecond / (float) sampleRate;
        this.current = initial;
    }

    float current() {
        return current;
    }

    /** Applies the stage to buf[c][off, off + n) with the per-sample targets target[0, n). */
    void apply(float[][] buf, int off, int n, float[] target) {
        float lpf = current;
        for (float[] ch : buf) {
            lpf = current;
            for (int i = 0; i < n; i++) {
                ch[off + i] *= lpf;
                lpf += a * (target[i] - lpf);
            }
        }
        if (buf.length == 0) {
            for (int i = 0; i < n; i++) {
                lpf += a * (target[i] - lpf);
            }
        }
        current = Math.abs(lpf) < GAIN_COEFF_SMALL ? 0f : lpf;
    }

    /** The state after {@code n} samples of targets, applied to nothing (a stage whose input is silent). */
    void advance(int n, float[] target) {
        apply(new float[0][], 0, n, target);
    }
}
