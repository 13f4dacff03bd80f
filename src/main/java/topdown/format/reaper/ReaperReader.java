package topdown.format.reaper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import topdown.format.topdown.SourceProbe;
import topdown.model.Automation;
import topdown.model.AutomationPoint;
import topdown.model.Bus;
import topdown.model.BusId;
import topdown.model.BusKind;
import topdown.model.Carry;
import topdown.model.Clip;
import topdown.model.ClipChannel;
import topdown.model.Fade;
import topdown.model.FadeShape;
import topdown.model.Gain;
import topdown.model.Insert;
import topdown.model.InsertKind;
import topdown.model.Interpolation;
import topdown.model.Marker;
import topdown.model.Pan;
import topdown.model.PanLaw;
import topdown.model.Send;
import topdown.model.Session;
import topdown.model.Source;
import topdown.model.Tempo;
import topdown.model.Track;
import topdown.model.TrackId;
import topdown.model.TrackKind;

/**
 * The neutral model of a Reaper project: tracks (NAME, VOLPAN, MUTESOLO, IPHASE, NCHAN), folders
 * (ISBUS depth changes) as group buses with their children routed in, MAINSEND, AUXRECV receives as sends
 * (on the sending track) into the receiving track as an FX bus, items (POSITION, LENGTH, SOFFS, VOLPAN,
 * FADEIN/FADEOUT, MUTE, the active take's SOURCE), FX chains, volume/pan envelopes, markers and regions,
 * TEMPO, SAMPLERATE, master volume and FX, pan law. Templates ({@code .RTrackTemplate}) hold tracks only.
 */
final class ReaperReader {
    private final Path file;
    private final RppNode root;
    private final List<RppNode> blocks;
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Source> sources = new HashMap<>();
    private int rate = 44100;

    ReaperReader(Path file, RppParser.Doc doc) {
        this.file = file;
        this.root = doc.root();
        this.blocks = doc.blocks();
    }

    private void warn(String s) {
        if (warnings.size() < 300) {
            warnings.add(s);
        }
    }

