package topdown.mix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import topdown.analysis.AnalysisReport;
import topdown.analysis.Masking;
import topdown.analysis.SpectrumAnalyzer;
import topdown.analysis.StemAnalysis;
import topdown.dsp.Biquad;
import topdown.grouping.Group;
import topdown.grouping.NameModel;
import topdown.model.Bus;
import topdown.model.BusId;
import topdown.model.Gain;
import topdown.model.Insert;
import topdown.model.Session;
import topdown.model.Track;

/**
 * The top-down run, as a mixing engineer works: measure the whole mix, set the master chain (EQ toward
 * the reference, glue compression, gain into a true-peak limiter at the delivery target), balance and
 * fix the groups (level toward a balance, EQ cuts where groups mask each other, mono low end, group
 * compression), revisit the master, and touch single tracks only where a group move cannot help (masking
 * between tracks of the same group). Every decision is recorded with the measurement behind it.
 * Pure decisions on measurements: rendering and analysis are delegated, files are written by the caller.
 */
public final class TopDownMix {
    /** Typical pop/rock balance: group loudness relative to the lead (vocal or lead instrument) group, LU. */
    static final Map<Group, Double> BALANCE = Map.of(Group.DRUMS, -1.0, Group.BASS, -2.0, Group.VOCALS, 0.0,
            Group.BACKINGS, -6.0, Group.GUITARS, -3.0, Group.KEYS, -5.0, Group.STRINGS, -5.0, Group.BRASS, -4.0,
            Group.FX, -10.0, Group.OTHER, -4.0);
    private static final double MASKING_ACT = 0.12;

    private final MixOptions opt;
    private final NameModel names = new NameModel();
    final List<MixStep> steps = new ArrayList<>();
    int insertsAdded;

    public TopDownMix(MixOptions opt) {
        this.opt = opt;
    }

    public List<MixStep> steps() {
        return steps;
    }

    public int insertsAdded() {
        return insertsAdded;
    }

    /** Reference spectrum (mid, third octaves) normalised to 0 LUFS, weighted over the references. */
    static double[] referenceCurve(List<StemAnalysis> refs, List<Double> weights) {
        double[] out = new double[SpectrumAnalyzer.THIRD_OCTAVES.length];
        double wsum = 0;
        for (int r = 0; r < refs.size(); r++) {
            double w = r < weights.size() ? weights.get(r) : 1.0;
            StemAnalysis a = refs.get(r);
            for (int i = 0; i < out.length; i++) {
                out[i] += w * (a.thirdOctavesMid[i] - a.loudness.integratedLufs());
            }
            wsum += w;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= wsum;
        }
        return out;
    }

