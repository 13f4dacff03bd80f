package topdown.mix;

import java.util.LinkedHashMap;
import java.util.Map;
import topdown.dsp.AceComp;
import topdown.dsp.AceEq;
import topdown.dsp.Biquad;
import topdown.dsp.Compressor;
import topdown.dsp.LinkwitzRiley;
import topdown.dsp.MatchingEq;
import topdown.dsp.MultibandProcessor;
import topdown.dsp.MultibandSplit;
import topdown.dsp.TruePeakLimiter;
import topdown.model.Insert;
import topdown.model.InsertKind;
import topdown.render.BlockProcessor;
import topdown.render.ProcessorFactory;

/**
 * The processors TopDown runs itself when rendering: inserts whose {@code topdownProcessor} is one of
 * "topdown.gain", "topdown.eq", "topdown.compressor", "topdown.limiter", "topdown.width",
 * "topdown.match-eq", "topdown.multiband"; parameters by name. Every other insert is listed as skipped by the renderer. Factory methods build the inserts.
 */
public final class TopDownProcessors {
    public static final String GAIN = "topdown.gain";
    public static final String EQ = "topdown.eq";
    public static final String COMPRESSOR = "topdown.compressor";
    public static final String LIMITER = "topdown.limiter";
    public static final String WIDTH = "topdown.width";
    /**
     * Linear-phase matching EQ ({@link MatchingEq}). Keys: {@code mid@<Hz>} → dB (the curve for every channel,
     * or the mid curve), {@code side@<Hz>} → dB (stereo only: mid/side mode), {@code taps} (odd; absent or 0:
     * {@link MatchingEq#defaultTaps} for the rate), {@code smoothingOctaves} (0), {@code maxBoostDb} and
     * {@code maxCutDb} (12). Latency (taps−1)/2.
     */
    public static final String MATCH_EQ = "topdown.match-eq";
    /**
     * Multiband ({@link MultibandProcessor} over LR4 crossovers). Keys: {@code crossoverHz@1}…{@code @K−1}
     * (ascending), per band b = 0…K−1: {@code gainDb@b} (0), {@code width@b} (1), and a compressor when
     * {@code thresholdDb@b} is present, with {@code ratio@b} (2), {@code kneeDb@b} (6), {@code attackMs@b} (10),
     * {@code releaseMs@b} (120). No latency.
     */
    public static final String MULTIBAND = "topdown.multiband";

    private TopDownProcessors() {
    }

    public static ProcessorFactory factory() {
        return TopDownProcessors::create;
    }

    static double p(Insert i, String k, double d) {
        return i.parameters().getOrDefault(k, d);
    }

    static BlockProcessor create(Insert insert, int channels, int rate) {
        String kind = insert.topdownProcessor();
        if (kind == null) {
            return nativeModel(insert, channels, rate);
        }
        switch (kind) {
            case GAIN: {
                double g = Math.pow(10, p(insert, "gainDb", 0) / 20);
                return (block, n) -> {
                    for (float[] c : block) {
                        for (int i = 0; i < n; i++) {
                            c[i] *= (float) g;
                        }
                    }
                };
            }
            case EQ: {
                Biquad.Type t = Biquad.Type.values()[(int) p(insert, "type", 0)];
                Biquad b = new Biquad(t, rate, p(insert, "hz", 1000), p(insert, "q", 0.707), p(insert, "gainDb", 0), channels);
                return b::process;
            }
            case COMPRESSOR: {
                Compressor c = new Compressor(rate, channels, p(insert, "thresholdDb", -20), p(insert, "ratio", 2),
                        p(insert, "kneeDb", 6), p(insert, "attackMs", 10), p(insert, "releaseMs", 120),
                        p(insert, "makeupDb", 0), p(insert, "rms", 1) > 0, p(insert, "sidechainHpHz", 0));
                return c::process;
            }
            case LIMITER: {
                TruePeakLimiter l = new TruePeakLimiter(rate, channels, p(insert, "ceilingDbtp", -1), p(insert, "lookaheadMs", 5),
                        p(insert, "releaseMs", 80));
                return new BlockProcessor() {
                    @Override
                    public void process(float[][] block, int frames) {
                        l.process(block, frames);
                    }

                    @Override
                    public int latencySamples() {
                        return l.latencySamples();
                    }
                };
            }
            case WIDTH: {
                if (channels != 2) {
                    return null;
                }
                return widthProcessor(p(insert, "monoBelowHz", 120), p(insert, "depth", 1.0), p(insert, "width", 1.0),
                        rate);
            }
            case MATCH_EQ:
                return matchEqProcessor(insert, channels, rate);
            case MULTIBAND:
                return multibandProcessor(insert, channels, rate);
            default:
                return null;
        }
    }

