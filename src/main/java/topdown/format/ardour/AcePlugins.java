package topdown.format.ardour;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import topdown.dsp.AceEq;
import topdown.model.Insert;
import topdown.mix.TopDownProcessors;

/**
 * TopDown's processors as Ardour's own ACE plugins (LV2, shipped with Ardour): EQ bands as ACE EQ
 * (a-EQ: low shelf → L band, peak → band 1, high shelf → H band; Q turned into a-EQ's bandwidth in
 * octaves), compressors as ACE Compressor (a-comp, mono or #stereo). High-pass filters, the true-peak
 * limiter, gain and width have no ACE equivalent: the caller lists them as losses.
 */
final class AcePlugins {
    private AcePlugins() {
    }

    /** A sine's peak over its RMS in dB. */
    static final double RMS_TO_PEAK_DB = 20 * Math.log10(Math.sqrt(2));

    /** One ACE plugin instance: its LV2 URI, Ardour's processor name and the control port values by symbol. */
    record Plugin(String uri, String name, Map<String, String> ports) {
    }

    /** The ACE plugin for an insert, or null when Ardour has none. */
    static Plugin of(Insert in, int channels, double rate) {
        String proc = in.topdownProcessor();
        if (proc == null) {
            return null;
        }
        Map<String, String> ports = new LinkedHashMap<>();
        String uri;
        String name;
        Map<String, Double> p = in.parameters();
        if (proc.equals(TopDownProcessors.EQ)) {
            int type = (int) Math.round(p.getOrDefault("type", 0.0));
            double hz = p.getOrDefault("hz", 1000.0);
            double gain = p.getOrDefault("gainDb", 0.0);
            double q = p.getOrDefault("q", 0.707);
            uri = "urn:ardour:a-eq";
            name = "ACE EQ";
            // Everything off and flat, then the one band this insert is.
            ports.put("freql", "160");
            ports.put("gl", "0");
            ports.put("freq1", "300");
            ports.put("g1", "0");
            ports.put("bw1", "1");
            ports.put("freq2", "1000");
            ports.put("g2", "0");
            ports.put("bw2", "1");
            ports.put("freq3", "2500");
            ports.put("g3", "0");
            ports.put("bw3", "1");
            ports.put("freq4", "6000");
            ports.put("g4", "0");
            ports.put("bw4", "1");
            ports.put("freqh", "9000");
            ports.put("gh", "0");
            ports.put("master", "0");
            ports.put("filtogl", "0");
            ports.put("filtog1", "0");
            ports.put("filtog2", "0");
            ports.put("filtog3", "0");
            ports.put("filtog4", "0");
            ports.put("filtogh", "0");
            ports.put("enable", "1");
            // a-EQ's working values stop short of the ports (AceEq.settle): each port gets the value whose settled value
            // is the one wanted.
            float g = (float) Math.max(-20, Math.min(20, gain));
            switch (type) {
                case 1: // LOW_SHELF: the same bilinear shelf as RBJ's when the corner is moved by 1/sqrt(A) (below)
                    ports.put("freql", num(port(shelfHz(hz, gain, rate, false), 0, rate, 20, 20000)));
                    ports.put("gl", num(port(g, 1, rate, -20, 20)));
                    ports.put("filtogl", "1");
                    break;
                case 2: // HIGH_SHELF: corner moved by sqrt(A)
                    ports.put("freqh", num(port(shelfHz(hz, gain, rate, true), 0, rate, 20, 20000)));
                    ports.put("gh", num(port(g, 1, rate, -20, 20)));
                    ports.put("filtogh", "1");
                    break;
                case 0: { // PEAK: RBJ's peaking EQ and a-EQ's peaking band are the same filter for the same Q
                    double bw = 2 / Math.log(2) * asinh(1 / (2 * q));
                    ports.put("freq1", num(port((float) hz, 0, rate, 20, 20000)));
                    ports.put("g1", num(port(g, 1, rate, -20, 20)));
                    ports.put("bw1", num(port((float) Math.max(0.1, Math.min(4, bw)), 2, rate, 0.1f, 4)));
                    ports.put("filtog1", "1");
                    break;
                }
                default:
                    return null; // high/low pass and notch: a-EQ has none
            }
        } else if (proc.equals(TopDownProcessors.COMPRESSOR)) {
            uri = channels >= 2 ? "urn:ardour:a-comp#stereo" : "urn:ardour:a-comp";
            name = channels >= 2 ? "ACE Compressor (stereo)" : "ACE Compressor";
            ports.put("att", num((float) Math.max(0.1, Math.min(100, p.getOrDefault("attackMs", 10.0)))));
            ports.put("rel", num((float) Math.max(1, Math.min(2000, p.getOrDefault("releaseMs", 120.0)))));
            // a-Comp's knee is 6 x "kn" + 0.01 dB wide; TopDown's kneeDb is the whole width.
            ports.put("kn", num((float) Math.max(0, Math.min(8, (p.getOrDefault("kneeDb", 6.0) - 0.01) / 6))));
            ports.put("rat", num((float) Math.max(1, Math.min(20, p.getOrDefault("ratio", 2.0)))));
            // a-Comp detects the instantaneous peak; TopDown's compressor by default the RMS, which reads a sine
            // 20 log10(sqrt 2) = 3.01 dB under its peak: the threshold moves up by that so both curves agree on sustained
            // tones (measured: 5-10 dB deeper nulls on noise, kick, bass and lead than the unmoved threshold).
            double thr = p.getOrDefault("thresholdDb", -20.0) + (p.getOrDefault("rms", 1.0) > 0 ? RMS_TO_PEAK_DB : 0);
            ports.put("thr", num((float) Math.max(-60, Math.min(0, thr))));
            ports.put("mak", num((float) Math.max(0, Math.min(30, p.getOrDefault("makeupDb", 0.0)))));
            ports.put("sidech", "0");
            ports.put("enable", "1");
        } else {
            return null;
        }
        return new Plugin(uri, name, ports);
    }

