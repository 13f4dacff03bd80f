package topdown.format.ardour;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import topdown.format.SessionFormatException;
import topdown.format.SourceLocation;
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
import topdown.model.Playback;
import topdown.model.PanLaw;
import topdown.model.Send;
import topdown.model.Session;
import topdown.model.Source;
import topdown.model.Tempo;
import topdown.model.Track;
import topdown.model.TrackId;
import topdown.model.TrackKind;

import static topdown.format.xml.SafeXml.child;
import static topdown.format.xml.SafeXml.children;

/**
 * Ardour sessions (2.x through 7/8) into the neutral model: routes (tracks, buses, master; the monitor
 * section is skipped), output connections to buses, playlists and regions (position, start, length,
 * scale-amplitude, envelope, fades, mute), sources (one per file channel), fader, trim, pan, mute, solo,
 * polarity, aux sends, plugins, gain/trim/pan automation, locations, tempo. Everything else stays in the
 * kept DOM for round trips; what matters for a mix but is not modelled becomes a warning.
 */
final class ArdourReader {
    private final Path file;
    private final Document doc;
    private final List<String> warnings = new ArrayList<>();
    private int rate;
    private int version;
    private double bpm = 120;
    private final Map<String, Source> sources = new HashMap<>();
    private final Map<String, Element> sourceEls = new HashMap<>();
    private final Map<String, Element> playlistsById = new HashMap<>();
    private final Map<String, Element> playlistsByName = new HashMap<>();
    private final Map<String, String> routeIdByName = new HashMap<>();
    private final Map<String, String> routeNameById = new HashMap<>();
    private final Map<String, BusId> busIdByRouteId = new HashMap<>();

    ArdourReader(Path file, Document doc) {
        this.file = file;
        this.doc = doc;
    }

    private void warn(String msg) {
        if (warnings.size() < 300) {
            warnings.add(msg);
        }
    }

    private SessionFormatException bad(String where, String msg) {
        return new SessionFormatException(SourceLocation.element(file, where), msg);
    }

