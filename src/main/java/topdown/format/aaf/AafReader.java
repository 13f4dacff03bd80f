package topdown.format.aaf;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import topdown.format.Problem;
import topdown.format.aaf.object.AafFile;
import topdown.format.aaf.object.AafObject;
import topdown.model.Automation;
import topdown.model.AutomationPoint;
import topdown.model.Bus;
import topdown.model.BusId;
import topdown.model.Carry;
import topdown.model.Clip;
import topdown.model.ClipChannel;
import topdown.model.Fade;
import topdown.model.FadeShape;
import topdown.model.Gain;
import topdown.model.Interpolation;
import topdown.model.Marker;
import topdown.model.Pan;
import topdown.model.PanLaw;
import topdown.model.Session;
import topdown.model.Source;
import topdown.model.Tempo;
import topdown.model.Track;
import topdown.model.TrackId;
import topdown.model.TrackKind;

/**
 * Builds the neutral session from an AAF file: the top-level CompositionMob's sound slots become
 * tracks; Sequences of SourceClips, Fillers, Transitions, Selectors and OperationGroups (clip gain,
 * pan, channel combiners) become clips with gain, envelopes, fades and mute; SourceClips are followed
 * through MasterMobs down to the SourceMob whose descriptor names the essence (embedded EssenceData or
 * external files via NetworkLocators). What is read but not modelled becomes a warning with the
 * object's path.
 */
final class AafReader {
    private static final int MAX_DEPTH = 64;
    private static final int MAX_WARNINGS = 500;

    private final Path file;
    private final AafFile aaf;
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, AafObject> mobs = new LinkedHashMap<>();
    private final Map<String, AafObject> essenceData = new HashMap<>();
    private final Map<String, Source> sources = new HashMap<>();
    private final Map<String, EmbeddedEssence> embedded = new HashMap<>();
    private String writer = "";
    /** Edit rate of the composition slot being read (context of its SourceClips' StartTime). */
    private long[] currentRate;
    private int sessionRate;

    /** Where embedded essence lives: the EssenceData object and how its bytes are laid out. */
    record EmbeddedEssence(AafObject essenceData, String kind, int channels, int rate, int bits) {
    }

    /** A clip while its track is being assembled (times in the slot's edit units). */
    private static final class Draft {
        long posEu;
        long lenEu;
        final List<ClipChannel> channels = new ArrayList<>();
        double offsetSeconds;
        double gain = 1.0;
        List<double[]> envelope; // {fraction 0..1 of the clip, linear gain}
        long fadeInEu;
        long fadeOutEu;
        FadeShape fadeInShape = FadeShape.LINEAR;
        FadeShape fadeOutShape = FadeShape.LINEAR;
        boolean muted;
        String name = "";
        String path;
    }

    private static final class TrackState {
        final List<Draft> clips = new ArrayList<>();
        double faderLinear = 1.0;
        double pan = Double.NaN;
        final List<AutomationPoint> gainPoints = new ArrayList<>();
        final List<AutomationPoint> panPoints = new ArrayList<>();
        Draft lastClip;
        long pendingFadeInEu;
        FadeShape pendingFadeShape = FadeShape.LINEAR;
    }

    AafReader(Path file, AafFile aaf) {
        this.file = file;
        this.aaf = aaf;
    }

    List<String> warnings() {
        return warnings;
    }

    Map<String, EmbeddedEssence> embedded() {
        return embedded;
    }

    private void warn(String where, String msg) {
        if (warnings.size() < MAX_WARNINGS) {
            warnings.add(where + ": " + msg);
        } else if (warnings.size() == MAX_WARNINGS) {
            warnings.add("… more warnings not listed");
        }
    }