    static String text(String iso) {
        return new String(iso.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    static double num(List<String> v, int i, double d) {
        if (i >= v.size()) {
            return d;
        }
        try {
            return Double.parseDouble(v.get(i));
        } catch (NumberFormatException e) {
            return d;
        }
    }

    Session read() {
        boolean template = !root.tag().equals("REAPER_PROJECT");
        List<String> sr = root.values("SAMPLERATE");
        if (!sr.isEmpty() && num(sr, 0, 0) >= 8000) {
            rate = (int) num(sr, 0, 44100);
        }
        List<String> tempo = root.values("TEMPO");
        double bpm = num(tempo, 0, 120);
        PanLaw law = panLaw();
        List<RppNode> trackNodes = template ? templateTracks() : root.nodes("TRACK");
        // Folders: a track with ISBUS 1 opens a folder; ISBUS 2 -n closes n levels after that track.
        int count = trackNodes.size();
        BusId[] parent = new BusId[count];
        boolean[] isFolder = new boolean[count];
        java.util.ArrayDeque<BusId> open = new java.util.ArrayDeque<>();
        int depthSum = 0;
        for (int i = 0; i < count; i++) {
            RppNode t = trackNodes.get(i);
            parent[i] = open.isEmpty() ? BusId.MASTER : open.peek();
            List<String> isbus = t.values("ISBUS");
            int a = (int) num(isbus, 0, 0);
            int b = (int) num(isbus, 1, 0);
            if (a == 1) {
                isFolder[i] = true;
                open.push(new BusId("f" + (i + 1)));
                depthSum += 1;
            } else if (a == 2) {
                for (int k = 0; k < -b && !open.isEmpty(); k++) {
                    open.pop();
                }
                depthSum += b;
            }
        }
        if (depthSum != 0) {
            warn("folder depths do not sum to zero (" + depthSum + "): unclosed folders end at the last track");
        }
        // Receiving tracks (AUXRECV) become FX buses when they have no items of their own.
        Map<Integer, BusId> receiverBus = new HashMap<>();
        Map<Integer, java.util.Set<Integer>> receivesFrom = new HashMap<>();
        for (int i = 0; i < count; i++) {
            for (RppNode.Line l : trackNodes.get(i).lines("AUXRECV")) {
                receivesFrom.computeIfAbsent(i, k -> new java.util.HashSet<>()).add((int) num(l.tokens(), 1, -1));
            }
        }
        for (int i = 0; i < count; i++) {
            if (!trackNodes.get(i).lines("AUXRECV").isEmpty() && !isFolder[i]) {
                final int me = i;
                boolean loop = receivesFrom.get(i).stream().anyMatch(j -> receivesFrom.getOrDefault(j, java.util.Set.of())
                        .contains(me));
                if (trackNodes.get(i).nodes("ITEM").isEmpty() && !loop) {
                    receiverBus.put(i, new BusId("fx" + (i + 1)));
                } else {
                    warn("track '" + name(trackNodes.get(i), i) + "' receives sends" + (loop ? " in a feedback loop"
                            : " and has items") + ": its receives are not mixed");
                }
            }
        }
        List<Track> tracks = new ArrayList<>();
        List<Bus> buses = new ArrayList<>();
        Map<Integer, List<Send>> sendsBySource = new HashMap<>();
        for (int i = 0; i < count; i++) {
            BusId to = isFolder[i] ? new BusId("f" + (i + 1)) : receiverBus.get(i);
            if (to == null) {
                continue;
            }
            for (RppNode.Line l : trackNodes.get(i).lines("AUXRECV")) {
                // (receives on tracks that stay tracks were warned above)
                List<String> v = l.tokens();
                int src = (int) num(v, 1, -1);
                int mode = (int) num(v, 2, 0); // 0 post-fader, 1 pre-FX, 3 pre-fader (post-FX)
                double vol = num(v, 3, 1);
                boolean mute = num(v, 5, 0) != 0;
                if (src < 0 || src >= count) {
                    warn("AUXRECV from track index " + src + " that does not exist");
                    continue;
                }
                sendsBySource.computeIfAbsent(src, k -> new ArrayList<>()).add(new Send(to, Gain.ofLinear(Math.max(0, vol)),
                        mode != 0, mute, Carry.of("reaper", "AUXRECV:" + i)));
            }
        }
        for (int i = 0; i < count; i++) {
            RppNode t = trackNodes.get(i);
            String nm = name(t, i);
            List<String> vp = t.values("VOLPAN");
            Gain fader = Gain.ofLinear(Math.max(0, num(vp, 0, 1)));
            double panPos = Math.max(-1, Math.min(1, num(vp, 1, 0)));
            double width = Math.max(-1, Math.min(1, num(vp, 3, 1) == -1 ? 1 : num(vp, 3, 1)));
            List<String> ms = t.values("MUTESOLO");
            boolean mute = num(ms, 0, 0) != 0;
            boolean solo = num(ms, 1, 0) != 0;
            boolean phase = num(t.values("IPHASE"), 0, 0) != 0;
            int nch = (int) num(t.values("NCHAN"), 0, 2);
            List<String> mainsend = t.values("MAINSEND");
            BusId out = mainsend.isEmpty() || num(mainsend, 0, 1) != 0 ? parent[i] : null;
            List<Insert> inserts = fx(t.node("FXCHAIN"), nm);
            List<Automation> lanes = new ArrayList<>();
            Automation vol = envelope(t.node("VOLENV2"), Automation.Parameter.GAIN);
            if (vol == null) {
                vol = envelope(t.node("VOLENV"), Automation.Parameter.GAIN);
            }
            if (vol != null) {
                lanes.add(vol);
            }
            Automation pan = envelope(t.node("PANENV2"), Automation.Parameter.PAN);
            if (pan != null) {
                lanes.add(pan);
            }
            List<Send> sends = sendsBySource.getOrDefault(i, List.of());
            Carry carry = Carry.of("reaper", Integer.toString(i));
            List<Clip> clips = clips(t, nm);
            if (isFolder[i] || receiverBus.containsKey(i)) {
                BusId id = isFolder[i] ? new BusId("f" + (i + 1)) : receiverBus.get(i);
                buses.add(new Bus(id, nm, isFolder[i] ? BusKind.GROUP : BusKind.FX, 2, fader, Gain.UNITY, new Pan(panPos,
                        width), mute, solo, phase, out, sends, inserts, lanes, carry));
                if (!clips.isEmpty()) {
                    tracks.add(new Track(new TrackId("t" + (i + 1)), nm + " (folder items)", TrackKind.AUDIO, Math.max(1, nch),
                            clips, Gain.UNITY, Gain.UNITY, Pan.CENTRE, false, false, false, id, List.of(), List.of(), List.of(),
                            Carry.of("reaper", i + ":items")));
                    warn("folder track '" + nm + "' has items: modelled as a track feeding its own folder bus");
                }
            } else {
                boolean midi = !clips.isEmpty() && clips.stream().allMatch(c -> c.channels().isEmpty());
                List<Clip> audio = clips.stream().filter(c -> !c.channels().isEmpty()).toList();
                TrackKind kind = midi ? TrackKind.MIDI : TrackKind.AUDIO;
                tracks.add(new Track(new TrackId("t" + (i + 1)), nm, kind, Math.max(1, Math.min(64, nch)), audio, fader,
                        Gain.UNITY, new Pan(panPos, width), mute, solo, phase, out, sends, inserts, lanes, carry));
            }
        }
        List<String> mv = root.values("MASTER_VOLUME");
        Bus master = Bus.master((int) Math.max(1, num(root.values("MASTER_NCH"), 0, 2)))
                .withFader(Gain.ofLinear(Math.max(0, num(mv, 0, 1))));
        master = master.withInserts(fx(root.node("MASTERFXLIST"), "Master"));
        List<Marker> markers = new ArrayList<>();
        Map<String, Marker> regionStarts = new LinkedHashMap<>();
        for (RppNode.Line l : root.lines("MARKER")) {
            List<String> v = l.tokens();
            String idx = v.size() > 1 ? v.get(1) : "";
            long pos = Math.round(num(v, 2, 0) * rate);
            String nm = v.size() > 3 ? text(v.get(3)) : "";
            int flags = (int) num(v, 4, 0);
            if ((flags & 1) != 0) {
                Marker start = regionStarts.remove(idx);
                if (start == null) {
                    regionStarts.put(idx, new Marker(nm, pos, pos));
                } else {
                    markers.add(new Marker(start.name(), start.positionSamples(), pos));
                }
            } else {
                markers.add(Marker.at(nm, pos));
            }
        }
        markers.addAll(regionStarts.values());
        String sessionName = file.getFileName().toString().replaceFirst("(?i)\\.(rpp|rpp-bak|rtracktemplate)$", "");
        String version = root.args().size() > 1 ? root.args().get(1) : "";
        return new Session(sessionName, "reaper", version, rate, 0, tracks, buses, master, markers,
                new Tempo(List.of(new Tempo.Change(0, bpm, (int) num(tempo, 1, 4), (int) num(tempo, 2, 4)))), law, 0,
                warnings);
    }

    private List<RppNode> templateTracks() {
        List<RppNode> out = new ArrayList<>();
        for (RppNode b : blocks) {
            if (b.tag().equals("TRACK")) {
                out.add(b);
            }
        }
        return out;
    }

    private PanLaw panLaw() {
        List<String> pl = root.values("PANLAW");
        double v = pl.isEmpty() ? 1.0 : num(pl, 0, 1.0);
        double db = v <= 0 ? 0 : 20 * Math.log10(v);
        if (db > -1.5) {
            return PanLaw.EQUAL_POWER_0DB;
        }
        if (db > -4.5) {
            return PanLaw.EQUAL_POWER_MINUS_3DB;
        }
        return PanLaw.LINEAR_MINUS_6DB;
    }

    private static String name(RppNode t, int i) {
        List<String> n = t.values("NAME");
        String s = n.isEmpty() ? "" : text(n.get(0));
        return s.isBlank() ? "Track " + (i + 1) : s;
    }

    private List<Insert> fx(RppNode chain, String owner) {
        List<Insert> out = new ArrayList<>();
        if (chain == null) {
            return out;
        }
        boolean bypass = false;
        for (Object c : chain.children()) {
            if (c instanceof RppNode.Line) {
                List<String> t = ((RppNode.Line) c).tokens();
                if (!t.isEmpty() && t.get(0).equals("BYPASS")) {
                    bypass = num(t, 1, 0) != 0;
                }
                continue;
            }
            RppNode p = (RppNode) c;
            String tag = p.tag();
            if (!(tag.equals("VST") || tag.equals("JS") || tag.equals("AU") || tag.equals("CLAP") || tag.equals("VST3")
                    || tag.equals("DX") || tag.equals("LV2") || tag.equals("JS_SER"))) {
                continue;
            }
            List<String> a = p.args();
            String pname = a.isEmpty() ? tag : text(a.get(0));
            Map<String, Double> params = new LinkedHashMap<>();
            if (tag.equals("JS")) {
                // JS parameters are the numbers on the line after the header.
                for (Object o : p.children()) {
                    if (o instanceof RppNode.Line) {
                        List<String> v = ((RppNode.Line) o).tokens();
                        for (int k = 0; k < v.size(); k++) {
                            if (!v.get(k).equals("-")) {
                                try {
                                    params.put("slider" + (k + 1), Double.parseDouble(v.get(k)));
                                } catch (NumberFormatException e) {
                                    // not a slider value
                                }
                            }
                        }
                        break;
                    }
                }
            }
            InsertKind kind = tag.equals("JS") ? ReaperJs.kindOf(pname) : null;
            out.add(new Insert(pname, kind != null ? kind : InsertKind.guess(pname), bypass, true, tag + ":" + pname, params, "rpp", null,
                    Carry.of("reaper", owner + ":" + pname)));
            bypass = false;
        }
        return out;
    }

    private Automation envelope(RppNode env, Automation.Parameter p) {
        if (env == null) {
            return null;
        }
        boolean active = num(env.values("ACT"), 0, 0) != 0;
        List<AutomationPoint> pts = new ArrayList<>();
        for (RppNode.Line l : env.lines("PT")) {
            List<String> v = l.tokens();
            double t = num(v, 1, 0);
            double val = num(v, 2, 0);
            pts.add(new AutomationPoint(Math.round(t * rate), val, num(v, 3, 0)));
        }
        if (pts.isEmpty()) {
            return null;
        }
        pts.sort(java.util.Comparator.comparingLong(AutomationPoint::sample));
        if (p == Automation.Parameter.PAN) {
            // Reaper pan envelopes run -1 (right) .. +1 (left) inverted on screen; stored -1 = left in PANENV2.
            List<AutomationPoint> neg = new ArrayList<>();
            for (AutomationPoint a : pts) {
                neg.add(new AutomationPoint(a.sample(), Math.max(-1, Math.min(1, -a.value())), a.shape()));
            }
            pts = neg;
        }
        return new Automation(p, pts, Interpolation.LINEAR, active);
    }

    private List<Clip> clips(RppNode t, String trackName) {
        List<Clip> out = new ArrayList<>();
        int n = 0;
        for (RppNode item : t.nodes("ITEM")) {
            n++;
            long pos = Math.round(num(item.values("POSITION"), 0, 0) * rate);
            long len = Math.round(num(item.values("LENGTH"), 0, 0) * rate);
            List<String> vp = item.values("VOLPAN");
            double vol = num(vp, 0, 1) * (vp.size() > 3 ? Math.abs(num(vp, 3, 1)) : 1);
            boolean mute = num(item.values("MUTE"), 0, 0) != 0;
            Fade in = fade(item.values("FADEIN"));
            Fade out2 = fade(item.values("FADEOUT"));
            // Active take: the item's own SOURCE (first take) unless a later TAKE is marked SEL.
            RppNode src = item.node("SOURCE");
            double soffs = num(item.values("SOFFS"), 0, 0);
            List<String> playrate = item.values("PLAYRATE");
            String name = item.values("NAME").isEmpty() ? trackName + "-" + n : text(item.values("NAME").get(0));
            boolean inTake = false;
            for (Object c : item.children()) {
                if (c instanceof RppNode.Line) {
                    List<String> tk = ((RppNode.Line) c).tokens();
                    if (!tk.isEmpty() && tk.get(0).equals("TAKE")) {
                        inTake = tk.size() > 1 && tk.get(1).equals("SEL");
                    } else if (inTake && !tk.isEmpty() && tk.get(0).equals("SOFFS")) {
                        soffs = num(tk, 1, 0);
                    } else if (inTake && !tk.isEmpty() && tk.get(0).equals("NAME") && tk.size() > 1) {
                        name = text(tk.get(1));
                    }
                } else if (inTake && ((RppNode) c).tag().equals("SOURCE")) {
                    src = (RppNode) c;
                }
            }
            if (num(playrate, 0, 1) != 1) {
                warn("item '" + name + "' on '" + trackName + "' plays at rate " + playrate.get(0) + ": rendered at 1.0");
            }
            List<ClipChannel> ch = new ArrayList<>();
            if (src != null) {
                Source s = source(src, trackName);
                if (s != null) {
                    for (int k = 0; k < Math.max(1, s.channels()); k++) {
                        ch.add(new ClipChannel(s, k));
                    }
                }
            }
            out.add(new Clip(name, ch, pos, Math.max(0, Math.round(soffs * rate)), Math.max(0, len),
                    Gain.ofLinear(Math.max(0, vol)), null, in, out2, mute, false, Carry.of("reaper", trackName + ":" + n)));
        }
        return out;
    }

    private Fade fade(List<String> v) {
        if (v.isEmpty()) {
            return Fade.NONE;
        }
        int shape = (int) num(v, 0, 0);
        double len = num(v, 1, 0);
        double curve = num(v, 5, 0);
        if (len <= 0) {
            return Fade.NONE;
        }
        FadeShape s;
        switch (shape) {
            case 1: s = FadeShape.REAPER_FAST_START; break;
            case 2: s = FadeShape.REAPER_FAST_END; break;
            case 3: s = FadeShape.REAPER_FAST_START; break;
            case 4: s = FadeShape.REAPER_FAST_END; break;
            case 5: s = FadeShape.REAPER_SLOW_START_END; break;
            case 6: s = FadeShape.REAPER_SHARP; break;
            default: s = FadeShape.LINEAR;
        }
        return new Fade(Math.round(len * rate), s, shape == 0 ? curve : 0);
    }

    private Source source(RppNode src, String track) {
        List<String> a = src.args();
        String type = a.isEmpty() ? "" : a.get(0);
        if (type.equals("SECTION")) {
            RppNode inner = src.node("SOURCE");
            warn("track '" + track + "': SECTION source (reversed/looped sections) read as its plain source");
            return inner == null ? null : source(inner, track);
        }
        if (type.equals("MIDI") || type.equals("MIDIPOOL") || type.equals("CLICK") || type.equals("EMPTY")
                || type.equals("VIDEO") || type.equals("LTC") || type.equals("TIMECODE")) {
            return null;
        }
        List<String> f = src.values("FILE");
        if (f.isEmpty()) {
            warn("track '" + track + "': " + type + " source without FILE");
            return null;
        }
        String written = text(f.get(0));
        Source known = sources.get(written);
        if (known != null) {
            return known;
        }
        Path folder = file.toAbsolutePath().getParent();
        Path found = locate(folder, written);
        Source s;
        if (found == null) {
            warn("missing media: " + written);
            s = Source.missing("s" + (sources.size() + 1), written);
        } else {
            s = SourceProbe.probe("s" + (sources.size() + 1), written, found, folder);
        }
        sources.put(written, s);
        return s;
    }

    /** Relative, absolute, Windows or macOS media paths resolved against the project folder. */
    static Path locate(Path folder, String written) {
        String p = written.replace('\\', '/');
        try {
            Path direct = Path.of(p);
            if (direct.isAbsolute() && Files.isRegularFile(direct)) {
                return direct;
            }
            if (!direct.isAbsolute() && !p.matches("^[A-Za-z]:/.*")) {
                Path rel = folder.resolve(p).normalize();
                if (Files.isRegularFile(rel)) {
                    return rel;
                }
            }
        } catch (java.nio.file.InvalidPathException e) {
            // fall through to the file-name search
        }
        String name = p.substring(p.lastIndexOf('/') + 1);
        for (String sub : new String[] {"", "Audio", "Media", "audio", "media", "Audio Files", "Samples"}) {
            Path c = (sub.isEmpty() ? folder : folder.resolve(sub)).resolve(name);
            if (Files.isRegularFile(c)) {
                return c;
            }
        }
        return null;
    }
}
