package topdown.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import topdown.format.topdown.SessionJson;

/**
 * The top-down analysis of a session (master, buses, tracks) or a single file, with masking, the
 * comparison to a reference and the delivery checks; serialised as {@code topdown.analysis/1}.
 */
public final class AnalysisReport {
    public final String input;
    public final StemAnalysis master;
    public final List<StemAnalysis> buses;
    public final List<StemAnalysis> tracks;
    public final List<Masking.Result> masking;
    public final StemAnalysis reference;
    public final DeliveryPreset target;
    public final List<DeliveryPreset.Check> delivery;
    public final int deliveredBits;

    public AnalysisReport(String input, StemAnalysis master, List<StemAnalysis> buses, List<StemAnalysis> tracks,
                          List<Masking.Result> masking, StemAnalysis reference, DeliveryPreset target, int deliveredBits) {
        this.input = input;
        this.master = master;
        this.buses = List.copyOf(buses);
        this.tracks = List.copyOf(tracks);
        this.masking = List.copyOf(masking);
        this.reference = reference;
        this.target = target;
        this.deliveredBits = deliveredBits;
        this.delivery = target == null ? List.of() : target.check(master.loudness, master.sampleRate, deliveredBits, "wav");
    }

    /** Masking among groups, and among tracks inside each group (by the caller's grouping). */
    public static List<Masking.Result> masking(List<StemAnalysis> groups, List<List<StemAnalysis>> tracksPerGroup) {
        List<Masking.Result> out = new ArrayList<>(Masking.pairs(groups));
        for (List<StemAnalysis> g : tracksPerGroup) {
            out.addAll(Masking.pairs(g));
        }
        out.sort((x, y) -> Double.compare(y.score(), x.score()));
        return out;
    }

    /** Loudness-matched band differences, mix minus reference, per third octave: {mid[], side[]}. */
    public static double[][] bandDifference(StemAnalysis mix, StemAnalysis ref) {
        double offset = ref.loudness.integratedLufs() - mix.loudness.integratedLufs();
        if (Double.isNaN(offset)) {
            offset = 0;
        }
        int n = mix.thirdOctavesMid.length;
        double[] mid = new double[n];
        double[] side = new double[n];
        for (int i = 0; i < n; i++) {
            mid[i] = clampDb(mix.thirdOctavesMid[i] + offset - ref.thirdOctavesMid[i]);
            side[i] = mix.thirdOctavesSide == null || ref.thirdOctavesSide == null ? 0
                    : clampDb(mix.thirdOctavesSide[i] + offset - ref.thirdOctavesSide[i]);
        }
        return new double[][] {mid, side};
    }

    private static double clampDb(double v) {
        return Math.max(-60, Math.min(60, v));
    }

    /** Mean absolute loudness-matched band difference to the reference (mid), 40 Hz–16 kHz. */
    public static double meanAbsBandDifference(StemAnalysis mix, StemAnalysis ref) {
        double[] d = bandDifference(mix, ref)[0];
        double sum = 0;
        int n = 0;
        for (int i = 0; i < d.length; i++) {
            double hz = SpectrumAnalyzer.THIRD_OCTAVES[i];
            if (hz >= 40 && hz <= 16000) {
                sum += Math.abs(d[i]);
                n++;
            }
        }
        return sum / n;
    }

