package topdown.mix;

import java.util.List;
import topdown.analysis.AnalysisReport;
import topdown.analysis.StemAnalysis;
import topdown.model.Insert;
import topdown.model.Session;

/** Entry points into {@link TopDownMix}'s stage decisions for the runner that renders and measures. */
public final class MixAccess {
    private MixAccess() {
    }

    public static double[] referenceCurve(List<StemAnalysis> refs, List<Double> weights) {
        return TopDownMix.referenceCurve(refs, weights);
    }

    public static double distance(StemAnalysis s, double[] curve) {
        return TopDownMix.curveDistance(s, curve);
    }

    public static List<Insert> glue(TopDownMix m, AnalysisReport before, List<String> actions) {
        return m.masterGlue(before, actions);
    }

    public static List<Insert> masterWidth(TopDownMix m, StemAnalysis master, List<String> actions) {
        return m.masterWidth(master, actions);
    }

    public static Session separateKickBass(TopDownMix m, Session s, AnalysisReport measured, List<MixStep> out) {
        return m.separateKickBass(s, measured, out);
    }

    public static double[] residual(StemAnalysis mix, double[] ref) {
        return TopDownMix.residual(mix, ref);
    }

    public static double[] refineMatch(TopDownMix m, double[] curve, double[] residual) {
        return m.refineMatch(curve, residual);
    }

    public static Insert matchInsert(double[] curve) {
        return TopDownMix.matchInsert(curve);
    }

    public static String describeMatch(double[] curve) {
        return TopDownMix.describeMatch(curve);
    }

    public static double meanAbs(double[] residual) {
        return TopDownMix.meanAbs(residual);
    }

    public static Session separateWorst(TopDownMix m, Session s, AnalysisReport measured, List<MixStep> out) {
        return m.separateWorst(s, measured, out);
    }

    public static Session groups(TopDownMix m, Session s, AnalysisReport before, List<MixStep> out) {
        return m.groups(s, before, out);
    }

    public static Session revisitGroups(TopDownMix m, Session s, AnalysisReport measured, List<MixStep> out) {
        return m.groups(s, measured, out, true);
    }

    public static Session tracks(TopDownMix m, Session s, AnalysisReport before, List<MixStep> out) {
        return m.tracks(s, before, out);
    }

    public static Session master(TopDownMix m, Session s, double fader, List<Insert> tone, double gain) {
        return m.withMasterChain(s, fader, tone, gain);
    }
}
