package topdown.format.reaper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import topdown.mix.TopDownProcessors;
import topdown.model.Insert;

/**
 * TopDown's processors as REAPER's stock JS effects, whose parameters are plain slider values in the project
 * text ({@code <JS path ""} followed by one line of 64 values, {@code -} for unused sliders). Slider order,
 * ranges and meaning come from the effects' own source as REAPER ships it in its {@code Effects} folder (read in
 * the public REAPER resource folder of Ultraschall/ultraschall-portable, {@code Effects/...}):
 * <ul>
 * <li>{@code Teej/rbj4eq-teej} "RBJ 4-Band Semi-Parametric EQ v2": slider1 HPF Hz (0 = off, 0..400), slider2/5/8/11
 * band frequency Hz (0 = off, 0..10000), slider3/6/9/12 Q (0.5..10), slider4/7/10/13 gain dB (-12..+6; 0 = off),
 * slider14 LPF Hz (400..22000, 22000 = off), slider15 output dB. Its bands are the RBJ cookbook peaking filter
 * (A = 10^(g/40), alpha = sin w0 / 2Q), its HPF the cookbook high-pass with Q = 1/sqrt 2 and its LPF the cookbook
 * low-pass with Q = 1: the same formulas as {@link topdown.dsp.Biquad}, so a TopDown peak band, a Q 0.707
 * high-pass or a Q 1 low-pass is the same filter in REAPER.</li>
 * <li>{@code sstillwell/majortom} "Major Tom Compressor": slider1 threshold dB (-60..0), slider2 ratio (1..20),
 * slider3 gain dB (-20..20), slider4 knee (0 hard blown capacitor, 1 soft blown capacitor, 2 hard, 3 soft),
 * slider5 detector input (0 normal), slider6 automatic make-up (0 no), slider7 detection (0 peak, 1 RMS), slider8
 * detection source (0 feed-forward). Attack is program dependent and release runs at 125 dB/s: TopDown's attack,
 * release and side-chain high-pass are not held (reported).</li>
 * <li>{@code loser/masterLimiter} "Master Limiter": slider1 threshold dB (-20..-0.1), slider2 look-ahead in
 * microseconds (0..1000), slider3 attack microseconds, slider4 hold ms, slider5 release ms (0..1000), slider6 limit
 * dB (-6..0), slider7 a meter output. Output gain is limit/threshold, so threshold = limit = ceiling gives a
 * ceiling without make-up. It limits sample peaks, not true peaks (reported).</li>
 * <li>{@code utility/volume} (Cockos) "Volume Adjustment": slider1 adjustment dB applied as 2^(dB/6), slider2 max
 * volume dB (output clamp): TopDown's gain G dB is written as G / (20 log10 2 / 6) with the clamp at +150 dB.</li>
 * </ul>
 * Everything else (shelves, notches, width) has no stock JS effect TopDown can set exactly: the caller reports it
 * and writes it into the track's notes.
 */
final class ReaperJs {
    static final String EQ = "Teej/rbj4eq-teej";
    static final String COMPRESSOR = "sstillwell/majortom";
    static final String LIMITER = "loser/masterLimiter";
    static final String VOLUME = "utility/volume";
    static final int SLIDERS = 64;
    /** dB per "volume dB" of utility/volume: 2^(x/6) = 10^(x * 20 log10(2) / 6 / 20). */
    static final double VOLUME_DB_PER_STEP = 20 * Math.log10(2) / 6;

    private ReaperJs() {
    }