    /**
     * Mid/side low-end width: the side signal is split by an LR4 crossover ({@link LinkwitzRiley}) and rebuilt
     * as {@code width·high + (1 − depth)·low}; the mid runs through the allpass the two LR4 outputs sum to, so
     * mid and side keep the same phase. At depth 0 and width 1 the stage is that allpass on both channels (flat
     * magnitude); at depth 1 the low end below the crossover is mono.
     */
    static BlockProcessor widthProcessor(double hz, double depth, double width, int rate) {
        LinkwitzRiley xo = new LinkwitzRiley(rate, hz, 1);
        LinkwitzRiley.Section midAllpass = xo.newAllpass(1);
        double keepLow = 1 - Math.max(0, Math.min(1, depth));
        return new BlockProcessor() {
            private double[] mid = new double[0];
            private double[] low = new double[0];
            private double[] high = new double[0];

            @Override
            public void process(float[][] b, int n) {
                if (mid.length < n) {
                    mid = new double[n];
                    low = new double[n];
                    high = new double[n];
                }
                for (int i = 0; i < n; i++) {
                    mid[i] = (b[0][i] + (double) b[1][i]) / 2;
                    low[i] = (b[0][i] - (double) b[1][i]) / 2;
                }
                xo.split(0, low, low, high, n);
                midAllpass.run(0, mid, mid, n);
                for (int i = 0; i < n; i++) {
                    double side = width * high[i] + keepLow * low[i];
                    b[0][i] = (float) (mid[i] + side);
                    b[1][i] = (float) (mid[i] - side);
                }
            }
        };
    }

    /**
     * Plugins of a session TopDown has a model of, so the session renders as its DAW plays it: Ardour's ACE EQ and ACE
     * Compressor ({@link AceEq}, {@link AceComp}; plugin id "lv2:" + URI, parameters by port symbol or label).
     */
    static BlockProcessor nativeModel(Insert insert, int channels, int rate) {
        String id = insert.pluginId();
        if (id.equals("lv2:" + AceEq.URI)) {
            return new AceEq(rate, channels, insert.parameters())::process;
        }
        if (id.equals("lv2:" + AceComp.STEREO_URI) || id.equals("lv2:" + AceComp.URI) && channels == 1) {
            return new AceComp(rate, insert.parameters())::process;
        }
        if (id.equals("lv2:" + AceComp.URI)) {
            // The mono compressor on a wider strip: Ardour runs one instance per channel, each with its own detector.
            AceComp[] per = new AceComp[channels];
            for (int c = 0; c < channels; c++) {
                per[c] = new AceComp(rate, insert.parameters());
            }
            return (block, n) -> {
                for (int c = 0; c < block.length && c < per.length; c++) {
                    per[c].process(new float[][] {block[c]}, n);
                }
            };
        }
        return null;
    }