    static int versionOf(Element session) {
        String v = session.getAttribute("version");
        if (v.isEmpty()) {
            return 0;
        }
        if (v.contains(".")) {
            String[] p = v.split("\\.");
            try {
                return Integer.parseInt(p[0]) * 1000 + (p.length > 1 ? Integer.parseInt(p[1]) : 0);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    Session read() throws SessionFormatException {
        Element root = doc.getDocumentElement();
        if (!root.getNodeName().equals("Session")) {
            throw bad("/" + root.getNodeName(), "not an Ardour session (root element is <" + root.getNodeName() + ">)");
        }
        version = versionOf(root);
        if (version >= 9000) {
            warn("session version " + root.getAttribute("version") + " is newer than TopDown knows (up to 8.x); read as 7000-era");
        }
        String sr = root.getAttribute("sample-rate");
        rate = 48000;
        if (!sr.isEmpty()) {
            try {
                rate = Integer.parseInt(sr);
            } catch (NumberFormatException e) {
                throw bad("/Session@sample-rate", "not a number: " + sr);
            }
        } else {
            warn("no sample-rate attribute (Ardour " + (version / 1000) + ".x template): assuming 48000 Hz");
        }
        if (rate < 8000 || rate > 768000) {
            throw bad("/Session@sample-rate", "implausible sample rate " + rate);
        }
        readTempo(root);
        for (Element s : children(child(root, "Sources"), "Source")) {
            sourceEls.put(s.getAttribute("id"), s);
        }
        Element playlists = child(root, "Playlists");
        for (Element p : children(playlists, "Playlist")) {
            playlistsById.put(p.getAttribute("id"), p);
            playlistsByName.put(p.getAttribute("name"), p);
        }
        List<Element> routes = children(child(root, "Routes"), "Route");
        // First pass: names and which routes are buses.
        for (Element r : routes) {
            String name = routeName(r);
            routeIdByName.put(name, r.getAttribute("id"));
            routeNameById.put(r.getAttribute("id"), name);
        }
        List<Track> tracks = new ArrayList<>();
        List<Bus> buses = new ArrayList<>();
        Bus master = Bus.master(2);
        int n = 0;
        for (Element r : routes) {
            String flags = flags(r);
            if (flags.contains("MonitorOut")) {
                continue;
            }
            if (flags.contains("MasterOut")) {
                busIdByRouteId.put(r.getAttribute("id"), BusId.MASTER);
            } else if (!isTrack(r)) {
                busIdByRouteId.put(r.getAttribute("id"), new BusId("b" + r.getAttribute("id")));
            }
        }
        Map<String, List<String>> feeders = new LinkedHashMap<>();
        for (Element r : routes) {
            String flags = flags(r);
            if (flags.contains("MonitorOut")) {
                warn("monitor section skipped (not part of the mix)");
                continue;
            }
            String id = r.getAttribute("id");
            String name = routeName(r);
            String where = "/Session/Routes/Route[@name='" + name + "']";
            Strip strip = strip(r, where, name);
            if (flags.contains("MasterOut")) {
                master = new Bus(BusId.MASTER, name, BusKind.MASTER, Math.max(1, outputChannels(r)), strip.fader, strip.trim,
                        Pan.CENTRE, false, false, strip.polarity, null, List.of(), strip.inserts, strip.automation,
                        Carry.of("ardour", id));
                continue;
            }
            List<BusId> outs = outputs(r);
            BusId out = outs.isEmpty() ? null : outs.get(0);
            List<BusId> more = outs.size() > 1 ? outs.subList(1, outs.size()) : List.of();
            if (isTrack(r)) {
                n++;
                TrackKind kind = r.getAttribute("default-type").equals("midi") || r.hasAttribute("midi-playlist")
                        ? TrackKind.MIDI : TrackKind.AUDIO;
                List<Clip> clips = kind == TrackKind.AUDIO ? clips(r, name) : List.of();
                if (kind == TrackKind.MIDI) {
                    warn("track '" + name + "': MIDI track kept without rendering (no instrument)");
                }
                int ch = Math.max(1, inputChannels(r));
                for (Clip c : clips) {
                    ch = Math.max(ch, c.channels().size());
                }
                tracks.add(new Track(new TrackId("t" + id), name, kind, Math.min(ch, 64), clips, strip.fader, strip.trim,
                        strip.pan, strip.mute, strip.solo, strip.polarity, out, strip.sends, strip.inserts, strip.automation,
                        Carry.of("ardour", id), more));
            } else {
                BusKind kind = BusKind.GROUP;
                buses.add(new Bus(busIdByRouteId.get(id), name, kind, Math.max(1, Math.min(64, outputChannels(r))),
                        strip.fader, strip.trim, strip.pan, strip.mute, strip.solo, strip.polarity, out, strip.sends,
                        strip.inserts, strip.automation, Carry.of("ardour", id), more));
            }
        }
        // A bus fed only by aux sends is an FX return.
        List<Bus> typed = new ArrayList<>();
        for (Bus b : buses) {
            boolean fedByOutput = tracks.stream().anyMatch(t -> b.id().equals(t.output()) || t.extraOutputs().contains(b.id()))
                    || buses.stream().anyMatch(x -> b.id().equals(x.output()) || x.extraOutputs().contains(b.id()));
            boolean fedBySend = tracks.stream().anyMatch(t -> t.sends().stream().anyMatch(s -> s.to().equals(b.id())))
                    || buses.stream().anyMatch(x -> x.sends().stream().anyMatch(s -> s.to().equals(b.id())));
            typed.add(fedBySend && !fedByOutput ? new Bus(b.id(), b.name(), BusKind.FX, b.channels(), b.fader(), b.trim(),
                    b.pan(), b.mute(), b.solo(), b.polarityInverted(), b.output(), b.sends(), b.inserts(), b.automation(),
                    b.carry(), b.extraOutputs()) : b);
        }
        List<Marker> markers = new ArrayList<>();
        long sessionEnd = 0;
        for (Element l : children(child(root, "Locations"), "Location")) {
            String f = l.getAttribute("flags");
            long start = time(l.getAttribute("start"));
            long end = time(l.getAttribute("end"));
            if (f.contains("IsSessionRange")) {
                sessionEnd = end;
                if (start != 0) {
                    warn("session range starts at " + start + " samples; renders start at 0");
                }
            } else if (f.contains("IsMark")) {
                markers.add(Marker.at(l.getAttribute("name"), start));
            } else if (f.contains("IsRangeMarker") || f.contains("IsCDMarker")) {
                markers.add(new Marker(l.getAttribute("name"), start, end));
            }
        }
        String nm = root.getAttribute("name").isEmpty() ? file.getFileName().toString().replaceFirst("\\.[^.]+$", "")
                : root.getAttribute("name");
        return new Session(nm, "ardour", root.getAttribute("version"), rate, sessionEnd, tracks, typed, master, markers,
                new Tempo(List.of(new Tempo.Change(0, bpm, 4, 4))), PanLaw.ARDOUR, 0, warnings, Playback.ARDOUR_EXPORT);
    }

    private void readTempo(Element root) {
        Element tm = child(root, "TempoMap");
        if (tm == null) {
            return;
        }
        Element tempos = child(tm, "Tempos");
        Element t = tempos != null ? child(tempos, "Tempo") : child(tm, "Tempo");
        if (t != null) {
            String v = t.hasAttribute("npm") ? t.getAttribute("npm") : t.getAttribute("beats-per-minute");
            try {
                if (!v.isEmpty()) {
                    bpm = Double.parseDouble(v);
                }
            } catch (NumberFormatException e) {
                warn("unreadable tempo '" + v + "'");
            }
        }
    }

    private long time(String v) {
        try {
            return ArdourTime.samples(v, rate, bpm);
        } catch (NumberFormatException e) {
            warn("unreadable time value '" + v + "'");
            return 0;
        }
    }

    static String flags(Element r) {
        Element pi = child(r, "PresentationInfo");
        String f = pi != null ? pi.getAttribute("flags") : "";
        return f + "," + r.getAttribute("flags");
    }

    private static String routeName(Element r) {
        String n = r.getAttribute("name");
        if (n.isEmpty()) {
            Element io = child(r, "IO");
            n = io != null ? io.getAttribute("name") : "route " + r.getAttribute("id");
        }
        return n;
    }

    static boolean isTrack(Element r) {
        String f = flags(r);
        return f.contains("AudioTrack") || f.contains("MidiTrack") || r.hasAttribute("audio-playlist")
                || r.hasAttribute("midi-playlist") || r.hasAttribute("playlist") || r.hasAttribute("diskstream-id")
                || child(r, "Diskstream") != null;
    }

    private List<Element> ios(Element r, String direction) {
        List<Element> out = new ArrayList<>();
        for (Element io : children(r, "IO")) {
            if (io.getAttribute("direction").equalsIgnoreCase(direction)) {
                out.add(io);
            }
        }
        return out;
    }

    private int outputChannels(Element r) {
        for (Element io : ios(r, "Output")) {
            return Math.max(1, children(io, "Port").size());
        }
        return 2;
    }

    private int inputChannels(Element r) {
        for (Element io : ios(r, "Input")) {
            int n = 0;
            for (Element p : children(io, "Port")) {
                if (!"midi".equals(p.getAttribute("type"))) {
                    n++;
                }
            }
            return Math.max(1, n);
        }
        return 1;
    }

    /**
     * The buses a route's outputs connect to, in connection order (Ardour mixes the route's output into
     * every bus input it is wired to).
     */
    private List<BusId> outputs(Element r) {
        List<String> targets = new ArrayList<>();
        for (Element io : ios(r, "Output")) {
            for (Element p : children(io, "Port")) {
                for (Element c : children(p, "Connection")) {
                    String other = c.getAttribute("other");
                    int slash = other.indexOf('/');
                    if (slash > 0) {
                        String rn = other.substring(0, slash);
                        if (!targets.contains(rn)) {
                            targets.add(rn);
                        }
                    }
                }
            }
            // Ardour 2: output connections in the IO's "outputs" attribute: {Master/in 1}{Master/in 2}
            String legacy = io.getAttribute("outputs");
            for (String part : legacy.split("[{}]")) {
                int slash = part.indexOf('/');
                if (slash > 0 && !targets.contains(part.substring(0, slash))) {
                    targets.add(part.substring(0, slash));
                }
            }
        }
        List<BusId> out = new ArrayList<>();
        for (String t : targets) {
            String rid = routeIdByName.get(t);
            BusId b = rid == null ? null : busIdByRouteId.get(rid);
            if (b != null && !out.contains(b)) {
                out.add(b);
            }
        }
        return out;
    }

    /** Fader, trim, pan, switches, sends, plugins and automation of a route's processor chain. */
    private static final class Strip {
        Gain fader = Gain.UNITY;
        Gain trim = Gain.UNITY;
        Pan pan = Pan.CENTRE;
        boolean mute;
        boolean solo;
        boolean polarity;
        final List<Send> sends = new ArrayList<>();
        final List<Insert> inserts = new ArrayList<>();
        final List<Automation> automation = new ArrayList<>();
    }

    private Strip strip(Element r, String where, String name) {
        Strip s = new Strip();
        for (Element c : children(r, "Controllable")) {
            String cn = c.getAttribute("name");
            if (cn.equals("mute")) {
                s.mute = truthy(c.getAttribute("value"));
            } else if (cn.equals("solo")) {
                s.solo = truthy(c.getAttribute("self-solo")) || truthy(c.getAttribute("value"));
            } else if (cn.equals("phase")) {
                String bits = c.getAttribute("phase-invert");
                s.polarity = bits.contains("1") || truthy(c.getAttribute("value"));
                if (bits.length() > 1 && bits.contains("1") && bits.contains("0")) {
                    warn("route '" + name + "': polarity inverted on some channels only (" + bits + "); modelled as all");
                }
            }
        }
        Element mm = child(r, "MuteMaster");
        if (mm != null && truthy(mm.getAttribute("muted"))) {
            s.mute = true;
        }
        Element pannable = child(r, "Pannable");
        double az = 0.5;
        double width = 1.0;
        if (pannable != null) {
            for (Element c : children(pannable, "Controllable")) {
                if (c.getAttribute("name").equals("pan-azimuth")) {
                    az = num(c.getAttribute("value"), 0.5);
                } else if (c.getAttribute("name").equals("pan-width")) {
                    width = num(c.getAttribute("value"), 1.0);
                }
            }
            Element auto = child(pannable, "Automation");
            for (Element al : children(auto, "AutomationList")) {
                if (al.getAttribute("automation-id").equals("pan-azimuth")) {
                    Automation a = lane(al, Automation.Parameter.PAN, true);
                    if (a != null) {
                        s.automation.add(a);
                    }
                }
            }
        }
        // The panner: Ardour 7 gives stereo routes "Stereo Balance" unless the user chose "Equal Power
        // Stereo" (panner_2in2out), whose width is real (0 = both channels at the position, i.e. mono).
        // The balance panner has no width; Ardour saves 0 there, which means nothing.
        boolean widthPanner = false;
        for (Element p : children(r, "Processor")) {
            if (p.getAttribute("type").equals("main-outs")) {
                Element shell = child(p, "PannerShell");
                Element panner = shell == null ? null : child(shell, "Panner");
                String chosen = (shell == null ? "" : shell.getAttribute("user-panner")) + " "
                        + (panner == null ? "" : panner.getAttribute("uri") + " " + panner.getAttribute("type"));
                widthPanner = chosen.contains("panner_2in2out") || chosen.contains("Equal Power Stereo");
            }
        }
        s.pan = widthPanner
                ? new Pan(Math.max(-1, Math.min(1, 2 * az - 1)), Math.max(-1, Math.min(1, width)), Pan.Stereo.WIDTH)
                : new Pan(Math.max(-1, Math.min(1, 2 * az - 1)), Math.max(-1, Math.min(1, width == 0 ? 1 : width)));
        boolean afterFader = false;
        for (Element p : children(r, "Processor")) {
            String type = p.getAttribute("type");
            switch (type) {
                case "amp": {
                    Element gc = controllable(p, "gaincontrol");
                    if (gc != null) {
                        s.fader = Gain.ofLinear(Math.max(0, num(gc.getAttribute("value"), 1)));
                    }
                    addLanes(p, "gain", Automation.Parameter.GAIN, s);
                    afterFader = true;
                    break;
                }
                case "trim": {
                    Element tc = controllable(p, "trimcontrol");
                    if (tc != null) {
                        s.trim = Gain.ofLinear(Math.max(0, num(tc.getAttribute("value"), 1)));
                    }
                    addLanes(p, "trim", Automation.Parameter.TRIM, s);
                    break;
                }
                case "intsend": {
                    if (!"Aux".equals(p.getAttribute("role")) && !p.getAttribute("role").isEmpty()) {
                        break; // monitor/listen sends are not part of the mix
                    }
                    BusId to = busIdByRouteId.get(p.getAttribute("target"));
                    if (to == null) {
                        warn("route '" + name + "': aux send to unknown route " + p.getAttribute("target"));
                        break;
                    }
                    double g = 1;
                    for (Element inner : children(p, "Processor")) {
                        Element gc = controllable(inner, "gaincontrol");
                        if (gc != null) {
                            g = num(gc.getAttribute("value"), 1);
                        }
                    }
                    Element direct = controllable(p, "gaincontrol");
                    if (direct != null) {
                        g = num(direct.getAttribute("value"), g);
                    }
                    s.sends.add(new Send(to, Gain.ofLinear(Math.max(0, g)), !afterFader, !truthy(p.getAttribute("active")),
                            Carry.of("ardour", p.getAttribute("id"))));
                    break;
                }
                case "main-outs":
                case "meter":
                case "diskreader":
                case "diskwriter":
                case "polarity":
                case "triggerbox":
                case "intreturn":
                case "capture":
                case "monitor":
                case "delay":
                    break;
                default:
                    if (type.isEmpty()) {
                        break;
                    }
                    s.inserts.add(plugin(p, type, afterFader));
            }
        }
        // Ardour 2: gain on the IO.
        for (Element io : ios(r, "Output")) {
            if (io.hasAttribute("gain") && version < 3000) {
                s.fader = Gain.ofLinear(Math.max(0, num(io.getAttribute("gain"), 1)));
            }
        }
        return s;
    }

    private Insert plugin(Element p, String type, boolean postFader) {
        String name = p.getAttribute("name");
        String uri = p.getAttribute("unique-id");
        Map<String, Double> params = new LinkedHashMap<>();
        for (Element c : children(p, "Controllable")) {
            if (c.hasAttribute("parameter") || c.hasAttribute("symbol")) {
                params.put(c.getAttribute("name"), num(c.getAttribute("value"), 0));
            }
        }
        if (params.isEmpty()) {
            Element lv2 = child(p, "lv2");
            for (Element port : children(lv2, "Port")) {
                params.put(port.getAttribute("symbol"), num(port.getAttribute("value"), 0));
            }
        }
        InsertKind kind = InsertKind.guess(name + " " + uri);
        return new Insert(name, kind, !truthy(p.getAttribute("active")), !postFader, type + ":" + uri, params, null, null,
                Carry.of("ardour", p.getAttribute("id")));
    }

    private static Element controllable(Element p, String name) {
        for (Element c : children(p, "Controllable")) {
            if (c.getAttribute("name").equals(name)) {
                return c;
            }
        }
        return null;
    }

    private void addLanes(Element processor, String id, Automation.Parameter param, Strip s) {
        for (Element al : children(child(processor, "Automation"), "AutomationList")) {
            if (al.getAttribute("automation-id").equals(id)) {
                Automation a = lane(al, param, false);
                if (a != null) {
                    s.automation.add(a);
                }
            }
        }
    }

    /** An automation list; pan values are Ardour azimuth 0..1, turned into -1..1. */
    private Automation lane(Element al, Automation.Parameter param, boolean pan) {
        Element ev = child(al, "events");
        if (ev == null || ev.getTextContent().isBlank()) {
            return null;
        }
        List<AutomationPoint> pts = new ArrayList<>();
        for (String line : ev.getTextContent().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2) {
                continue;
            }
            try {
                double v = Double.parseDouble(f[1]);
                pts.add(AutomationPoint.of(time(f[0]), pan ? 2 * v - 1 : v));
            } catch (NumberFormatException e) {
                warn("unreadable automation event '" + line.trim() + "'");
            }
        }
        if (pts.isEmpty()) {
            return null;
        }
        pts.sort(java.util.Comparator.comparingLong(AutomationPoint::sample));
        String style = al.getAttribute("interpolation-style");
        // Ardour: "Exponential" (gain, send level, envelope) is linear on the fader's position scale;
        // "Logarithmic" (trim) is linear in dB: from·(to/from)^f.
        Interpolation interp = style.equals("Discrete") ? Interpolation.STEP
                : style.equals("Exponential") ? Interpolation.ARDOUR_GAIN
                : style.equals("Logarithmic") ? Interpolation.LINEAR_DB : Interpolation.LINEAR;
        String state = al.getAttribute("state");
        boolean active = state.equals("Play") || state.equals("Touch") || state.equals("Latch");
        return new Automation(param, pts, interp, active, al.getAttribute("time-domain").equals("BeatTime"));
    }

    private static boolean truthy(String v) {
        return v.equals("1") || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("true");
    }

    private static double num(String v, double d) {
        try {
            return v.isEmpty() ? d : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return d;
        }
    }

    // ------------------------------------------------------------------ regions

    private List<Clip> clips(Element r, String name) {
        Element pl = null;
        String plId = r.getAttribute("audio-playlist");
        if (!plId.isEmpty()) {
            pl = playlistsById.get(plId);
        }
        if (pl == null) {
            Element ds = child(r, "Diskstream");
            String plName = ds != null ? ds.getAttribute("playlist") : r.getAttribute("playlist");
            if (!plName.isEmpty()) {
                pl = playlistsByName.get(plName);
            }
        }
        if (pl == null && r.hasAttribute("diskstream-id")) {
            // Ardour 2: Diskstreams section maps the id to a playlist name.
            for (Element d : children(child(doc.getDocumentElement(), "DiskStreams"), null)) {
                if (d.getAttribute("id").equals(r.getAttribute("diskstream-id"))) {
                    pl = playlistsByName.get(d.getAttribute("playlist"));
                }
            }
        }
        if (pl == null) {
            pl = playlistsByName.get(name);
        }
        List<Clip> out = new ArrayList<>();
        if (pl == null) {
            return out;
        }
        for (Element reg : children(pl, "Region")) {
            Clip c = region(reg, name);
            if (c != null) {
                out.add(c);
            }
        }
        out.sort(java.util.Comparator.comparingLong(Clip::positionSamples));
        return out;
    }

    private Clip region(Element reg, String track) {
        String len = reg.getAttribute("length");
        long position;
        long length;
        if (len.contains("@")) {
            length = time(len.substring(0, len.indexOf('@')));
            position = time(len.substring(len.indexOf('@') + 1));
        } else {
            length = time(len);
            position = time(reg.getAttribute("position"));
        }
        long start = time(reg.getAttribute("start"));
        int channels = 0;
        List<ClipChannel> chans = new ArrayList<>();
        for (int k = 0; k < 64 && reg.hasAttribute("source-" + k); k++) {
            Source src = source(reg.getAttribute("source-" + k));
            int ch = 0;
            Element se = sourceEls.get(reg.getAttribute("source-" + k));
            if (se != null && !se.getAttribute("channel").isEmpty() && src.channels() > 1) {
                ch = (int) num(se.getAttribute("channel"), 0);
            }
            chans.add(new ClipChannel(src, Math.min(ch, Math.max(0, src.channels() - 1))));
            channels++;
        }
        if (channels == 0) {
            warn("track '" + track + "': region '" + reg.getAttribute("name") + "' has no sources");
            return null;
        }
        double scale = num(reg.getAttribute("scale-amplitude"), 1);
        boolean polarity = scale < 0;
        Automation env = null;
        if (truthy(reg.getAttribute("envelope-active"))) {
            Element e = child(reg, "Envelope");
            Element al = e == null ? null : child(e, "AutomationList");
            if (al != null) {
                Automation a = lane(al, Automation.Parameter.CLIP_GAIN, false);
                if (a != null) {
                    env = new Automation(Automation.Parameter.CLIP_GAIN, a.points(), a.interpolation(), true, a.musicTime());
                }
            }
        }
        Fade in = fade(reg, "FadeIn", "fade-in-active");
        Fade out = fade(reg, "FadeOut", "fade-out-active");
        return new Clip(reg.getAttribute("name"), chans, position, start, length, Gain.ofLinear(Math.abs(scale)), env, in, out,
                truthy(reg.getAttribute("muted")), polarity, Carry.of("ardour", reg.getAttribute("id")));
    }

    /** A fade: length from the curve's last point; shape from its form (2 points: linear). */
    private Fade fade(Element reg, String el, String activeAttr) {
        if (reg.hasAttribute(activeAttr) && !truthy(reg.getAttribute(activeAttr))) {
            return Fade.NONE;
        }
        Element f = child(reg, el);
        Element al = f == null ? null : child(f, "AutomationList");
        Element ev = al == null ? null : child(al, "events");
        if (ev == null) {
            return Fade.NONE;
        }
        String[] lines = ev.getTextContent().trim().split("\n");
        if (lines.length < 2) {
            return Fade.NONE;
        }
        List<double[]> pts = new ArrayList<>();
        List<Fade.Point> stored = new ArrayList<>();
        for (String l : lines) {
            String[] p = l.trim().split("\\s+");
            if (p.length >= 2) {
                pts.add(new double[] {time(p[0]), num(p[1], 0)});
                stored.add(new Fade.Point(exactSamples(p[0]), num(p[1], 0)));
            }
        }
        long length = (long) pts.get(pts.size() - 1)[0];
        if (length <= 1) {
            return Fade.NONE;
        }
        stored.sort(java.util.Comparator.comparingDouble(Fade.Point::sample));
        if (pts.size() == 2) {
            return Fade.of(length, FadeShape.LINEAR).withPoints(stored);
        }
        // Classify Ardour's shapes by the curve read as a fade in (a fade out's points fall: read them
        // backwards). Half way: constant power ~0.71, symmetric 0.6, linear 0.5, slow ~0.10, fast ~0.03;
        // three quarters separates slow (~0.55) from fast (~0.18).
        boolean in = el.equals("FadeIn");
        double mid = valueAt(pts, length / 2.0);
        double q3 = valueAt(pts, in ? length * 0.75 : length * 0.25);
        FadeShape shape = mid > 0.65 ? FadeShape.CONSTANT_POWER : mid >= 0.4 ? FadeShape.SYMMETRIC
                : q3 < 0.35 ? FadeShape.FAST : FadeShape.SLOW;
        return Fade.of(length, shape).withPoints(stored);
    }

    /** A time value in (possibly fractional) samples: Ardour 7 fade breakpoints need not sit on samples. */
    private double exactSamples(String v) {
        String t = v.trim();
        try {
            if (t.startsWith("a")) {
                return Long.parseLong(t.substring(1)) * (double) rate / ArdourTime.SUPERCLOCK_RATE;
            }
            if (!t.startsWith("b")) {
                // Ardour 3-6 wrote sample counts, fractional in fade curves; Ardour 7 loads them as whole
                // samples (truncated), and that is what it plays
                return (long) Double.parseDouble(t);
            }
        } catch (NumberFormatException e) {
            // fall through to the rounded reading (which warns)
        }
        return time(t);
    }

    private static double valueAt(List<double[]> pts, double t) {
        for (int i = 1; i < pts.size(); i++) {
            if (pts.get(i)[0] >= t) {
                double[] a = pts.get(i - 1);
                double[] b = pts.get(i);
                double f = b[0] == a[0] ? 0 : (t - a[0]) / (b[0] - a[0]);
                return a[1] + (b[1] - a[1]) * f;
            }
        }
        return pts.get(pts.size() - 1)[1];
    }

    private Source source(String id) {
        Source known = sources.get(id);
        if (known != null) {
            return known;
        }
        Element se = sourceEls.get(id);
        Source s;
        if (se == null) {
            warn("region refers to source " + id + " that the session does not list");
            s = Source.missing("s" + id, "source " + id);
        } else {
            String name = se.getAttribute("name");
            Path folder = file.toAbsolutePath().getParent();
            Path found = locate(folder, name, se.getAttribute("origin"));
            if (found == null) {
                warn("missing media: " + name);
                s = Source.missing("s" + id, name);
            } else {
                s = SourceProbe.probe("s" + id, name, found, folder);
            }
        }
        sources.put(id, s);
        return s;
    }

    /** Where Ardour finds a source: absolute path, interchange/&lt;any&gt;/audiofiles, sounds/ (Ardour 2), the folder. */
    static Path locate(Path folder, String name, String origin) {
        Path p = locateRaw(folder, name, origin);
        return p == null ? null : followTextLink(p);
    }

    /**
     * A symbolic link checked out as a plain file (git without symlink support stores the link target as
     * the file's text): a tiny file whose content is a path to an existing file is followed.
     */
    static Path followTextLink(Path p) {
        try {
            if (Files.size(p) > 0 && Files.size(p) < 1024) {
                String t = Files.readString(p, java.nio.charset.StandardCharsets.UTF_8).trim();
                if (!t.contains("\n") && (t.startsWith("../") || t.startsWith("./") || t.startsWith("/"))) {
                    Path target = p.getParent().resolve(t).normalize();
                    if (Files.isRegularFile(target) && Files.size(target) >= 1024) {
                        return target;
                    }
                }
            }
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            return p;
        }
        return p;
    }

    static Path locateRaw(Path folder, String name, String origin) {
        try {
            Path p = Path.of(name);
            if (p.isAbsolute() && Files.isRegularFile(p)) {
                return p;
            }
            Path inter = folder.resolve("interchange");
            if (Files.isDirectory(inter)) {
                try (var dirs = Files.list(inter)) {
                    for (Path d : (Iterable<Path>) dirs::iterator) {
                        Path c = d.resolve("audiofiles").resolve(p.getFileName().toString());
                        if (Files.isRegularFile(c)) {
                            return c;
                        }
                    }
                }
            }
            for (Path c : new Path[] {folder.resolve("sounds").resolve(name), folder.resolve(name)}) {
                if (Files.isRegularFile(c) && c.normalize().startsWith(folder)) {
                    return c;
                }
            }
            if (!origin.isEmpty()) {
                Path o = Path.of(origin);
                if (o.isAbsolute() && Files.isRegularFile(o)) {
                    return o;
                }
            }
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            return null;
        }
        return null;
    }

    List<String> warnings() {
        return warnings;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