    /** Whether an insert is written as an ACE plugin (else it is a loss). */
    static boolean writable(Insert in, int channels) {
        return of(in, channels, 48000) != null;
    }

    /** The plugin as a Processor element of {@code doc} (the DOM-patch path), or null when Ardour has none. */
    static Element toProcessor(Document doc, Insert in, int channels, double rate, String id) {
        Plugin pl = of(in, channels, rate);
        if (pl == null) {
            return null;
        }
        Element e = doc.createElement("Processor");
        for (String[] a : attributes(pl, id)) {
            e.setAttribute(a[0], a[1]);
        }
        Element lv2 = doc.createElement("lv2");
        lv2.setAttribute("last-preset-uri", "");
        lv2.setAttribute("last-preset-label", "");
        lv2.setAttribute("parameter-changed-since-last-preset", "1");
        for (Map.Entry<String, String> port : pl.ports().entrySet()) {
            Element pe = doc.createElement("Port");
            pe.setAttribute("symbol", port.getKey());
            pe.setAttribute("value", port.getValue());
            lv2.appendChild(pe);
        }
        e.appendChild(lv2);
        return e;
    }

    /** The same Processor element as text (the generated-session path), lines indented by {@code indent}. */
    static String toXml(Insert in, int channels, double rate, String id, String indent) {
        Plugin pl = of(in, channels, rate);
        if (pl == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(indent).append("<Processor");
        for (String[] a : attributes(pl, id)) {
            sb.append(' ').append(a[0]).append("=\"").append(ArdourGenerator.esc(a[1])).append('"');
        }
        sb.append(">\n").append(indent).append("  <lv2 last-preset-uri=\"\" last-preset-label=\"\""
                + " parameter-changed-since-last-preset=\"1\">\n");
        for (Map.Entry<String, String> port : pl.ports().entrySet()) {
            sb.append(indent).append("    <Port symbol=\"").append(ArdourGenerator.esc(port.getKey())).append("\" value=\"")
                    .append(ArdourGenerator.esc(port.getValue())).append("\"/>\n");
        }
        return sb.append(indent).append("  </lv2>\n").append(indent).append("</Processor>\n").toString();
    }

    private static List<String[]> attributes(Plugin pl, String id) {
        return List.of(new String[] {"id", id}, new String[] {"name", pl.name()}, new String[] {"active", "1"},
                new String[] {"user-latency", "0"}, new String[] {"use-user-latency", "0"}, new String[] {"type", "lv2"},
                new String[] {"unique-id", pl.uri()}, new String[] {"count", "1"}, new String[] {"custom", "0"});
    }

    /**
     * The a-EQ shelf corner that gives RBJ's shelf (corner {@code hz}, gain {@code gainDb}): a-EQ puts its poles at
     * the corner (low shelf) and its zeros A times further, where RBJ centres the two on the corner, a factor sqrt(A)
     * apart from a-EQ's; both are bilinear transforms, so tan(pi f/fs) scales by 1/sqrt(A) (low) or sqrt(A) (high).
     * With the shelf Q of a-EQ (0.7071068) the two filters are then the same.
     */
    static float shelfHz(double hz, double gainDb, double rate, boolean high) {
        // The gain a-EQ plays (its port is written so that the smoothing settles on exactly this float).
        float played = (float) Math.max(-20, Math.min(20, gainDb));
        double sqrtA = Math.pow(10, played / 80.0);
        double t = Math.tan(Math.PI * hz / rate);
        return (float) (rate / Math.PI * Math.atan(high ? t * sqrtA : t / sqrtA));
    }

    /** The port value at which a-EQ's smoothing settles on {@code want} (kind: 0 frequency, 1 gain, 2 bandwidth). */
    static float port(float want, int kind, double rate, float min, float max) {
        want = Math.max(min, Math.min(max, want));
        float w = want;
        float best = want;
        float bestErr = Float.POSITIVE_INFINITY;
        for (int i = 0; i < 64; i++) {
            float s = AceEq.settle(w, kind, rate);
            float err = Math.abs(s - want);
            if (err < bestErr) {
                best = w;
                bestErr = err;
            }
            if (err == 0) {
                break;
            }
            float next = w + (want - s);
            w = next != w ? next : want > s ? Math.nextUp(w) : Math.nextDown(w);
            if (w < min || w > max) {
                break; // the port range ends before the value that would settle there
            }
        }
        return best;
    }

    static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }

    private static String num(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** A float port value exactly (the shortest decimal that reads back as the same float). */
    private static String num(float v) {
        return new java.math.BigDecimal(Float.toString(v)).stripTrailingZeros().toPlainString();
    }
}