    Session read() throws IOException {
        AafObject header = aaf.header();
        List<AafObject> ids = header.refs(AafIds.HEADER_IDENTIFICATION_LIST);
        if (!ids.isEmpty()) {
            AafObject last = ids.get(ids.size() - 1);
            writer = (nz(last.string(AafIds.IDENT_COMPANY)) + " " + nz(last.string(AafIds.IDENT_PRODUCT)) + " "
                    + nz(last.string(AafIds.IDENT_VERSION_STRING))).trim().replaceAll("\\s+", " ");
        }
        AafObject content = header.ref(AafIds.HEADER_CONTENT);
        if (content == null) {
            throw aafError(header.path(), "Header has no ContentStorage");
        }
        for (AafObject mob : content.refs(AafIds.CONTENT_MOBS)) {
            String id = mob.mobId(AafIds.MOB_ID);
            if (id != null) {
                mobs.put(id, mob);
            }
        }
        for (AafObject ed : content.refs(AafIds.CONTENT_ESSENCE_DATA)) {
            String id = ed.mobId(AafIds.ESSENCE_DATA_MOB_ID);
            if (id != null) {
                essenceData.put(id, ed);
            }
        }
        AafObject top = topLevelComposition();
        String name = file.getFileName().toString().replaceFirst("(?i)\\.aaf$", "");
        if (top == null) {
            warn("/", "no CompositionMob: the file holds no timeline (only media)");
            sessionRate = dominantEssenceRate(48000);
            return new Session(name, "aaf", writer, sessionRate, 0, List.of(), List.of(), Bus.master(2), List.of(),
                    Tempo.DEFAULT, PanLaw.EQUAL_POWER_MINUS_3DB, 0, warnings);
        }
        String compName = top.string(AafIds.MOB_NAME);
        if (compName != null && !compName.isBlank()) {
            name = compName;
        }
        List<AafObject> slots = top.refs(AafIds.MOB_SLOTS);
        sessionRate = chooseSessionRate(slots);
        long timecodeStart = 0;
        List<Track> tracks = new ArrayList<>();
        List<Marker> markers = new ArrayList<>();
        int audioIndex = 0;
        for (AafObject slot : slots) {
            AafObject seg = slot.ref(AafIds.SLOT_SEGMENT);
            if (seg == null) {
                continue;
            }
            if (slot.has(AafIds.EVENT_SLOT_EDIT_RATE)) {
                readMarkers(slot, seg, markers);
                continue;
            }
            String dataDef = seg.weakRefAuid(AafIds.COMPONENT_DATA_DEF);
            if (seg.is("Timecode") || AafIds.isTimecode(dataDef)) {
                if (seg.is("Timecode")) {
                    Long start = seg.int64(AafIds.TIMECODE_START);
                    Integer fps = seg.int16(AafIds.TIMECODE_FPS);
                    if (start != null && fps != null && fps > 0 && timecodeStart == 0) {
                        timecodeStart = Math.round(start * (double) sessionRate / fps);
                    }
                }
                continue;
            }
            if (!AafIds.isSound(dataDef)) {
                continue; // picture and data slots are not part of the mix
            }
            audioIndex++;
            tracks.add(readTrack(slot, seg, audioIndex));
        }
        for (Track t : tracks) {
            for (Clip c : t.clips()) {
                for (ClipChannel ch : c.channels()) {
                    if (!ch.source().found()) {
                        warn(t.name(), "missing media: " + ch.source().path());
                    }
                }
            }
        }
        dedupeMissingWarnings();
        return new Session(name, "aaf", writer, sessionRate, 0, tracks, List.of(), Bus.master(2), markers,
                Tempo.DEFAULT, PanLaw.EQUAL_POWER_MINUS_3DB, timecodeStart, warnings);
    }

