package topdown.format.dawproject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import topdown.dsp.Biquad;
import topdown.mix.TopDownProcessors;
import topdown.model.Insert;

/**
 * TopDown's own processors as DAWproject built-in devices with their real parameter values: consecutive EQ
 * bands become one Equalizer (peak → bell, shelves → lowShelf/highShelf, high/low pass, notch; Freq in hertz,
 * Gain in decibel, Q linear), the compressor a Compressor (Threshold dB, Ratio, Attack/Release in seconds,
 * OutputGain = make-up), the true-peak limiter a Limiter (Threshold = ceiling, Attack = look-ahead, Release),
 * a gain stage an Equalizer without bands whose OutputGain is the gain. The width processor has no built-in
 * equivalent (see {@link DpWriter#losses}).
 */
final class DpDevices {
    private DpDevices() {
    }

    static boolean writable(Insert i) {
        String p = i.topdownProcessor();
        return p != null && (p.equals(TopDownProcessors.EQ) || p.equals(TopDownProcessors.COMPRESSOR)
                || p.equals(TopDownProcessors.LIMITER) || p.equals(TopDownProcessors.GAIN));
    }

    static String bandType(int biquadType) {
        Biquad.Type[] all = Biquad.Type.values();
        Biquad.Type t = biquadType >= 0 && biquadType < all.length ? all[biquadType] : Biquad.Type.PEAK;
        switch (t) {
            case LOW_SHELF:
                return "lowShelf";
            case HIGH_SHELF:
                return "highShelf";
            case HIGH_PASS:
                return "highPass";
            case LOW_PASS:
                return "lowPass";
            case NOTCH:
                return "notch";
            case PEAK:
            default:
                return "bell";
        }
    }

    /** Devices for the writable TopDown inserts, in chain order. */
    static List<DpDevice> of(List<Insert> inserts, Supplier<String> ids) {
        List<DpDevice> out = new ArrayList<>();
        DpEqualizer eq = null;
        for (Insert in : inserts) {
            if (!writable(in)) {
                eq = null;
                continue;
            }
            Map<String, Double> p = in.parameters();
            String proc = in.topdownProcessor();
            if (proc.equals(TopDownProcessors.EQ)) {
                if (eq == null) {
                    eq = new DpEqualizer();
                    init(eq, "TopDown EQ", ids, in.bypassed());
                    out.add(eq);
                }
                DpEqBand b = new DpEqBand();
                b.type = bandType((int) Math.round(p.getOrDefault("type", 0.0)));
                b.freq = new DpRealParameter(ids.get(), "hertz", p.getOrDefault("hz", 1000.0), null, null);
                b.gain = new DpRealParameter(ids.get(), "decibel", p.getOrDefault("gainDb", 0.0), null, null);
                b.q = new DpRealParameter(ids.get(), "linear", p.getOrDefault("q", 0.707), null, null);
                b.enabled = new DpBoolParameter(ids.get(), !in.bypassed());
                eq.bands.add(b);
                continue;
            }
            eq = null;
            if (proc.equals(TopDownProcessors.COMPRESSOR)) {
                DpCompressor c = new DpCompressor();
                init(c, in.name(), ids, in.bypassed());
                c.attack = new DpRealParameter(ids.get(), "seconds", p.getOrDefault("attackMs", 10.0) / 1000.0, null, null);
                c.autoMakeup = new DpBoolParameter(ids.get(), false);
                c.inputGain = new DpRealParameter(ids.get(), "decibel", 0.0, null, null);
                c.outputGain = new DpRealParameter(ids.get(), "decibel", p.getOrDefault("makeupDb", 0.0), null, null);
                c.ratio = new DpRealParameter(ids.get(), "linear", p.getOrDefault("ratio", 2.0), 1.0, null);
                c.release = new DpRealParameter(ids.get(), "seconds", p.getOrDefault("releaseMs", 120.0) / 1000.0, null, null);
                c.threshold = new DpRealParameter(ids.get(), "decibel", p.getOrDefault("thresholdDb", -20.0), null, null);
                out.add(c);
            } else if (proc.equals(TopDownProcessors.LIMITER)) {
                DpLimiter l = new DpLimiter();
                init(l, in.name(), ids, in.bypassed());
                l.attack = new DpRealParameter(ids.get(), "seconds", p.getOrDefault("lookaheadMs", 5.0) / 1000.0, null, null);
                l.inputGain = new DpRealParameter(ids.get(), "decibel", 0.0, null, null);
                l.outputGain = new DpRealParameter(ids.get(), "decibel", 0.0, null, null);
                l.release = new DpRealParameter(ids.get(), "seconds", p.getOrDefault("releaseMs", 80.0) / 1000.0, null, null);
                l.threshold = new DpRealParameter(ids.get(), "decibel", p.getOrDefault("ceilingDbtp", -1.0), null, null);
                out.add(l);
            } else {
                DpEqualizer g = new DpEqualizer();
                init(g, in.name(), ids, in.bypassed());
                g.outputGain = new DpRealParameter(ids.get(), "decibel", p.getOrDefault("gainDb", 0.0), null, null);
                out.add(g);
            }
        }
        return out;
    }

    private static void init(DpDevice d, String name, Supplier<String> ids, boolean bypassed) {
        d.id = ids.get();
        d.deviceName = name;
        d.deviceRole = "audioFX";
        d.loaded = true;
        d.enabled = new DpBoolParameter(ids.get(), !bypassed);
    }
}
