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
 * the reference, low-end width by the side energy below 120 Hz, glue compression, gain into a true-peak limiter
 * at the delivery target), balance and fix the groups (level toward a balance, EQ cuts where groups mask each
 * other, mono low end, group compression), revisit the master, and touch single tracks only where a group move
 * cannot help (kick against bass, carved complementarily; masking between tracks of the same group, by
 * {@link Carve}). Every decision is recorded with the measurement behind it.
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

    /** Glue compression on the master, decided on the unprocessed mix's crest factor and loudness range. */
    List<Insert> masterGlue(AnalysisReport before, List<String> actions) {
        List<Insert> chain = new ArrayList<>();
        StemAnalysis m = before.master;
        if (opt.dynamics() && (m.crestDb > 14 || m.loudness.loudnessRangeLu() > 8)) {
            double thr = round1(m.loudness.integratedLufs() + 3);
            chain.add(TopDownProcessors.compressor(thr, 1.8, 30, 200, 0));
            actions.add(String.format(Locale.ROOT, "glue compressor 1.8:1 at %.1f dB RMS: crest factor %.1f dB, LRA %.1f LU",
                    thr, m.crestDb, m.loudness.loudnessRangeLu()));
        }
        return chain;
    }

    /** Side energy this far under the mid (dB) or less is nothing to act on (the masking audibility floor). */
    static final double SIDE_FLOOR_DB = -60;

    /**
     * The master's low-end width stage: whenever the mix measured on {@code m} carries side energy below 120 Hz
     * (more than {@link #SIDE_FLOOR_DB} under the mid), the side below an LR4 crossover at 120 Hz is reduced, by
     * a depth that grows with how much there is: (side − mid + 60) / 40, at least 0.25 and fully mono from
     * −20 dB up (bass in the side beyond that is phase trouble on mono playback and cutting lathes; a little of
     * it is room and reverb, thinned rather than removed). Obeys the width switch. Empty when nothing applies.
     */
    List<Insert> masterWidth(StemAnalysis m, List<String> actions) {
        List<Insert> chain = new ArrayList<>();
        if (!opt.width() || m == null || m.channels < 2 || opt.blend() <= 0) {
            return chain;
        }
        double sub = m.midSide.get(0).sideMinusMidDb();
        double bass = m.midSide.get(1).sideMinusMidDb();
        double side = Math.max(sub, bass);
        if (!(side > SIDE_FLOOR_DB)) {
            return chain;
        }
        double depth = Math.max(0.25, Math.min(1, (side - SIDE_FLOOR_DB) / 40)) * opt.blend();
        depth = Math.round(depth * 20) / 20.0;
        if (depth <= 0) {
            return chain;
        }
        chain.add(TopDownProcessors.width(120, depth));
        actions.add(String.format(Locale.ROOT, "low-end width: side below 120 Hz (LR4 crossover) reduced by %.0f%%%s: side"
                + " minus mid is %.1f dB (sub) / %.1f dB (bass)", depth * 100, depth >= 1 ? " (mono)" : "", sub, bass));
        return chain;
    }

    /**
     * Loudness-matched difference of a mix to the reference curve per third octave (mix minus reference, dB),
     * lightly smoothed across neighbouring bands; NaN where the band lies outside 31.5 Hz–16 kHz or either
     * side has next to nothing in it.
     */
    static double[] residual(StemAnalysis mix, double[] ref) {
        int n = ref.length;
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            double hz = SpectrumAnalyzer.THIRD_OCTAVES[i];
            double d = mix.thirdOctavesMid[i] - mix.loudness.integratedLufs() - ref[i];
            raw[i] = hz < 31.5 || hz > 16000 || !Double.isFinite(d) || ref[i] < -70
                    || mix.thirdOctavesMid[i] - mix.loudness.integratedLufs() < -70 ? Double.NaN : d;
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(raw[i])) {
                out[i] = Double.NaN;
                continue;
            }
            double sum = 2 * raw[i];
            double w = 2;
            for (int j : new int[] {i - 1, i + 1}) {
                if (j >= 0 && j < n && !Double.isNaN(raw[j])) {
                    sum += raw[j];
                    w += 1;
                }
            }
            out[i] = sum / w;
        }
        return out;
    }

    /**
     * One refinement pass of the master's matching EQ curve (dB per third octave, mid): moves each band against
     * the measured residual, bounded to ±6 dB times the blend. Returns the new curve.
     */
    double[] refineMatch(double[] curve, double[] residual) {
        double[] out = curve.clone();
        double bound = 6 * opt.blend();
        int first = -1;
        int last = -1;
        for (int i = 0; i < out.length; i++) {
            if (!Double.isNaN(residual[i])) {
                out[i] = Math.max(-bound, Math.min(bound, out[i] - 0.85 * residual[i]));
                first = first < 0 ? i : first;
                last = i;
            }
        }
        // Outside the measured range the curve stays level with its last measured band (no ramp back to 0 dB).
        for (int i = 0; i < first; i++) {
            out[i] = out[first];
        }
        for (int i = last + 1; last >= 0 && i < out.length; i++) {
            out[i] = out[last];
        }
        return out;
    }

    /** The matching EQ insert for a curve (mid only: the side keeps its own balance). */
    static Insert matchInsert(double[] curve) {
        return TopDownProcessors.matchEq(SpectrumAnalyzer.THIRD_OCTAVES.clone(), curve.clone(), null);
    }

    /** A sentence naming a matching curve's largest moves. */
    static String describeMatch(double[] curve) {
        Integer[] idx = new Integer[curve.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(Math.abs(curve[b]), Math.abs(curve[a])));
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 3 && k < idx.length; k++) {
            double hz = SpectrumAnalyzer.THIRD_OCTAVES[idx[k]];
            sb.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%+.1f dB at %s", curve[idx[k]],
                    hz >= 1000 ? String.format(Locale.ROOT, "%.1f kHz", hz / 1000) : String.format(Locale.ROOT, "%.0f Hz", hz)));
        }
        return sb.toString();
    }

    static double meanAbs(double[] residual) {
        double sum = 0;
        int n = 0;
        for (double r : residual) {
            if (!Double.isNaN(r)) {
                sum += Math.abs(r);
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
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
            if (mr.highHz() > 300) {
                // Above the low end the band goes to whichever group already owns it (louder there by 2 dB or
                // more): cutting the quieter one separates the two; cutting the louder one would bring them closer.
                int louder = louderInBand(busStem.get(a.name()), busStem.get(b.name()), mr.lowHz());
                cut = louder > 0 ? b : louder < 0 ? a : cut;
            }
            Bus keep = cut == a ? b : a;
            if (roles.get(cut.id()) == Group.BASS && roles.get(keep.id()) == Group.DRUMS && mr.highHz() <= 120) {
                continue; // the kick/bass carve of the track stage separates these two
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

    /**
     * The closing check of the group and track stages: when the worst masking pair measured on the processed
     * mix is no better than before, separate that pair once more ({@link Carve}: cuts in its contested bands on
     * whichever source the measured band energies say should give way, deepening a cut already there, or a 2 dB
     * step back of a fader when that separates the two better), on the groups when the pair is two groups, on the
     * track when it is two tracks of one group. Returns {@code s} unchanged when nothing applies.
     */
    Session separateWorst(Session s, AnalysisReport measured, List<MixStep> out) {
        if (!opt.eq() || measured.masking.isEmpty()) {
            return s;
        }
        Masking.Result mr = measured.masking.get(0);
        return carvePair(s, measured, mr, new Carve.Limits(2, 4, 4, 20, 20000, true, -2), " (check)",
                String.format(Locale.ROOT, "still the worst masking after the first moves (%s against %s, score %.3f):",
                        mr.a(), mr.b(), mr.score()), out);
    }

    /** The check for kick against bass: when the measured pair is no better than before, carve it once more. */
    Session separateKickBass(Session s, AnalysisReport measured, List<MixStep> out) {
        Masking.Result kb = kickBass(measured.masking);
        if (!opt.eq() || kb == null) {
            return s;
        }
        return carvePair(s, measured, kb, new Carve.Limits(2, 3, 5, 20, 20000, false, 0), " (check)",
                String.format(Locale.ROOT, "kick against bass no better after the first moves (score %.3f):", kb.score()),
                out);
    }

    private final Map<String, Double> checkFaderDb = new HashMap<>();

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

    /**
     * +1 when {@code a} is louder than {@code b} by 2 dB or more in the critical band starting at {@code lowHz}
     * (mean difference over the frames where both sound), -1 when {@code b} is, 0 when they are level there.
     */
    static int louderInBand(StemAnalysis a, StemAnalysis b, double lowHz) {
        if (a == null || b == null || a.barkFrames == null || b.barkFrames == null) {
            return 0;
        }
        int k = java.util.Arrays.binarySearch(SpectrumAnalyzer.BARK_EDGES, lowHz);
        if (k < 0 || k >= SpectrumAnalyzer.BARK_EDGES.length - 1) {
            return 0;
        }
        double d = Masking.meanDifferenceDb(a.barkFrames, b.barkFrames, k);
        return Double.isNaN(d) ? 0 : d >= 2 ? 1 : d <= -2 ? -1 : 0;
    }

    static StemAnalysis byStemName(List<StemAnalysis> stems, String name) {
        return stems.stream().filter(x -> x.name.equals(name)).findFirst().orElse(null);
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

    static double loud(StemAnalysis s) {
        return s == null ? Double.NaN : s.loudness.integratedLufs();
    }

    // ------------------------------------------------------------------ tracks

    Session tracks(Session s, AnalysisReport before, List<MixStep> out) {
        if (!opt.eq()) {
            return s;
        }
        Session cur = s;
        // Kick against bass, measured as the report measures it (the kick track against the bass as heard): carved
        // complementarily, the bass cut where the kick owns a band and a smaller cut on the kick where the bass does.
        Masking.Result kb = kickBass(before.masking);
        if (kb != null && kb.score() > 0.05) {
            cur = carvePair(cur, before, kb, new Carve.Limits(3, 3, 5, 20, 20000, false, 0), "", "kick against bass:", out);
        }
        for (Masking.Result mr : before.masking) {
            if (mr.score() < 0.25) {
                continue;
            }
            Track a = s.trackNamed(mr.a()).orElse(null);
            Track b = s.trackNamed(mr.b()).orElse(null);
            if (a == null || b == null || a.output() == null || !a.output().equals(b.output())) {
                continue; // different groups: handled at group level
            }
            if (cur.track(a.id()).orElseThrow().inserts().size() >= 3 || cur.track(b.id()).orElseThrow().inserts().size() >= 3) {
                continue;
            }
            cur = carvePair(cur, before, mr, new Carve.Limits(2, 4, 4, 20, 20000, false, 0), "",
                    "inside the same group, which a group move cannot separate:", out);
        }
        return cur;
    }

    /** The kick-against-bass pair of a masking list, as the report picks it (names holding "kick" and "bass"). */
    public static Masking.Result kickBass(List<Masking.Result> masking) {
        for (Masking.Result r : masking) {
            String x = r.a().toLowerCase(Locale.ROOT);
            String y = r.b().toLowerCase(Locale.ROOT);
            if (x.contains("kick") && y.contains("bass") || y.contains("kick") && x.contains("bass")) {
                return r;
            }
        }
        return null;
    }

    /**
     * Carves a measured pair ({@link Carve#plan}) and writes the moves into the session: EQ cuts into the track's
     * or bus's inserts (deepening a cut already near the same frequency, to at most -10 dB, rather than stacking),
     * fader steps (at most 4 dB in all per target). Returns {@code s} unchanged when no move helps.
     */
    Session carvePair(Session s, AnalysisReport measured, Masking.Result mr, Carve.Limits lim, String suffix, String why,
                      List<MixStep> out) {
        if (!opt.eq()) {
            return s;
        }
        // Two tracks of one group (or two tracks going straight to the master) are a track pair even when a bus
        // shares a name with one of them (a "Keys" track in a "Keys" group); otherwise groups by name first.
        boolean trackPair = trackPair(s, mr);
        StemAnalysis sa = stemOf(s, measured, mr.a(), trackPair);
        StemAnalysis sb = stemOf(s, measured, mr.b(), trackPair);
        if (sa == null || sb == null) {
            return s;
        }
        Session cur = s;
        for (Carve.Move mv : Carve.plan(sa, sb, lim, opt.blend(), 0.002)) {
            String cutName = mv.onA() ? mr.a() : mr.b();
            String keepName = mv.onA() ? mr.b() : mr.a();
            Bus bus = trackPair ? null : cur.buses().stream().filter(x -> x.name().equals(cutName)).findFirst().orElse(null);
            Track track = bus != null ? null : cur.trackNamed(cutName).orElse(null);
            if (bus == null && track == null) {
                continue;
            }
            String action;
            if (mv.fader()) {
                double done = checkFaderDb.getOrDefault(cutName, 0.0);
                if (done + mv.gainDb() < -4) {
                    continue;
                }
                checkFaderDb.put(cutName, done + mv.gainDb());
                if (bus != null) {
                    cur = cur.withBus(bus.id(), x -> x.withFader(Gain.ofDb(x.fader().db() + mv.gainDb())));
                } else {
                    cur = cur.withTrack(track.id(), x -> x.withFader(Gain.ofDb(x.fader().db() + mv.gainDb())));
                }
                action = mv.describe(cutName, keepName);
            } else {
                List<Insert> ins = new ArrayList<>(bus != null ? bus.inserts() : track.inserts());
                boolean deepened = false;
                for (int i = 0; i < ins.size(); i++) {
                    Insert x = ins.get(i);
                    double hz = x.parameters().getOrDefault("hz", 0.0);
                    if (TopDownProcessors.EQ.equals(x.topdownProcessor())
                            && x.parameters().getOrDefault("type", 0.0) == Biquad.Type.PEAK.ordinal()
                            && Math.abs(hz - mv.hz()) < mv.hz() * 0.2 && x.parameters().getOrDefault("gainDb", 0.0) < 0) {
                        double depth = Math.max(-10, round1(x.parameters().get("gainDb") + mv.gainDb()));
                        ins.set(i, TopDownProcessors.eq(Biquad.Type.PEAK, hz, Math.max(mv.q(),
                                x.parameters().getOrDefault("q", 1.0)), depth));
                        deepened = true;
                        break;
                    }
                }
                if (!deepened) {
                    ins.add(mv.insert());
                    insertsAdded++;
                }
                final List<Insert> fin = ins;
                if (bus != null) {
                    cur = cur.withBus(bus.id(), x -> x.withInserts(fin));
                } else {
                    cur = cur.withTrack(track.id(), x -> x.withInserts(fin));
                }
                action = mv.describe(cutName, keepName) + (deepened ? " (deepens the cut already there)" : "");
            }
            Map<String, Double> bm = new LinkedHashMap<>();
            bm.put("maskingScore", mr.score());
            bm.put("predictedMaskingScore", mv.predicted());
            out.add(new MixStep((bus != null ? "group" : "track") + suffix, cutName, List.of(why + " " + action), bm,
                    Map.of()));
        }
        return cur;
    }

    /** True when a masking pair names two tracks with the same output (a pair inside one group, or two direct tracks). */
    static boolean trackPair(Session s, Masking.Result mr) {
        Track a = s.trackNamed(mr.a()).orElse(null);
        Track b = s.trackNamed(mr.b()).orElse(null);
        return a != null && b != null && a.output() != null && a.output().equals(b.output());
    }

    /** The measured stem of a track ({@code track}) or else of a bus by name, falling back to the other kind. */
    static StemAnalysis stemOf(Session s, AnalysisReport measured, String name, boolean track) {
        boolean isBus = !track && s.buses().stream().anyMatch(b -> b.name().equals(name));
        StemAnalysis st = byStemName(isBus ? measured.buses : measured.tracks, name);
        return st != null ? st : byStemName(isBus ? measured.tracks : measured.buses, name);
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