    private void dedupeMissingWarnings() {
        List<String> unique = new ArrayList<>(new java.util.LinkedHashSet<>(warnings));
        warnings.clear();
        warnings.addAll(unique);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private topdown.format.SessionFormatException aafError(String where, String msg) {
        return new topdown.format.SessionFormatException(topdown.format.SourceLocation.element(file, where), msg);
    }

    // ------------------------------------------------------------------ top level

    private AafObject topLevelComposition() throws IOException {
        List<AafObject> comps = new ArrayList<>();
        Set<String> referenced = new HashSet<>();
        for (AafObject m : mobs.values()) {
            if (m.is("CompositionMob")) {
                comps.add(m);
                for (AafObject slot : m.refs(AafIds.MOB_SLOTS)) {
                    collectReferences(slot.ref(AafIds.SLOT_SEGMENT), referenced, 0);
                }
            }
        }
        AafObject best = null;
        int bestSound = -1;
        for (AafObject c : comps) {
            if (referenced.contains(c.mobId(AafIds.MOB_ID))) {
                continue;
            }
            int sound = 0;
            for (AafObject slot : c.refs(AafIds.MOB_SLOTS)) {
                AafObject seg = slot.ref(AafIds.SLOT_SEGMENT);
                if (seg != null && AafIds.isSound(seg.weakRefAuid(AafIds.COMPONENT_DATA_DEF))) {
                    sound++;
                }
            }
            if (sound > bestSound) {
                best = c;
                bestSound = sound;
            }
        }
        if (best == null && !comps.isEmpty()) {
            best = comps.get(0);
        }
        return best;
    }

    private void collectReferences(AafObject seg, Set<String> out, int depth) throws IOException {
        if (seg == null || depth > MAX_DEPTH) {
            return;
        }
        if (seg.is("SourceReference")) {
            String id = seg.mobId(AafIds.SOURCE_REF_SOURCE_ID);
            if (id != null) {
                out.add(id);
            }
        }
        for (AafObject c : seg.refs(AafIds.SEQUENCE_COMPONENTS)) {
            collectReferences(c, out, depth + 1);
        }
        for (AafObject c : seg.refs(AafIds.OPGROUP_INPUTS)) {
            collectReferences(c, out, depth + 1);
        }
        collectReferences(seg.ref(AafIds.SELECTOR_SELECTED), out, depth + 1);
    }

    private int chooseSessionRate(List<AafObject> slots) throws IOException {
        for (AafObject slot : slots) {
            long[] r = slot.rational(AafIds.TIMELINE_SLOT_EDIT_RATE);
            AafObject seg = slot.ref(AafIds.SLOT_SEGMENT);
            if (r != null && r[1] == 1 && r[0] >= 8000 && r[0] <= 384000 && seg != null
                    && AafIds.isSound(seg.weakRefAuid(AafIds.COMPONENT_DATA_DEF))) {
                return (int) r[0];
            }
        }
        return dominantEssenceRate(48000);
    }

    private int dominantEssenceRate(int fallback) throws IOException {
        Map<Integer, Integer> count = new HashMap<>();
        for (AafObject m : mobs.values()) {
            if (m.is("SourceMob")) {
                AafObject d = m.ref(AafIds.SOURCE_MOB_DESCRIPTOR);
                int rate = d == null ? 0 : descriptorRate(d);
                if (rate >= 8000) {
                    count.merge(rate, 1, Integer::sum);
                }
            }
        }
        return count.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(fallback);
    }

    // ------------------------------------------------------------------ tracks

    private Track readTrack(AafObject slot, AafObject seg, int index) throws IOException {
        long[] er = slot.rational(AafIds.TIMELINE_SLOT_EDIT_RATE);
        if (er == null || er[0] <= 0 || er[1] <= 0) {
            warn(slot.path(), "timeline slot without a valid edit rate; assuming the session rate");
            er = new long[] {sessionRate, 1};
        }
        long origin = nzl(slot.int64(AafIds.TIMELINE_SLOT_ORIGIN));
        String name = slot.string(AafIds.SLOT_NAME);
        if (name == null || name.isBlank()) {
            name = "Audio " + index;
        }
        TrackState st = new TrackState();
        currentRate = er;
        walk(seg, -origin, st, 0, true);
        flushPendingFade(st);
        final long[] rate = er;
        List<Clip> clips = new ArrayList<>();
        int channels = 1;
        int n = 0;
        for (Draft d : st.clips) {
            n++;
            long pos = euToSamples(d.posEu, rate);
            long len = euToSamples(d.posEu + d.lenEu, rate) - pos;
            long off = Math.max(0, Math.round(d.offsetSeconds * sessionRate));
            Automation env = null;
            if (d.envelope != null && !d.envelope.isEmpty()) {
                List<AutomationPoint> pts = new ArrayList<>();
                for (double[] p : d.envelope) {
                    pts.add(AutomationPoint.of(Math.round(Math.max(0, Math.min(1, p[0])) * len), p[1]));
                }
                pts.sort(java.util.Comparator.comparingLong(AutomationPoint::sample));
                env = new Automation(Automation.Parameter.CLIP_GAIN, pts, Interpolation.LINEAR, true);
            }
            Fade in = d.fadeInEu > 0 ? Fade.of(euToSamples(d.fadeInEu, rate), d.fadeInShape) : Fade.NONE;
            Fade out = d.fadeOutEu > 0 ? Fade.of(euToSamples(d.fadeOutEu, rate), d.fadeOutShape) : Fade.NONE;
            if (d.channels.isEmpty()) {
                warn(d.path, "clip without resolvable audio channels skipped");
                continue;
            }
            channels = Math.max(channels, d.channels.size());
            String clipName = d.name.isBlank() ? name + "-" + n : d.name;
            clips.add(new Clip(clipName, d.channels, pos, off, Math.max(0, len), Gain.ofLinear(Math.max(0, d.gain)),
                    env, in, out, d.muted, false, Carry.of("aaf", d.path)));
        }
        List<Automation> lanes = new ArrayList<>();
        if (!st.gainPoints.isEmpty()) {
            lanes.add(new Automation(Automation.Parameter.GAIN, scalePoints(st.gainPoints, rate), Interpolation.LINEAR, true));
        }
        if (!st.panPoints.isEmpty()) {
            lanes.add(new Automation(Automation.Parameter.PAN, scalePoints(st.panPoints, rate), Interpolation.LINEAR, true));
        }
        boolean[] muteSolo = mixerSwitches(slot);
        Pan pan = Double.isNaN(st.pan) ? Pan.CENTRE : Pan.of(Math.max(-1, Math.min(1, st.pan)));
        return new Track(new TrackId("t" + index), name, TrackKind.AUDIO, Math.min(channels, 64), clips,
                Gain.ofLinear(Math.max(0, st.faderLinear)), Gain.UNITY, pan, muteSolo[0], muteSolo[1], false,
                BusId.MASTER, List.of(), List.of(), lanes, Carry.of("aaf", slot.path()));
    }

    private List<AutomationPoint> scalePoints(List<AutomationPoint> euPoints, long[] rate) {
        List<AutomationPoint> out = new ArrayList<>();
        for (AutomationPoint p : euPoints) {
            out.add(AutomationPoint.of(euToSamples(Math.max(0, p.sample()), rate), p.value()));
        }
        out.sort(java.util.Comparator.comparingLong(AutomationPoint::sample));
        return out;
    }

    private long euToSamples(long eu, long[] rate) {
        // eu * sessionRate * den / num, exactly, rounded to the nearest sample.
        java.math.BigInteger v = java.math.BigInteger.valueOf(eu).multiply(java.math.BigInteger.valueOf(sessionRate))
                .multiply(java.math.BigInteger.valueOf(rate[1]));
        java.math.BigInteger[] qr = v.divideAndRemainder(java.math.BigInteger.valueOf(rate[0]));
        long q = qr[0].longValueExact();
        if (qr[1].abs().shiftLeft(1).compareTo(java.math.BigInteger.valueOf(rate[0])) >= 0) {
            q += v.signum();
        }
        return q;
    }

    private static long nzl(Long v) {
        return v == null ? 0 : v;
    }

    /** Media Composer keeps track mute/solo as tagged values on the slot. */
    private boolean[] mixerSwitches(AafObject slot) throws IOException {
        boolean mute = false;
        boolean solo = false;
        for (AafObject.Property p : slot.properties().values()) {
            if (p.storedForm() != AafFile.SF_STRONG_OBJECT_REFERENCE_VECTOR) {
                continue;
            }
            for (AafObject tv : slot.refs(p.pid())) {
                if (!tv.is("TaggedValue")) {
                    continue;
                }
                String n = tv.string(AafIds.TAGGED_NAME);
                double v = AafValues.number(tv.raw(AafIds.TAGGED_VALUE));
                if ("AudioMixerCompMute".equals(n) && v == 1) {
                    mute = true;
                } else if ("AudioMixerCompSolo".equals(n) && v == 1) {
                    solo = true;
                }
            }
        }
        return new boolean[] {mute, solo};
    }

    /**
     * Walks a segment placed at {@code posEu}; returns its length in edit units. {@code top} is true for
     * the slot's own segment (an OperationGroup there applies to the whole track).
     */
    private long walk(AafObject seg, long posEu, TrackState st, int depth, boolean top) throws IOException {
        if (depth > MAX_DEPTH) {
            throw aafError(seg.path(), "segments nested deeper than " + MAX_DEPTH);
        }
        long len = nzl(seg.int64(AafIds.COMPONENT_LENGTH));
        if (seg.is("Sequence")) {
            long cursor = posEu;
            List<AafObject> comps = seg.refs(AafIds.SEQUENCE_COMPONENTS);
            for (int i = 0; i < comps.size(); i++) {
                AafObject c = comps.get(i);
                if (c.is("Transition")) {
                    long tl = nzl(c.int64(AafIds.COMPONENT_LENGTH));
                    FadeShape shape = transitionShape(c);
                    cursor -= tl;
                    boolean prevClip = i > 0 && st.lastClip != null && !comps.get(i - 1).is("Filler");
                    boolean nextClip = i + 1 < comps.size() && !comps.get(i + 1).is("Filler");
                    if (prevClip) {
                        st.lastClip.fadeOutEu = tl;
                        st.lastClip.fadeOutShape = shape;
                    }
                    if (nextClip) {
                        st.pendingFadeInEu = tl;
                        st.pendingFadeShape = shape;
                    }
                    continue;
                }
                long l = walk(c, cursor, st, depth + 1, false);
                cursor += l;
            }
            return len > 0 ? len : cursor - posEu;
        }
        if (seg.is("Filler")) {
            flushPendingFade(st);
            return len;
        }
        if (seg.is("SourceClip")) {
            Draft d = new Draft();
            d.posEu = posEu;
            d.lenEu = len;
            d.path = seg.path();
            resolveClip(seg, d, 0);
            Long fi = seg.int64(AafIds.SOURCE_CLIP_FADE_IN_LENGTH);
            Long fo = seg.int64(AafIds.SOURCE_CLIP_FADE_OUT_LENGTH);
            if (fi != null && fi > 0) {
                d.fadeInEu = fi;
            }
            if (fo != null && fo > 0) {
                d.fadeOutEu = fo;
            }
            addClip(st, d);
            return len;
        }
        if (seg.is("Selector")) {
            AafObject selected = seg.ref(AafIds.SELECTOR_SELECTED);
            if (selected != null && !selected.is("Filler")) {
                return walk(selected, posEu, st, depth + 1, top);
            }
            for (AafObject alt : seg.refs(AafIds.SELECTOR_ALTERNATES)) {
                if (alt.is("Filler")) {
                    continue;
                }
                int before = st.clips.size();
                walk(alt, posEu, st, depth + 1, top);
                for (int k = before; k < st.clips.size(); k++) {
                    st.clips.get(k).muted = true; // the alternate is what the editor switched off
                }
                return len;
            }
            return len;
        }
        if (seg.is("OperationGroup")) {
            return operationGroup(seg, posEu, len, st, depth, top);
        }
        if (seg.is("NestedScope")) {
            List<AafObject> scoped = seg.refs(AafIds.NESTED_SCOPE_SLOTS);
            if (scoped.isEmpty()) {
                return len;
            }
            if (scoped.size() > 1) {
                warn(seg.path(), "nested scope with " + scoped.size() + " layers: only its output (last) layer is read");
            }
            long l = walk(scoped.get(scoped.size() - 1), posEu, st, depth + 1, top);
            return len > 0 ? len : l;
        }
        if (seg.is("Pulldown")) {
            warn(seg.path(), "pulldown not modelled; its input is read at the slot's edit rate");
            AafObject in = seg.ref(AafIds.PULLDOWN_INPUT);
            return in == null ? len : walk(in, posEu, st, depth + 1, top);
        }
        if (seg.is("Event") || seg.is("Timecode")) {
            return len;
        }
        warn(seg.path(), seg.className() + " in an audio sequence is not modelled (treated as silence)");
        flushPendingFade(st);
        return len;
    }

    private void addClip(TrackState st, Draft d) {
        if (st.pendingFadeInEu > 0) {
            d.fadeInEu = st.pendingFadeInEu;
            d.fadeInShape = st.pendingFadeShape;
            st.pendingFadeInEu = 0;
        }
        st.clips.add(d);
        st.lastClip = d;
    }

    private void flushPendingFade(TrackState st) {
        st.pendingFadeInEu = 0;
        st.lastClip = null;
    }

    private FadeShape transitionShape(AafObject transition) throws IOException {
        AafObject op = transition.ref(AafIds.TRANSITION_OPGROUP);
        if (op == null) {
            return FadeShape.LINEAR;
        }
        for (AafObject p : op.refs(AafIds.OPGROUP_PARAMETERS)) {
            String interp = p.weakRefAuid(AafIds.VARYING_INTERPOLATION);
            if (AafIds.INTERP_POWER.equals(interp)) {
                return FadeShape.CONSTANT_POWER;
            }
            if (AafIds.INTERP_LOG.equals(interp)) {
                return FadeShape.LOGARITHMIC;
            }
        }
        return FadeShape.LINEAR;
    }

    private String paramDef(AafObject param) {
        String d = param.weakRefAuid(AafIds.PARAMETER_DEFINITION);
        return d != null ? d : param.auid(AafIds.PARAMETER_DEFINITION);
    }

    private long operationGroup(AafObject op, long posEu, long len, TrackState st, int depth, boolean top)
            throws IOException {
        String opDef = op.weakRefAuid(AafIds.OPGROUP_OPERATION);
        List<AafObject> inputs = op.refs(AafIds.OPGROUP_INPUTS);
        List<AafObject> params = op.refs(AafIds.OPGROUP_PARAMETERS);
        if (AafIds.OP_AUDIO_CHANNEL_COMBINER.equals(opDef)) {
            Draft d = new Draft();
            d.posEu = posEu;
            d.lenEu = len;
            d.path = op.path();
            for (AafObject in : inputs) {
                AafObject clip = firstSourceClip(in, 0);
                if (clip == null) {
                    warn(in.path(), "channel of a combined clip is not a SourceClip");
                    continue;
                }
                Draft ch = new Draft();
                resolveClip(clip, ch, 0);
                if (d.channels.isEmpty()) {
                    d.offsetSeconds = ch.offsetSeconds;
                    d.name = ch.name;
                }
                d.channels.addAll(ch.channels);
            }
            addClip(st, d);
            return len;
        }
        boolean isGain = AafIds.OP_MONO_AUDIO_GAIN.equals(opDef) || AafIds.OP_STEREO_AUDIO_GAIN.equals(opDef);
        boolean isPan = AafIds.OP_MONO_AUDIO_PAN.equals(opDef);
        AafObject input = inputs.isEmpty() ? null : inputs.get(0);
        boolean wrapsSequence = input != null && input.is("Sequence");
        if (!isGain && !isPan) {
            // Unknown effect: keep the audio, report the effect.
            warn(op.path(), "operation " + opDef + " (e.g. a time warp) is not modelled; its input is played"
                    + " unprocessed for the operation's length");
            int first = st.clips.size();
            long l = input == null ? len : walk(input, posEu, st, depth + 1, top);
            if (len > 0) {
                for (int k = first; k < st.clips.size(); k++) {
                    Draft d = st.clips.get(k);
                    d.lenEu = Math.max(0, Math.min(d.lenEu, posEu + len - d.posEu));
                }
                return len;
            }
            return l;
        }
        int before = st.clips.size();
        long l = input == null ? len : walk(input, posEu, st, depth + 1, top);
        for (AafObject p : params) {
            String def = paramDef(p);
            boolean amplitude = AafIds.PARAM_AMPLITUDE.equals(def) || isGain && def == null;
            boolean pan = AafIds.PARAM_PAN.equals(def) || isPan && def == null;
            if (!amplitude && !pan) {
                warn(p.path(), "parameter " + def + " not modelled");
                continue;
            }
            boolean trackLevel = wrapsSequence || top && st.clips.size() - before != 1;
            if (p.is("ConstantValue")) {
                double v = AafValues.number(p.raw(AafIds.CONSTANT_VALUE));
                if (Double.isNaN(v)) {
                    warn(p.path(), "unreadable constant value");
                    continue;
                }
                if (amplitude) {
                    if (trackLevel) {
                        st.faderLinear *= v;
                    } else {
                        for (int k = before; k < st.clips.size(); k++) {
                            st.clips.get(k).gain *= v;
                        }
                    }
                } else {
                    if (trackLevel) {
                        st.pan = 2 * v - 1;
                    } else {
                        warn(p.path(), "clip pan " + v + " is not modelled per clip; applied to the track");
                        st.pan = 2 * v - 1;
                    }
                }
            } else if (p.is("VaryingValue")) {
                List<double[]> pts = new ArrayList<>();
                for (AafObject cp : p.refs(AafIds.VARYING_POINTS)) {
                    double v = AafValues.number(cp.raw(AafIds.CONTROL_POINT_VALUE));
                    long[] t = cp.rational(AafIds.CONTROL_POINT_TIME);
                    if (Double.isNaN(v) || t == null || t[1] == 0) {
                        warn(cp.path(), "unreadable control point");
                        continue;
                    }
                    pts.add(new double[] {t[0] / (double) t[1], v});
                }
                boolean flat = !pts.isEmpty() && pts.stream().allMatch(x -> x[1] == pts.get(0)[1]);
                if (amplitude && !trackLevel && flat) {
                    for (int k = before; k < st.clips.size(); k++) {
                        st.clips.get(k).gain *= pts.get(0)[1]; // a level line without moves is a constant gain
                    }
                } else if (amplitude && !trackLevel) {
                    for (int k = before; k < st.clips.size(); k++) {
                        st.clips.get(k).envelope = pts;
                    }
                } else {
                    List<AutomationPoint> lane = amplitude ? st.gainPoints : st.panPoints;
                    for (double[] pt : pts) {
                        lane.add(AutomationPoint.of(posEu + Math.round(pt[0] * len), amplitude ? pt[1] : 2 * pt[1] - 1));
                    }
                }
            }
        }
        return len > 0 ? len : l;
    }

    private AafObject firstSourceClip(AafObject seg, int depth) throws IOException {
        if (seg == null || depth > MAX_DEPTH) {
            return null;
        }
        if (seg.is("SourceClip")) {
            return seg;
        }
        for (AafObject c : seg.refs(AafIds.SEQUENCE_COMPONENTS)) {
            AafObject f = firstSourceClip(c, depth + 1);
            if (f != null) {
                return f;
            }
        }
        for (AafObject c : seg.refs(AafIds.OPGROUP_INPUTS)) {
            AafObject f = firstSourceClip(c, depth + 1);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ sources

    /** Follows a SourceClip through Master/Source mobs to the essence; fills channels, offset, name. */
    private void resolveClip(AafObject clip, Draft d, int depth) throws IOException {
        resolveClip(clip, d, depth, currentRate);
    }

    /**
     * {@code ctxRate} is the edit rate of the slot holding {@code clip}: a SourceClip's StartTime counts
     * in its own context's edit units (AAF Object Spec, SourceClip).
     */
    private void resolveClip(AafObject clip, Draft d, int depth, long[] ctxRate) throws IOException {
        if (depth > MAX_DEPTH) {
            warn(clip.path(), "source reference chain too deep");
            return;
        }
        String mobId = clip.mobId(AafIds.SOURCE_REF_SOURCE_ID);
        Integer slotId = clip.int32(AafIds.SOURCE_REF_SLOT_ID);
        long start = nzl(clip.int64(AafIds.SOURCE_CLIP_START));
        if (mobId == null || mobId.matches("0+") || slotId == null || slotId == 0) {
            return; // end of the chain (original source)
        }
        AafObject mob = mobs.get(mobId);
        if (mob == null) {
            warn(clip.path(), "references a mob that is not in the file (" + mobId.substring(0, 16) + "…)");
            return;
        }
        if (d.name.isBlank()) {
            String n = mob.string(AafIds.MOB_NAME);
            if (n != null) {
                d.name = n;
            }
        }
        AafObject slot = null;
        for (AafObject s : mob.refs(AafIds.MOB_SLOTS)) {
            Integer id = s.int32(AafIds.SLOT_ID);
            if (id != null && id.intValue() == slotId) {
                slot = s;
                break;
            }
        }
        if (slot == null) {
            warn(clip.path(), "references slot " + slotId + " that " + mob.className() + " does not have");
            return;
        }
        if (ctxRate != null && ctxRate[0] > 0 && ctxRate[1] > 0) {
            d.offsetSeconds += start * (double) ctxRate[1] / ctxRate[0];
        }
        long[] er = slot.rational(AafIds.TIMELINE_SLOT_EDIT_RATE);
        if (mob.is("SourceMob")) {
            AafObject desc = mob.ref(AafIds.SOURCE_MOB_DESCRIPTOR);
            if (desc != null && desc.is("FileDescriptor") || desc != null && desc.is("MultipleDescriptor")) {
                Source src = source(mob, desc);
                int channel = 0;
                if (src.channels() > 1) {
                    Integer phys = slot.int32(AafIds.SLOT_PHYSICAL_TRACK);
                    channel = phys != null && phys > 0 ? Math.min(phys - 1, src.channels() - 1) : 0;
                }
                d.channels.add(new ClipChannel(src, channel));
                return;
            }
            // Tape/import descriptors: the chain continues to the original media (or ends).
        }
        AafObject seg = slot.ref(AafIds.SLOT_SEGMENT);
        AafObject next = firstSourceClip(seg, 0);
        if (next != null) {
            resolveClip(next, d, depth + 1, er);
        }
    }

    private int descriptorRate(AafObject d) {
        if (d.has(AafIds.WAVE_SUMMARY)) {
            int[] fmt = waveFormat(d.raw(AafIds.WAVE_SUMMARY));
            if (fmt != null) {
                return fmt[1];
            }
        }
        if (d.has(AafIds.AIFC_SUMMARY)) {
            int[] fmt = aiffFormat(d.raw(AafIds.AIFC_SUMMARY));
            if (fmt != null) {
                return fmt[1];
            }
        }
        long[] r = d.rational(AafIds.SOUND_AUDIO_SAMPLING_RATE);
        if (r == null) {
            r = d.rational(AafIds.FILE_DESC_SAMPLE_RATE);
        }
        return r != null && r[1] > 0 ? (int) (r[0] / r[1]) : 0;
    }

    /** {channels, rate, bits} from a WAVE summary (a RIFF header with its fmt chunk), or null. */
    static int[] waveFormat(byte[] s) {
        if (s == null || s.length < 36) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(s).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 12; at + 8 <= s.length;) {
            String id = new String(s, at, 4, StandardCharsets.ISO_8859_1);
            int size = b.getInt(at + 4);
            if (id.equals("fmt ") && at + 8 + 16 <= s.length) {
                return new int[] {b.getShort(at + 10) & 0xFFFF, b.getInt(at + 12), b.getShort(at + 22) & 0xFFFF};
            }
            if (size < 0) {
                return null;
            }
            at += 8 + size + (size & 1);
        }
        return null;
    }

    /** {channels, rate, bits} from an AIFC summary (FORM header with COMM), or null. */
    static int[] aiffFormat(byte[] s) {
        if (s == null || s.length < 38) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(s).order(ByteOrder.BIG_ENDIAN);
        for (int at = 12; at + 8 <= s.length;) {
            String id = new String(s, at, 4, StandardCharsets.ISO_8859_1);
            int size = b.getInt(at + 4);
            if (id.equals("COMM") && at + 8 + 18 <= s.length) {
                int ch = b.getShort(at + 8) & 0xFFFF;
                int bits = b.getShort(at + 14) & 0xFFFF;
                int exp = (b.getShort(at + 16) & 0x7FFF) - 16383;
                long mant = b.getLong(at + 18);
                double rate = (mant >>> 11) * Math.pow(2, exp - 52);
                return new int[] {ch, (int) Math.round(rate), bits};
            }
            if (size < 0) {
                return null;
            }
            at += 8 + size + (size & 1);
        }
        return null;
    }

    private Source source(AafObject mob, AafObject desc) throws IOException {
        String mobId = mob.mobId(AafIds.MOB_ID);
        Source known = sources.get(mobId);
        if (known != null) {
            return known;
        }
        int channels = 0;
        int rate = 0;
        int bits = 0;
        String kind;
        if (desc.has(AafIds.WAVE_SUMMARY)) {
            int[] f = waveFormat(desc.raw(AafIds.WAVE_SUMMARY));
            kind = "wave";
            if (f != null) {
                channels = f[0];
                rate = f[1];
                bits = f[2];
            }
        } else if (desc.has(AafIds.AIFC_SUMMARY)) {
            int[] f = aiffFormat(desc.raw(AafIds.AIFC_SUMMARY));
            kind = "aifc";
            if (f != null) {
                channels = f[0];
                rate = f[1];
                bits = f[2];
            }
        } else {
            kind = desc.is("PCMDescriptor") ? "pcm" : desc.className();
            Integer ch = desc.int32(AafIds.SOUND_CHANNELS);
            Integer qb = desc.int32(AafIds.SOUND_QUANTIZATION_BITS);
            channels = ch == null ? 1 : ch;
            bits = qb == null ? 0 : qb;
            rate = descriptorRate(desc);
        }
        long length = nzl(desc.int64(AafIds.FILE_DESC_LENGTH));
        String name = nz(mob.string(AafIds.MOB_NAME));
        String id = "s" + (sources.size() + 1);
        Source src;
        AafObject ed = essenceData.get(mobId);
        if (ed != null) {
            String locator = "aaf-essence:" + mobId;
            embedded.put(locator, new EmbeddedEssence(ed, kind, Math.max(1, channels), rate, bits));
            src = new Source(id, name.isBlank() ? "embedded essence" : name, locator, Math.max(1, channels), rate,
                    length, kind, true, true);
        } else {
            String url = null;
            for (AafObject loc : desc.refs(AafIds.DESCRIPTOR_LOCATORS)) {
                String u = loc.string(AafIds.NETWORK_LOCATOR_URL);
                if (u != null && !u.isBlank()) {
                    url = u;
                    break;
                }
            }
            if (url == null) {
                warn(mob.path(), "source '" + name + "' has neither embedded essence nor a locator");
                src = Source.missing(id, name.isBlank() ? mobId : name);
            } else {
                Path found = locate(url);
                String written = url;
                if (found == null) {
                    src = new Source(id, written, null, Math.max(1, channels), rate, length, kind, false, false);
                } else {
                    Path folder = file.toAbsolutePath().getParent();
                    Path rel = folder.relativize(found.toAbsolutePath().normalize());
                    String resolved = rel.startsWith("..") ? found.toAbsolutePath().toString() : rel.toString();
                    src = new Source(id, written, resolved, Math.max(1, channels), rate, length, kind, true, false);
                }
            }
        }
        sources.put(mobId, src);
        return src;
    }

    /**
     * Finds an external essence file: the URL as a local path, else its trailing path components
     * (file name, then parent/file, …) under the AAF's own folder.
     */
    Path locate(String url) {
        String p = url;
        if (p.regionMatches(true, 0, "file://", 0, 7)) {
            p = p.substring(7);
            if (p.regionMatches(true, 0, "localhost", 0, 9)) {
                p = p.substring(9);
            }
        }
        try {
            p = URLDecoder.decode(p.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // keep the undecoded text
        }
        p = p.replace('\\', '/');
        if (p.matches("^/[A-Za-z]:/.*")) {
            p = p.substring(1);
        }
        try {
            Path direct = Path.of(p);
            if (direct.isAbsolute() && Files.isRegularFile(direct)) {
                return direct;
            }
        } catch (java.nio.file.InvalidPathException e) {
            // not a local path
        }
        String[] parts = p.split("/");
        Path folder = file.toAbsolutePath().getParent();
        for (int take = 1; take <= Math.min(4, parts.length); take++) {
            Path candidate = folder;
            boolean ok = true;
            for (int i = parts.length - take; i < parts.length; i++) {
                if (parts[i].isEmpty() || parts[i].equals("..") || parts[i].equals(".") || parts[i].contains(":")) {
                    ok = false;
                    break;
                }
                candidate = candidate.resolve(parts[i]);
            }
            if (ok && candidate.normalize().startsWith(folder) && Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ markers

    private void readMarkers(AafObject slot, AafObject seg, List<Marker> out) throws IOException {
        long[] er = slot.rational(AafIds.EVENT_SLOT_EDIT_RATE);
        if (er == null || er[0] <= 0 || er[1] <= 0) {
            warn(slot.path(), "event slot without edit rate: markers skipped");
            return;
        }
        List<AafObject> events = seg.is("Sequence") ? seg.refs(AafIds.SEQUENCE_COMPONENTS) : List.of(seg);
        for (AafObject e : events) {
            if (!e.is("Event")) {
                continue;
            }
            Long pos = e.int64(AafIds.EVENT_POSITION);
            if (pos == null) {
                continue;
            }
            String name = e.string(AafIds.EVENT_COMMENT);
            if (name == null || name.isBlank()) {
                name = nz(e.string(AafIds.COMMENT_MARKER_ANNOTATION));
            }
            long start = euToSamples(Math.max(0, pos), er);
            long len = nzl(e.int64(AafIds.COMPONENT_LENGTH));
            out.add(new Marker(name, start, start + (len > 1 ? euToSamples(len, er) : 0)));
        }
    }
}
