package topdown.mix;

import java.util.LinkedHashMap;
import java.util.Map;
import topdown.dsp.Biquad;
import topdown.dsp.Compressor;
import topdown.dsp.TruePeakLimiter;
import topdown.model.Insert;
import topdown.model.InsertKind;
import topdown.render.BlockProcessor;
import topdown.render.ProcessorFactory;

/**
 * The processors TopDown runs itself when rendering: inserts whose {@code topdownProcessor} is one of
 * "topdown.gain", "topdown.eq", "topdown.compressor", "topdown.limiter", "topdown.width"; parameters by
 * name. Every other insert is listed as skipped by the renderer. Factory methods build the inserts.
 */
public final class TopDownProcessors {
    public static final String GAIN = "topdown.gain";
    public static final String EQ = "topdown.eq";
    public static final String COMPRESSOR = "topdown.compressor";
    public static final String LIMITER = "topdown.limiter";
    public static final String WIDTH = "topdown.width";

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
            return null;
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
                double hz = p(insert, "monoBelowHz", 120);
                // Linkwitz-Riley (two Butterworth sections) high-pass on the side signal: below the crossover the
                // side is removed (mono low end); the mid signal is untouched.
                Biquad hp1 = new Biquad(Biquad.Type.HIGH_PASS, rate, hz, Math.sqrt(0.5), 0, 1);
                Biquad hp2 = new Biquad(Biquad.Type.HIGH_PASS, rate, hz, Math.sqrt(0.5), 0, 1);
                double width = p(insert, "width", 1.0);
                return new BlockProcessor() {
                    private float[][] side = new float[1][0];

                    @Override
                    public void process(float[][] b, int n) {
                        if (side[0].length < n) {
                            side = new float[1][n];
                        }
                        for (int i = 0; i < n; i++) {
                            side[0][i] = (b[0][i] - b[1][i]) / 2;
                        }
                        hp1.process(side, n);
                        hp2.process(side, n);
                        for (int i = 0; i < n; i++) {
                            double m = (b[0][i] + b[1][i]) / 2;
                            double newSide = side[0][i] * width;
                            b[0][i] = (float) (m + newSide);
                            b[1][i] = (float) (m - newSide);
                        }
                    }
                };
            }
            default:
                return null;
        }
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

    public static Insert width(double monoBelowHz) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("monoBelowHz", monoBelowHz);
        m.put("width", 1.0);
        return insert("TopDown Mono Bass", InsertKind.OTHER, WIDTH, m);
    }
}