    private static double[][] curve(Insert insert, String prefix) {
        java.util.TreeMap<Double, Double> points = new java.util.TreeMap<>();
        for (Map.Entry<String, Double> e : insert.parameters().entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                try {
                    points.put(Double.parseDouble(e.getKey().substring(prefix.length())), e.getValue());
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException(insert.name() + ": not a frequency in parameter " + e.getKey(), ex);
                }
            }
        }
        double[][] out = new double[2][points.size()];
        int i = 0;
        for (Map.Entry<Double, Double> e : points.entrySet()) {
            out[0][i] = e.getKey();
            out[1][i++] = e.getValue();
        }
        return out;
    }

    private static BlockProcessor matchEqProcessor(Insert insert, int channels, int rate) {
        double[][] mid = curve(insert, "mid@");
        double[][] side = curve(insert, "side@");
        if (mid[0].length == 0) {
            mid = new double[][] {{1000}, {0}};
        }
        int taps = (int) Math.round(p(insert, "taps", 0));
        taps = taps <= 0 ? MatchingEq.defaultTaps(rate) : Math.max(3, taps | 1);
        double smooth = p(insert, "smoothingOctaves", 0);
        double boost = p(insert, "maxBoostDb", 12);
        double cut = p(insert, "maxCutDb", 12);
        MatchingEq.Curve midCurve = new MatchingEq.Curve(mid[0], mid[1], smooth, boost, cut);
        MatchingEq.Curve sideCurve = channels == 2 && side[0].length > 0
                ? new MatchingEq.Curve(side[0], side[1], smooth, boost, cut) : null;
        MatchingEq eq = new MatchingEq(rate, channels, taps, midCurve, sideCurve);
        return new BlockProcessor() {
            @Override
            public void process(float[][] block, int frames) {
                eq.process(block, frames);
            }

            @Override
            public int latencySamples() {
                return eq.latencySamples();
            }
        };
    }

    private static BlockProcessor multibandProcessor(Insert insert, int channels, int rate) {
        java.util.List<Double> xo = new java.util.ArrayList<>();
        for (int j = 1; insert.parameters().containsKey("crossoverHz@" + j); j++) {
            xo.add(insert.parameters().get("crossoverHz@" + j));
        }
        if (xo.isEmpty()) {
            return null;
        }
        double[] hz = xo.stream().mapToDouble(Double::doubleValue).toArray();
        int k = hz.length + 1;
        double[] gainDb = new double[k];
        double[] width = new double[k];
        Compressor[] comp = new Compressor[k];
        for (int b = 0; b < k; b++) {
            gainDb[b] = p(insert, "gainDb@" + b, 0);
            width[b] = p(insert, "width@" + b, 1);
            if (insert.parameters().containsKey("thresholdDb@" + b)) {
                comp[b] = new Compressor(rate, channels, p(insert, "thresholdDb@" + b, 0), p(insert, "ratio@" + b, 2),
                        p(insert, "kneeDb@" + b, 6), p(insert, "attackMs@" + b, 10), p(insert, "releaseMs@" + b, 120), 0, true, 0);
            }
        }
        MultibandProcessor mb = new MultibandProcessor(new MultibandSplit(rate, channels, hz), channels, gainDb, width, comp);
        return mb::process;
    }

    /** Parameter key of a frequency: "1000" for whole hertz, "31.5" otherwise. */
    static String hzKey(double hz) {
        return hz == Math.rint(hz) && Math.abs(hz) < 1e15 ? Long.toString((long) hz) : Double.toString(hz);
    }

    private static Insert insert(String name, InsertKind kind, String proc, Map<String, Double> params) {
        return new Insert(name, kind, false, true, proc, params, null, proc, topdown.model.Carry.NONE);
    }

    public static Insert gain(double db) {
        return insert("TopDown Gain", InsertKind.OTHER, GAIN, Map.of("gainDb", db));
    }

    public static Insert eq(Biquad.Type type, double hz, double q, double gainDb) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("type", (double) type.ordinal());
        m.put("hz", hz);
        m.put("q", q);
        m.put("gainDb", gainDb);
        return insert("TopDown EQ " + type.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), InsertKind.EQ, EQ, m);
    }

    public static Insert compressor(double thresholdDb, double ratio, double attackMs, double releaseMs, double makeupDb) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("thresholdDb", thresholdDb);
        m.put("ratio", ratio);
        m.put("kneeDb", 6.0);
        m.put("attackMs", attackMs);
        m.put("releaseMs", releaseMs);
        m.put("makeupDb", makeupDb);
        m.put("rms", 1.0);
        m.put("sidechainHpHz", 80.0);
        return insert("TopDown Compressor", InsertKind.COMPRESSOR, COMPRESSOR, m);
    }

    public static Insert limiter(double ceilingDbtp) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("ceilingDbtp", ceilingDbtp);
        m.put("lookaheadMs", 5.0);
        m.put("releaseMs", 80.0);
        return insert("TopDown True-Peak Limiter", InsertKind.LIMITER, LIMITER, m);
    }

    /** Mono below the crossover (depth 1), stereo above it unchanged. */
    public static Insert width(double monoBelowHz) {
        return width(monoBelowHz, 1.0);
    }

    /**
     * Low-end width: below {@code monoBelowHz} (LR4 crossover on the side signal) the side is reduced by
     * {@code depth} (0: untouched, 1: mono); above it the stereo image is unchanged. Keys {@code monoBelowHz},
     * {@code depth} (1), {@code width} (side gain above the crossover, 1).
     */
    public static Insert width(double monoBelowHz, double depth) {
        if (!(depth >= 0 && depth <= 1)) {
            throw new IllegalArgumentException("depth must be between 0 and 1: " + depth);
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("monoBelowHz", monoBelowHz);
        m.put("depth", depth);
        m.put("width", 1.0);
        return insert(depth >= 1 ? "TopDown Mono Bass" : "TopDown Low-End Width", InsertKind.OTHER, WIDTH, m);
    }

    /**
     * A linear-phase matching EQ insert: dB per centre frequency for the mid curve (every channel when
     * {@code sideDb} is null) and, for stereo, the side curve; taps by the rate, no smoothing, ±12 dB clamp.
     */
    public static Insert matchEq(double[] hz, double[] midDb, double[] sideDb) {
        if (hz.length != midDb.length || (sideDb != null && sideDb.length != hz.length)) {
            throw new IllegalArgumentException("need one gain per frequency");
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < hz.length; i++) {
            m.put("mid@" + hzKey(hz[i]), midDb[i]);
        }
        if (sideDb != null) {
            for (int i = 0; i < hz.length; i++) {
                m.put("side@" + hzKey(hz[i]), sideDb[i]);
            }
        }
        m.put("taps", 0.0);
        m.put("smoothingOctaves", 0.0);
        m.put("maxBoostDb", 12.0);
        m.put("maxCutDb", 12.0);
        return insert(sideDb == null ? "TopDown Matching EQ" : "TopDown Matching EQ M/S", InsertKind.EQ, MATCH_EQ, m);
    }

    /** A multiband insert: LR4 crossovers (ascending), gain in dB and stereo width per band (one more than crossovers). */
    public static Insert multiband(double[] crossoverHz, double[] bandGainDb, double[] bandWidth) {
        if (bandGainDb.length != crossoverHz.length + 1 || bandWidth.length != crossoverHz.length + 1) {
            throw new IllegalArgumentException("need one gain and width per band: " + (crossoverHz.length + 1));
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (int j = 0; j < crossoverHz.length; j++) {
            m.put("crossoverHz@" + (j + 1), crossoverHz[j]);
        }
        for (int b = 0; b < bandGainDb.length; b++) {
            m.put("gainDb@" + b, bandGainDb[b]);
            m.put("width@" + b, bandWidth[b]);
        }
        return insert("TopDown Multiband", InsertKind.OTHER, MULTIBAND, m);
    }

    /** A multiband compressor insert: LR4 crossovers, threshold and ratio per band (RMS, 6 dB knee), shared times. */
    public static Insert multibandCompressor(double[] crossoverHz, double[] thresholdDb, double[] ratio, double attackMs,
                                             double releaseMs) {
        int k = crossoverHz.length + 1;
        if (thresholdDb.length != k || ratio.length != k) {
            throw new IllegalArgumentException("need one threshold and ratio per band: " + k);
        }
        double[] zero = new double[k];
        double[] one = new double[k];
        java.util.Arrays.fill(one, 1.0);
        Map<String, Double> m = new LinkedHashMap<>(multiband(crossoverHz, zero, one).parameters());
        for (int b = 0; b < k; b++) {
            m.put("thresholdDb@" + b, thresholdDb[b]);
            m.put("ratio@" + b, ratio[b]);
            m.put("kneeDb@" + b, 6.0);
            m.put("attackMs@" + b, attackMs);
            m.put("releaseMs@" + b, releaseMs);
        }
        return insert("TopDown Multiband Compressor", InsertKind.COMPRESSOR, MULTIBAND, m);
    }
}