    /** Mean absolute band difference (40 Hz–16 kHz) of a stem to a normalised reference curve. */
    static double curveDistance(StemAnalysis mix, double[] ref) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < ref.length; i++) {
            double hz = SpectrumAnalyzer.THIRD_OCTAVES[i];
            if (hz >= 40 && hz <= 16000) {
                sum += Math.abs(mix.thirdOctavesMid[i] - mix.loudness.integratedLufs() - ref[i]);
                n++;
            }
        }
        return sum / n;
    }

    Group role(Session s, Bus b) {
        NameModel.Guess g = names.guess(b.name());
        if (g.group() != Group.OTHER) {
            return g.group();
        }
        Map<Group, Integer> votes = new HashMap<>();
        for (Track t : s.tracks()) {
            if (b.id().equals(t.output())) {
                votes.merge(names.guess(t.name()).group(), 1, Integer::sum);
            }
        }
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(Group.OTHER);
    }

    // ------------------------------------------------------------------ master

    /** Master EQ toward the reference and glue compression (the limiter gain is set later). */
    List<Insert> masterTone(AnalysisReport before, double[] refCurve, List<String> actions) {
        List<Insert> chain = new ArrayList<>();
        StemAnalysis m = before.master;
        if (opt.eq() && refCurve != null) {
            double[] diff = new double[refCurve.length];
            for (int i = 0; i < diff.length; i++) {
                diff[i] = m.thirdOctavesMid[i] - m.loudness.integratedLufs() - refCurve[i];
            }
            Object[][] bands = {{Biquad.Type.LOW_SHELF, 100.0, 0.7, 40.0, 125.0}, {Biquad.Type.PEAK, 250.0, 1.0, 160.0, 400.0},
                {Biquad.Type.PEAK, 1000.0, 0.9, 630.0, 1600.0}, {Biquad.Type.PEAK, 3150.0, 0.9, 2000.0, 5000.0},
                {Biquad.Type.HIGH_SHELF, 8000.0, 0.7, 6300.0, 16000.0}};
            for (Object[] b : bands) {
                double lo = (double) b[3];
                double hi = (double) b[4];
                double sum = 0;
                int n = 0;
                for (int i = 0; i < diff.length; i++) {
                    double hz = SpectrumAnalyzer.THIRD_OCTAVES[i];
                    if (hz >= lo && hz <= hi && diff[i] > -60 && diff[i] < 60) {
                        sum += diff[i];
                        n++;
                    }
                }
                if (n == 0) {
                    continue;
                }
                double avg = sum / n;
                double gain = Math.max(-4, Math.min(4, -opt.blend() * avg));
                if (Math.abs(gain) < 0.5) {
                    continue;
                }
                chain.add(TopDownProcessors.eq((Biquad.Type) b[0], (double) b[1], (double) b[2], round1(gain)));
                actions.add(String.format(Locale.ROOT, "EQ %s %.0f Hz %+.1f dB: the mix is %+.1f dB against the reference"
                        + " in %.0f–%.0f Hz (loudness-matched)", ((Biquad.Type) b[0]).name().toLowerCase(Locale.ROOT)
                        .replace('_', ' '), (double) b[1], gain, avg, lo, hi));
            }
        }
        if (opt.dynamics() && (m.crestDb > 14 || m.loudness.loudnessRangeLu() > 8)) {
            double thr = round1(m.loudness.integratedLufs() + 3);
            chain.add(TopDownProcessors.compressor(thr, 1.8, 30, 200, 0));
            actions.add(String.format(Locale.ROOT, "glue compressor 1.8:1 at %.1f dB RMS: crest factor %.1f dB, LRA %.1f LU",
                    thr, m.crestDb, m.loudness.loudnessRangeLu()));
        }
        return chain;
    }

    static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    // ------------------------------------------------------------------ groups

    Session groups(Session s, AnalysisReport before, List<MixStep> out) {
        return groups(s, before, out, false);
    }

    /**
     * The group stage. With {@code revisit}, only masking cuts are considered (the second pass after the
     * first moves were measured: level moves can expose new masking).
     */
    Session groups(Session s, AnalysisReport before, List<MixStep> out, boolean revisit) {
        Map<String, StemAnalysis> busStem = new HashMap<>();
        before.buses.forEach(b -> busStem.put(b.name, b));
        Map<String, StemAnalysis> trackStem = new HashMap<>();
        before.tracks.forEach(t -> trackStem.put(t.name, t));
        List<Bus> groups = s.buses().stream().filter(b -> b.kind() == topdown.model.BusKind.GROUP
                && busStem.containsKey(b.name())).toList();
        if (groups.isEmpty()) {
            return s;
        }
        Map<BusId, Group> roles = new LinkedHashMap<>();
        groups.forEach(b -> roles.put(b.id(), role(s, b)));
        // Anchor: the vocal group, else the loudest group.
        Bus anchor = groups.stream().filter(b -> roles.get(b.id()) == Group.VOCALS).findFirst().orElse(null);
        if (anchor == null) {
            anchor = groups.stream().max((a, b) -> Double.compare(loud(busStem.get(a.name())), loud(busStem.get(b.name()))))
                    .orElseThrow();
        }
        double anchorLoud = loud(busStem.get(anchor.name()));
        double anchorTarget = BALANCE.get(roles.get(anchor.id()));
        Session cur = s;
        // Masking between groups: worst pairs above the threshold get a cut on the less important group.
        Map<String, List<Insert>> extra = new HashMap<>();
        Map<String, List<String>> why = new HashMap<>();
        for (Masking.Result mr : before.masking) {
            if (mr.score() < MASKING_ACT || !opt.eq()) {
                continue;
            }
            Bus a = byName(groups, mr.a());
            Bus b = byName(groups, mr.b());
            if (a == null || b == null) {
                continue;
            }
            Bus cut = priority(roles.get(a.id())) <= priority(roles.get(b.id())) ? b : a;
            Bus keep = cut == a ? b : a;
            if (roles.get(cut.id()) == Group.BASS && roles.get(keep.id()) == Group.DRUMS && mr.highHz() <= 120) {
                continue; // the kick/bass rule below carves this band precisely
            }
            if (extra.getOrDefault(cut.name(), List.of()).size() >= 2) {
                continue;
            }
            double centre = Math.sqrt(mr.lowHz() * mr.highHz());
            if (revisit && hasEqNear(cut, mr.lowHz(), mr.highHz())) {
                continue; // already treated in this band: do not stack cuts
            }
            Group cutRole = roles.get(cut.id());
            if (mr.highHz() <= 300 && cutRole != Group.BASS && cutRole != Group.DRUMS) {
                // Low-end competition with a group that does not need the low end: high-pass it out of the way.
                double hz = Math.round(mr.highHz() * (0.5 + 0.5 * opt.blend()));
                extra.computeIfAbsent(cut.name(), k -> new ArrayList<>()).add(TopDownProcessors.eq(Biquad.Type.HIGH_PASS, hz,
                        0.707, 0));
                why.computeIfAbsent(cut.name(), k -> new ArrayList<>()).add(String.format(Locale.ROOT,
                        "high-pass %.0f Hz: competes with %s below %.0f Hz (score %.2f in %.0f–%.0f Hz); %s keeps the low end",
                        hz, keep.name(), mr.highHz(), mr.score(), mr.lowHz(), mr.highHz(), keep.name()));
                continue;
            }
            double depth = round1(-Math.min(6, 2 + 10 * (mr.score() - MASKING_ACT)) * opt.blend());
            extra.computeIfAbsent(cut.name(), k -> new ArrayList<>()).add(TopDownProcessors.eq(Biquad.Type.PEAK, Math.round(centre),
                    1.0, depth));
            why.computeIfAbsent(cut.name(), k -> new ArrayList<>()).add(String.format(Locale.ROOT,
                    "EQ peak %.0f Hz %.1f dB: masks %s there (score %.2f in %.0f–%.0f Hz); %s keeps the band", centre, depth,
                    keep.name(), mr.score(), mr.lowHz(), mr.highHz(), keep.name()));
        }
        // Kick against bass: cut the bass group where the kick lives.
        StemAnalysis kick = find(before.tracks, "kick");
        Bus bassBus = groups.stream().filter(b -> roles.get(b.id()) == Group.BASS).findFirst().orElse(null);
        if (kick != null && bassBus != null && opt.eq() && !revisit) {
            Masking.Result kb = before.masking.stream().filter(m -> (m.a().equals(kick.name) || m.b().equals(kick.name))
                    && (m.a().toLowerCase(Locale.ROOT).contains("bass") || m.b().toLowerCase(Locale.ROOT).contains("bass")))
                    .findFirst().orElse(null);
            if (kb != null && kb.score() > 0.05) {
                double kickHz = peakBelow(kick, 120);
                double depth = round1(-5 * opt.blend());
                extra.computeIfAbsent(bassBus.name(), k -> new ArrayList<>()).add(
                        TopDownProcessors.eq(Biquad.Type.PEAK, kickHz, 1.6, depth));
                why.computeIfAbsent(bassBus.name(), k -> new ArrayList<>()).add(String.format(Locale.ROOT,
                        "EQ peak %.0f Hz %.1f dB: kick and bass compete below 120 Hz (masking %.2f); the kick's fundamental"
                                + " is at %.0f Hz", kickHz, depth, kb.score(), kickHz));
            }
        }
        for (Bus b : groups) {
            StemAnalysis st = busStem.get(b.name());
            Group role = roles.get(b.id());
            List<String> actions = new ArrayList<>(why.getOrDefault(b.name(), List.of()));
            List<Insert> inserts = new ArrayList<>(b.inserts());
            inserts.addAll(extra.getOrDefault(b.name(), List.of()));
            double relative = loud(st) - anchorLoud;
            double target = BALANCE.get(role) - anchorTarget;
            double move = 0;
            if (!Double.isNaN(relative)) {
                move = round1(Math.max(-6, Math.min(6, opt.blend() * (target - relative))));
                if (Math.abs(move) >= (revisit ? 1.0 : 0.5)) {
                    actions.add(String.format(Locale.ROOT, "fader %+.1f dB: %s group sits %+.1f LU against %s, balance target %+.1f LU",
                            move, role.jsonName(), relative, anchor.name(), target));
                } else {
                    move = 0;
                }
            }
            if (opt.width() && st.lowEndInSide() && !revisit) {
                inserts.add(TopDownProcessors.width(120));
                actions.add(String.format(Locale.ROOT, "mono below 120 Hz: side minus mid is %.1f dB (sub) / %.1f dB (bass)",
                        st.midSide.get(0).sideMinusMidDb(), st.midSide.get(1).sideMinusMidDb()));
            }
            if (opt.dynamics() && st.crestDb > 18 && role == Group.DRUMS && !revisit) {
                double thr = round1(st.loudness.integratedLufs() + 6);
                inserts.add(TopDownProcessors.compressor(thr, 3, 10, 120, 0));
                actions.add(String.format(Locale.ROOT, "compressor 3:1 at %.1f dB RMS: crest factor %.1f dB", thr, st.crestDb));
            }
            if (actions.isEmpty()) {
                continue;
            }
            insertsAdded += inserts.size() - b.inserts().size();
            double newFader = b.fader().db() + move;
            final List<Insert> ins = inserts;
            cur = cur.withBus(b.id(), x -> x.withInserts(ins).withFader(Gain.ofDb(newFader)));
            Map<String, Double> before1 = new LinkedHashMap<>();
            before1.put("integratedLufs", loud(st));
            before1.put("relativeToAnchorLu", relative);
            before1.put("crestDb", st.crestDb);
            before1.put("sideMinusMidBassDb", st.midSide.get(1).sideMinusMidDb());
            out.add(new MixStep(revisit ? "group (revisit)" : "group", b.name(), actions, before1, Map.of()));
        }
        return cur;
    }

    /** True when the bus already carries a TopDown EQ acting inside [lo, hi] Hz. */
    static boolean hasEqNear(Bus b, double lo, double hi) {
        for (Insert i : b.inserts()) {
            if (TopDownProcessors.EQ.equals(i.topdownProcessor())) {
                double hz = i.parameters().getOrDefault("hz", 0.0);
                if (hz >= lo * 0.8 && hz <= hi * 1.25) {
                    return true;
                }
            }
        }
        return false;
    }

    static double peakBelow(StemAnalysis s, double hz) {
        double best = -1e9;
        double at = 60;
        for (int i = 0; i < SpectrumAnalyzer.THIRD_OCTAVES.length; i++) {
            double f = SpectrumAnalyzer.THIRD_OCTAVES[i];
            if (f >= 31.5 && f <= hz && s.thirdOctavesMid[i] > best) {
                best = s.thirdOctavesMid[i];
                at = f;
            }
        }
        return at;
    }

    static int priority(Group g) {
        switch (g) {
            case VOCALS: return 0;
            case DRUMS: return 1;
            case BASS: return 2;
            case GUITARS: return 3;
            case KEYS: return 4;
            case BRASS: return 4;
            case STRINGS: return 5;
            case BACKINGS: return 6;
            case FX: return 7;
            default: return 8;
        }
    }

    static Bus byName(List<Bus> buses, String name) {
        return buses.stream().filter(b -> b.name().equals(name)).findFirst().orElse(null);
    }

    static StemAnalysis find(List<StemAnalysis> stems, String word) {
        for (StemAnalysis s : stems) {
            List<String> t = NameModel.tokens(s.name);
            if (t.contains(word) && !(t.contains("bass") && word.equals("kick") && !t.contains("drum"))) {
                return s;
            }
        }
        return null;
    }

    static double loud(StemAnalysis s) {
        return s == null ? Double.NaN : s.loudness.integratedLufs();
    }

    // ------------------------------------------------------------------ tracks

    Session tracks(Session s, AnalysisReport before, List<MixStep> out) {
        if (!opt.eq()) {
            return s;
        }
        Session cur = s;
        for (Masking.Result mr : before.masking) {
            if (mr.score() < 0.25) {
                continue;
            }
            Track a = s.trackNamed(mr.a()).orElse(null);
            Track b = s.trackNamed(mr.b()).orElse(null);
            if (a == null || b == null || a.output() == null || !a.output().equals(b.output())) {
                continue; // different groups: handled at group level
            }
            Group ga = names.guess(a.name()).group();
            Group gb = names.guess(b.name()).group();
            Track cut = priority(ga) <= priority(gb) ? b : a;
            Track keep = cut == a ? b : a;
            double centre = Math.round(Math.sqrt(mr.lowHz() * mr.highHz()));
            double depth = round1(-Math.min(4, 2 + 4 * (mr.score() - 0.25)) * opt.blend());
            List<Insert> ins = new ArrayList<>(cur.track(cut.id()).orElseThrow().inserts());
            if (ins.size() >= 2) {
                continue;
            }
            ins.add(TopDownProcessors.eq(Biquad.Type.PEAK, centre, 1.4, depth));
            insertsAdded++;
            final List<Insert> fin = ins;
            cur = cur.withTrack(cut.id(), t -> t.withInserts(fin));
            Map<String, Double> bm = new LinkedHashMap<>();
            bm.put("maskingScore", mr.score());
            out.add(new MixStep("track", cut.name(), List.of(String.format(Locale.ROOT,
                    "EQ peak %.0f Hz %.1f dB: masks %s inside the same group (score %.2f in %.0f–%.0f Hz), which a group"
                            + " move cannot separate", centre, depth, keep.name(), mr.score(), mr.lowHz(), mr.highHz())), bm,
                    Map.of()));
        }
        return cur;
    }

    // ------------------------------------------------------------------ orchestration helpers

    /** Master chain with a given gain into the limiter; the old master fader moves into the first gain. */
    Session withMasterChain(Session s, double masterFaderDb, List<Insert> tone, double limiterGainDb) {
        List<Insert> chain = new ArrayList<>();
        chain.addAll(s.master().inserts().stream().filter(i -> i.topdownProcessor() == null).toList());
        if (masterFaderDb != 0) {
            chain.add(TopDownProcessors.gain(masterFaderDb));
        }
        chain.addAll(tone);
        chain.add(TopDownProcessors.gain(round1(limiterGainDb)));
        chain.add(TopDownProcessors.limiter(opt.target().maxTruePeakDbtp() - 0.3));
        return s.withMaster(s.master().withInserts(chain).withFader(Gain.UNITY));
    }

    /** Renders and analyses (stems into {@code dir}), with TopDown's processors running. */

}