    public ObjectNode toJson() {
        ObjectNode root = SessionJson.mapper().createObjectNode();
        root.put("schema", "topdown.analysis/1");
        root.put("input", input);
        if (target != null) {
            ObjectNode t = root.putObject("target");
            t.put("id", target.id());
            t.put("name", target.name());
            t.put("integratedLufs", target.integratedLufs());
            t.put("toleranceLu", target.toleranceLu());
            t.put("maxTruePeakDbtp", target.maxTruePeakDbtp());
        } else {
            root.putNull("target");
        }
        root.set("master", stem(master));
        ArrayNode b = root.putArray("buses");
        buses.forEach(s -> b.add(stem(s)));
        ArrayNode t = root.putArray("tracks");
        tracks.forEach(s -> t.add(stem(s)));
        ArrayNode m = root.putArray("masking");
        for (Masking.Result r : masking) {
            m.addObject().put("a", r.a()).put("b", r.b()).put("lowHz", r.lowHz()).put("highHz", r.highHz())
                    .put("score", round(r.score(), 3));
        }
        if (reference != null) {
            ObjectNode ref = root.putObject("reference");
            ref.put("file", reference.name);
            ObjectNode l = ref.putObject("loudness");
            putLoudness(l, reference.loudness);
            double[][] d = bandDifference(master, reference);
            ArrayNode mid = ref.putArray("bandDifferenceDb");
            ArrayNode side = ref.putArray("sideBandDifferenceDb");
            for (int i = 0; i < d[0].length; i++) {
                mid.addObject().put("hz", SpectrumAnalyzer.THIRD_OCTAVES[i]).put("db", round(d[0][i], 2));
                side.addObject().put("hz", SpectrumAnalyzer.THIRD_OCTAVES[i]).put("db", round(d[1][i], 2));
            }
            ref.put("meanAbsBandDifferenceDb", round(meanAbsBandDifference(master, reference), 2));
            ref.put("loudnessDifferenceLu", round(master.loudness.integratedLufs() - reference.loudness.integratedLufs(), 2));
            ref.put("lraDifferenceLu", round(master.loudness.loudnessRangeLu() - reference.loudness.loudnessRangeLu(), 2));
            ref.put("crestDifferenceDb", round(master.crestDb - reference.crestDb, 2));
        }
        if (target != null) {
            ObjectNode del = root.putObject("delivery");
            del.put("preset", target.id());
            del.put("pass", delivery.stream().allMatch(DeliveryPreset.Check::pass));
            ArrayNode checks = del.putArray("checks");
            for (DeliveryPreset.Check c : delivery) {
                checks.addObject().put("name", c.name()).put("value", c.value()).put("limit", c.limit()).put("pass", c.pass());
            }
        }
        return root;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    static void putLoudness(ObjectNode o, LoudnessResult r) {
        num(o, "integratedLufs", r.integratedLufs());
        num(o, "loudnessRangeLu", r.loudnessRangeLu());
        num(o, "momentaryMaxLufs", r.momentaryMaxLufs());
        num(o, "shortTermMaxLufs", r.shortTermMaxLufs());
        num(o, "samplePeakDbfs", r.samplePeakDbfs());
        num(o, "truePeakDbtp", r.truePeakDbtp());
        o.put("durationSeconds", round(r.durationSeconds(), 3));
    }

    static void num(ObjectNode o, String k, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(k);
        } else {
            o.put(k, round(v, 3));
        }
    }

    static ObjectNode stem(StemAnalysis s) {
        ObjectNode o = SessionJson.mapper().createObjectNode();
        o.put("name", s.name);
        o.put("channels", s.channels);
        o.put("sampleRate", s.sampleRate);
        putLoudness(o.putObject("loudness"), s.loudness);
        num(o, "crestDb", s.crestDb);
        num(o, "correlation", s.correlation);
        ArrayNode dc = o.putArray("dcOffset");
        for (double d : s.dcOffset) {
            dc.add(round(d, 6));
        }
        o.put("clippingRuns", s.clippingRuns);
        ArrayNode sp = o.putArray("spectrum");
        for (int i = 0; i < s.thirdOctavesMid.length; i++) {
            sp.addObject().put("hz", SpectrumAnalyzer.THIRD_OCTAVES[i]).put("db", round(Math.max(-200, s.thirdOctavesMid[i]), 2));
        }
        ArrayNode ms = o.putArray("midSide");
        for (StemAnalysis.MidSideBand b : s.midSide) {
            ms.addObject().put("band", b.name()).put("lowHz", b.lowHz()).put("highHz", b.highHz())
                    .put("midDb", round(b.midDb(), 2)).put("sideDb", round(b.sideDb(), 2))
                    .put("sideMinusMidDb", round(b.sideMinusMidDb(), 2));
        }
        ObjectNode flags = o.putObject("flags");
        flags.put("lowEndInSide", s.lowEndInSide());
        flags.put("lowMidBuildUp", s.lowMidBuildUp());
        flags.put("clipping", s.clippingRuns > 0);
        return o;
    }
}
