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
            StemAnalysis bassHeard = busStem.get(bassBus.name());
            if (kb != null && kb.score() > 0.05 && louderInBand(kick, bassHeard, SpectrumAnalyzer.BARK_EDGES[0]) > 0) {
                // The kick owns the lowest band: carve the bass under the kick's fundamental.
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

    /**
     * The closing check of the group and track stages: when the worst masking pair measured on the processed
     * mix is no better than before, separate that pair in its band — a peak cut on whichever source is quieter
     * there (the other keeps the band; by priority when they are level), on the groups when the pair is two
     * groups, on the track when it is two tracks of one group. Returns {@code s} unchanged when nothing applies.
     */
    Session separateWorst(Session s, AnalysisReport measured, List<MixStep> out) {
        if (!opt.eq() || measured.masking.isEmpty()) {
            return s;
        }
        Masking.Result mr = measured.masking.get(0);
        double centre = Math.round(Math.sqrt(mr.lowHz() * mr.highHz()));
        Bus ba = s.buses().stream().filter(b -> b.name().equals(mr.a())).findFirst().orElse(null);
        Bus bb = s.buses().stream().filter(b -> b.name().equals(mr.b())).findFirst().orElse(null);
        Track ta = ba != null ? null : s.trackNamed(mr.a()).orElse(null);
        Track tb = bb != null ? null : s.trackNamed(mr.b()).orElse(null);
        if ((ba == null && ta == null) || (bb == null && tb == null)) {
            return s;
        }
        StemAnalysis sa = byStemName(ba != null ? measured.buses : measured.tracks, mr.a());
        StemAnalysis sb = byStemName(bb != null ? measured.buses : measured.tracks, mr.b());
        int louder = louderInBand(sa, sb, mr.lowHz());
        int pa = ba != null ? priority(role(s, ba)) : priority(names.guess(ta.name()).group());
        int pb = bb != null ? priority(role(s, bb)) : priority(names.guess(tb.name()).group());
        boolean cutA = louder > 0 ? false : louder < 0 || pa > pb;
        String cutName = cutA ? mr.a() : mr.b();
        String keepName = cutA ? mr.b() : mr.a();
        List<Insert> current = cutA ? (ba != null ? ba.inserts() : ta.inserts()) : (bb != null ? bb.inserts() : tb.inserts());
        List<Insert> ins = new ArrayList<>();
        double depth = round1(-4 * opt.blend());
        boolean deepened = false;
        for (Insert i : current) {
            double hz = i.parameters().getOrDefault("hz", 0.0);
            if (!deepened && TopDownProcessors.EQ.equals(i.topdownProcessor()) && Math.abs(hz - centre) < centre * 0.2
                    && i.parameters().getOrDefault("gainDb", 0.0) < 0) {
                // Already cut near this band: deepen that cut rather than stacking a second filter.
                double was = i.parameters().get("gainDb");
                if (was <= -5) {
                    // Cut deep already and still masking across neighbouring bands: the two overlap broadly, so
                    // the quieter one steps back a little instead (fader, at most 4 dB from the checks).
                    return stepBack(s, cutA ? ba : bb, cutA ? ta : tb, keepName, mr, out);
                }
                depth = Math.max(-10, round1(was - 3 * opt.blend()));
                ins.add(TopDownProcessors.eq(Biquad.Type.values()[(int) (double) i.parameters().getOrDefault("type", 0.0)],
                        hz, i.parameters().getOrDefault("q", 1.0), depth));
                deepened = true;
            } else {
                ins.add(i);
            }
        }
        if (!deepened) {
            ins.add(TopDownProcessors.eq(Biquad.Type.PEAK, centre, 1.4, depth));
            insertsAdded++;
        }
        Map<String, Double> bm = new LinkedHashMap<>();
        bm.put("maskingScore", mr.score());
        boolean bus = cutA ? ba != null : bb != null;
        out.add(new MixStep(bus ? "group (check)" : "track (check)", cutName, List.of(String.format(Locale.ROOT,
                "EQ peak %.0f Hz %.1f dB%s: still the worst masking after the first moves (%s against %s, score %.2f in"
                        + " %.0f–%.0f Hz); %s keeps the band", centre, depth, deepened ? " (deepened)" : "", cutName, keepName,
                mr.score(), mr.lowHz(), mr.highHz(), keepName)), bm, Map.of()));
        if (bus) {
            Bus target = cutA ? ba : bb;
            return s.withBus(target.id(), x -> x.withInserts(ins));
        }
        Track target = cutA ? ta : tb;
        return s.withTrack(target.id(), x -> x.withInserts(ins));
    }

    private final Map<String, Double> checkFaderDb = new HashMap<>();

    private Session stepBack(Session s, Bus bus, Track track, String keepName, Masking.Result mr, List<MixStep> out) {
        String name = bus != null ? bus.name() : track.name();
        double done = checkFaderDb.getOrDefault(name, 0.0);
        double move = round1(-2 * opt.blend());
        if (done + move < -4 || move == 0) {
            return s;
        }
        checkFaderDb.put(name, done + move);
        Map<String, Double> bm = new LinkedHashMap<>();
        bm.put("maskingScore", mr.score());
        out.add(new MixStep(bus != null ? "group (check)" : "track (check)", name, List.of(String.format(Locale.ROOT,
                "fader %+.1f dB: masks %s across several bands (score %.2f, worst %.0f–%.0f Hz) after an EQ cut; %s steps"
                        + " back", move, keepName, mr.score(), mr.lowHz(), mr.highHz(), name)), bm, Map.of()));
        if (bus != null) {
            return s.withBus(bus.id(), x -> x.withFader(Gain.ofDb(x.fader().db() + move)));
        }
        return s.withTrack(track.id(), x -> x.withFader(Gain.ofDb(x.fader().db() + move)));
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
        // Kick against a bass track that has no group of its own (it goes straight to the master): the carve the
        // group stage makes on a bass group is made on the track.
        StemAnalysis kick = find(before.tracks, "kick");
        StemAnalysis bassStem = find(before.tracks, "bass");
        Track bassTrack = bassStem == null ? null : s.trackNamed(bassStem.name).orElse(null);
        if (kick != null && bassTrack != null && kick != bassStem && BusId.MASTER.equals(bassTrack.output())) {
            Masking.Result kb = before.masking.stream().filter(m -> (m.a().equals(kick.name) && m.b().equals(bassStem.name))
                    || (m.b().equals(kick.name) && m.a().equals(bassStem.name))).findFirst().orElse(null);
            if (kb != null && kb.score() > 0.05 && louderInBand(kick, bassStem, SpectrumAnalyzer.BARK_EDGES[0]) > 0) {
                double kickHz = peakBelow(kick, 120);
                double depth = round1(-5 * opt.blend());
                List<Insert> ins = new ArrayList<>(bassTrack.inserts());
                ins.add(TopDownProcessors.eq(Biquad.Type.PEAK, kickHz, 1.6, depth));
                insertsAdded++;
                cur = cur.withTrack(bassTrack.id(), t -> t.withInserts(ins));
                Map<String, Double> bm = new LinkedHashMap<>();
                bm.put("maskingScore", kb.score());
                out.add(new MixStep("track", bassTrack.name(), List.of(String.format(Locale.ROOT, "EQ peak %.0f Hz %.1f dB:"
                        + " kick and bass compete below 120 Hz (masking %.2f) and the bass has no group to carve on; the"
                        + " kick's fundamental is at %.0f Hz", kickHz, depth, kb.score(), kickHz)), bm, Map.of()));
            }
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
            Group ga = names.guess(a.name()).group();
            Group gb = names.guess(b.name()).group();
            Track cut = priority(ga) <= priority(gb) ? b : a;
            int louder = louderInBand(byStemName(before.tracks, a.name()), byStemName(before.tracks, b.name()),
                    mr.lowHz());
            cut = louder > 0 ? b : louder < 0 ? a : cut;
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