    /** One JS effect to write: its path in the Effects folder and slider values (NaN = unused). */
    record Fx(String path, double[] sliders, List<String> notHeld) {
        String valuesLine() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < SLIDERS; i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(i < sliders.length && !Double.isNaN(sliders[i]) ? ReaperFormat.fmt(sliders[i]) : "-");
            }
            return sb.toString();
        }
    }

    /** The JS effect for a TopDown processor, or null when no stock JS effect holds it (see {@link #whyNot}). */
    static Fx map(Insert in) {
        String proc = in.topdownProcessor();
        if (proc == null) {
            return null;
        }
        Map<String, Double> p = in.parameters();
        switch (proc) {
            case TopDownProcessors.GAIN: {
                double db = p.getOrDefault("gainDb", 0.0);
                if (Math.abs(db / VOLUME_DB_PER_STEP) > 150) {
                    return null;
                }
                return new Fx(VOLUME, new double[] {round6(db / VOLUME_DB_PER_STEP), 150}, List.of());
            }
            case TopDownProcessors.EQ: {
                int type = (int) Math.round(p.getOrDefault("type", 0.0));
                double hz = p.getOrDefault("hz", 1000.0);
                double q = p.getOrDefault("q", 0.707);
                double g = p.getOrDefault("gainDb", 0.0);
                double[] s = {0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 22000, 0};
                if (type == 0 && hz > 0 && hz <= 10000 && q >= 0.5 && q <= 10 && g >= -12 && g <= 6) {
                    s[1] = hz;
                    s[2] = q;
                    s[3] = g;
                } else if (type == 3 && hz > 0 && hz <= 400 && Math.abs(q - Math.sqrt(0.5)) < 0.005) {
                    s[0] = hz;
                } else if (type == 4 && hz >= 400 && hz < 22000 && Math.abs(q - 1) < 0.005) {
                    s[13] = hz;
                } else {
                    return null;
                }
                return new Fx(EQ, s, List.of());
            }
            case TopDownProcessors.COMPRESSOR: {
                double thr = p.getOrDefault("thresholdDb", -20.0);
                double ratio = p.getOrDefault("ratio", 2.0);
                double makeup = p.getOrDefault("makeupDb", 0.0);
                if (thr < -60 || thr > 0 || ratio < 1 || ratio > 20 || makeup < -20 || makeup > 20) {
                    return null;
                }
                double knee = p.getOrDefault("kneeDb", 6.0);
                List<String> notHeld = new ArrayList<>();
                notHeld.add(String.format(Locale.ROOT, "attack %.1f ms and release %.0f ms (Major Tom: program-dependent"
                        + " attack, 125 dB/s release)", p.getOrDefault("attackMs", 10.0), p.getOrDefault("releaseMs", 120.0)));
                if (knee > 0) {
                    notHeld.add(String.format(Locale.ROOT, "knee %.1f dB (Major Tom's soft knee spans 6 dB from 3 dB below"
                            + " the threshold)", knee));
                }
                double hp = p.getOrDefault("sidechainHpHz", 0.0);
                if (hp > 0) {
                    notHeld.add(String.format(Locale.ROOT, "side-chain high-pass %.0f Hz", hp));
                }
                return new Fx(COMPRESSOR, new double[] {thr, ratio, makeup, knee > 0 ? 3 : 2, 0, 0,
                        p.getOrDefault("rms", 1.0) > 0 ? 1 : 0, 0}, notHeld);
            }
            case TopDownProcessors.LIMITER: {
                double ceiling = p.getOrDefault("ceilingDbtp", -1.0);
                double lookMs = p.getOrDefault("lookaheadMs", 5.0);
                double rel = p.getOrDefault("releaseMs", 80.0);
                if (ceiling < -6 || ceiling > -0.1 || rel < 0 || rel > 1000) {
                    return null;
                }
                List<String> notHeld = new ArrayList<>();
                notHeld.add(String.format(Locale.ROOT, "true-peak detection (the %.1f dB ceiling limits sample peaks;"
                        + " inter-sample peaks can exceed it)", ceiling));
                double lookUs = Math.min(1000, lookMs * 1000);
                if (lookMs * 1000 > 1000) {
                    notHeld.add(String.format(Locale.ROOT, "look-ahead %.1f ms (1 ms, Master Limiter's maximum, is written)", lookMs));
                }
                return new Fx(LIMITER, new double[] {ceiling, lookUs, 100, 0, rel, ceiling, 0}, notHeld);
            }
            default:
                return null;
        }
    }

    /** The kind of a stock JS effect TopDown writes (its name does not say), or null for other effects. */
    static topdown.model.InsertKind kindOf(String path) {
        switch (path) {
            case EQ:
                return topdown.model.InsertKind.EQ;
            case COMPRESSOR:
                return topdown.model.InsertKind.COMPRESSOR;
            case LIMITER:
                return topdown.model.InsertKind.LIMITER;
            default:
                return null;
        }
    }

    /** Why a TopDown processor is not written as a JS effect (for the loss report and the track notes). */
    static String whyNot(Insert in) {
        String proc = in.topdownProcessor();
        if (TopDownProcessors.EQ.equals(proc)) {
            return "no stock REAPER JS effect is this RBJ filter at these settings (Teej/rbj4eq-teej holds peaks of"
                    + " 0-10000 Hz, Q 0.5-10, -12..+6 dB, a Q 0.707 high-pass up to 400 Hz and a Q 1 low-pass from 400 Hz)";
        }
        if (TopDownProcessors.WIDTH.equals(proc)) {
            return "no stock REAPER JS effect is a mid/side low-end width stage (LR4 crossover on the side, mono below it)";
        }
        return "outside the ranges of the stock REAPER JS effect for it";
    }

    /** Parameters as written, for a loss/notes line: "hz=120, q=0.707". */
    static String describe(Insert in) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Double> e : in.parameters().entrySet()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append('=').append(ReaperFormat.fmt(round6(e.getValue())));
        }
        return in.name() + " (" + sb + ")";
    }

    static double round6(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    /** Slider values of a JS block's first line (NaN for "-"), for tests and readers. */
    static double[] sliders(RppNode js) {
        double[] out = new double[SLIDERS];
        Arrays.fill(out, Double.NaN);
        for (Object o : js.children()) {
            if (o instanceof RppNode.Line) {
                List<String> v = ((RppNode.Line) o).tokens();
                for (int k = 0; k < v.size() && k < SLIDERS; k++) {
                    try {
                        out[k] = v.get(k).equals("-") ? Double.NaN : Double.parseDouble(v.get(k));
                    } catch (NumberFormatException e) {
                        out[k] = Double.NaN;
                    }
                }
                break;
            }
        }
        return out;
    }
}
