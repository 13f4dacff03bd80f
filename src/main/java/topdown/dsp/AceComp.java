package topdown.dsp;

import java.util.Map;

/**
 * A model of Ardour's ACE Compressor (LV2 {@code urn:ardour:a-comp} mono, {@code #stereo}; Ardour 7.3), written from
 * a study of the plugin's design, in float like the plugin:
 * <ul>
 * <li>detector: the instantaneous peak |x| of the loudest input channel in dB (−160 dB for silence), no RMS, no
 * sidechain filter;</li>
 * <li>static curve with a knee of width w = 6·knee + 0.01 dB (the "Knee" port is a sixth of the width): below
 * T − w/2 no change, above T + w/2 a slope of 1/ratio, in between the quadratic (1/R − 1)(L − T + w/2)²/(2w);</li>
 * <li>the gain reduction in dB follows with attack coefficient e^(−1000/(attack·fs)) when it grows and release
 * e^(−1000/(release·fs)) when it shrinks;</li>
 * <li>make-up gain 10^(makeup/20) (the plugin glides to it at 25 Hz; Ardour runs plugins on silence before an
 * export, so a static setting is heard at its target).</li>
 * </ul>
 * Parameters are the port symbols (att rel kn rat thr mak enable) or Ardour's labels.
 */
public final class AceComp {
    public static final String URI = "urn:ardour:a-comp";
    public static final String STEREO_URI = "urn:ardour:a-comp#stereo";

    private final float width;
    private final float attack;
    private final float release;
    private final float ratio;
    private final float threshold;
    private final float makeup;
    private float gainr;

    public AceComp(double rate, Map<String, Double> ports) {
        float fs = (float) rate;
        float knee = (float) AceEq.get(ports, "kn", "Knee", 0);
        float att = (float) AceEq.get(ports, "att", "Attack", 10);
        float rel = (float) AceEq.get(ports, "rel", "Release", 80);
        boolean on = AceEq.get(ports, "enable", "Enable", 1) > 0;
        this.width = (float) ((double) (6f * knee) + 0.01);
        this.attack = (float) Math.exp(-1000f / (att * fs));
        this.release = (float) Math.exp(-1000f / (rel * fs));
        this.ratio = on ? (float) AceEq.get(ports, "rat", "Ratio", 4) : 1f;
        this.threshold = on ? (float) AceEq.get(ports, "thr", "Threshold", 0) : 0f;
        this.makeup = on ? (float) Math.pow(10f, 0.05f * (float) AceEq.get(ports, "mak", "Makeup", 0)) : 1f;
    }

    /** The static gain reduction in dB (≥ 0) for an input level in dB. */
    public float reductionDb(float lxg) {
        float lyg;
        float over = lxg - threshold;
        if (2f * over < -width) {
            lyg = lxg;
        } else if (2f * over > width) {
            lyg = threshold + over / ratio;
        } else {
            float t = over + width / 2f;
            lyg = lxg + (1f / ratio - 1f) * t * t / (2f * width);
        }
        return lxg - lyg;
    }

    public void process(float[][] x, int n) {
        float old = gainr;
        for (int i = 0; i < n; i++) {
            float peak = 0f;
            for (float[] c : x) {
                peak = Math.max(Math.abs(c[i]), peak);
            }
            float lxg = peak == 0f ? -160f : (float) (20.0 * (float) Math.log10(peak));
            if (!Float.isFinite(lxg) || Math.abs(lxg) < Float.MIN_NORMAL) {
                lxg = 0f;
            }
            float cur = reductionDb(lxg);
            if (cur < old) {
                cur = release * old + (1f - release) * cur;
            } else if (cur > old) {
                cur = attack * old + (1f - attack) * cur;
            }
            if (!Float.isFinite(cur) || Math.abs(cur) < Float.MIN_NORMAL) {
                cur = 0f;
            }
            float g = (float) Math.pow(10f, 0.05f * -cur);
            old = cur;
            for (float[] c : x) {
                c[i] = c[i] * g * makeup;
            }
        }
        gainr = old;
    }
}
