package topdown.format.dawproject;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
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
import topdown.model.PanLaw;
import topdown.model.Send;
import topdown.model.Session;
import topdown.model.Source;
import topdown.model.Tempo;
import topdown.model.Track;
import topdown.model.TrackId;
import topdown.model.TrackKind;

/**
 * DAWproject 1.0 (JAXB tree of project.xml, plus its DOM for ids and payloads) to the neutral model.
 * Channels: regular → Track, submix → GROUP bus, effect → FX bus, master → master. Times in beats go through
 * the tempo map (transport tempo + TempoAutomation) to seconds and then to frames at the session rate, which is
 * the most common sample rate of the project's audio (48 kHz when there is none). Clips are resolved through
 * nested Clips, Warps and loops down to pieces of one audio file each.
 */
final class DpReader {
    static final String FORMAT = "dawproject";
    private static final int MAX_LOOP_PIECES = 10_000;
    static final List<String> EQ_BAND_TYPES = List.of("highPass", "lowPass", "bandPass", "highShelf", "lowShelf", "bell", "notch");

    /** Every element name Project.xsd declares (locally or globally); anything else is reported as unknown. */
    static final Set<String> KNOWN = Set.of("Project", "Application", "Transport", "Tempo", "TimeSignature", "Structure",
            "Track", "Channel", "Devices", "Device", "Vst2Plugin", "Vst3Plugin", "ClapPlugin", "AuPlugin", "BuiltinDevice",
            "Equalizer", "Compressor", "NoiseGate", "Limiter", "Band", "Freq", "Gain", "Q", "Enabled", "InputGain",
            "OutputGain", "Attack", "AutoMakeup", "Ratio", "Release", "Threshold", "Range", "Parameters", "RealParameter",
            "BoolParameter", "IntegerParameter", "EnumParameter", "TimeSignatureParameter", "parameter", "State", "Mute",
            "Pan", "Sends", "Send", "Enable", "Volume", "Arrangement", "Lanes", "Timeline", "Notes", "Note", "Clips", "Clip",
            "ClipSlot", "Markers", "markers", "Marker", "Warps", "Warp", "Audio", "Video", "File", "Points", "Point", "Target",
            "RealPoint", "BoolPoint", "IntegerPoint", "EnumPoint", "TimeSignaturePoint", "TempoAutomation",
            "TimeSignatureAutomation", "Scenes", "Scene");

    private final Path file;
    private final DpArchive arc;
    private final DpProject p;
    private static final int MAX_WARNINGS = 500;
    private static final int MAX_CLIP_PIECES = 200_000;
    private final List<String> warnings = new CappedList(MAX_WARNINGS);
    private int piecesLeft = MAX_CLIP_PIECES;

    /** Keeps the first {@code cap} warnings and counts the rest (summarised when the session is built). */
    private static final class CappedList extends ArrayList<String> {
        private final int cap;
        private int dropped;

        CappedList(int cap) {
            this.cap = cap;
        }

        @Override
        public boolean add(String s) {
            if (size() >= cap) {
                dropped++;
                return false;
            }
            return super.add(s);
        }

        List<String> summary() {
            List<String> out = new ArrayList<>(this);
            if (dropped > 0) {
                out.add("... and " + dropped + " more warning(s) of the same kinds");
            }
            return out;
        }
    }
    private final Map<String, Element> domById = new HashMap<>();
    private final Map<String, DpTimeline> timelineById = new HashMap<>();
    private final Map<String, Source> sources = new LinkedHashMap<>();
    /** channel id → where it goes in the model (a track id or a bus id). */
    private final Map<String, String> channelOwner = new HashMap<>();
    private final Map<String, TrackId> trackByTrackId = new HashMap<>();
    private final Map<DpTrack, TrackId> trackIds = new java.util.IdentityHashMap<>();
    /** Channel → its carry key: its id, or "#n" (n-th Channel element of project.xml) when it has none. */
    private final Map<DpChannel, String> carryKeys = new java.util.IdentityHashMap<>();
    private final Map<TrackId, List<Clip>> clips = new LinkedHashMap<>();
    private final Map<String, List<Automation>> automation = new HashMap<>();
    /** parameter id → {owner channel id, role: volume|pan|mute, DpRealParameter (for units)}. */
    private final Map<String, Object[]> params = new HashMap<>();
    private final List<Marker> markers = new ArrayList<>();
    private DpTempoMap tempo;
    private int rate;
    private String masterChannelId;
    private int clipCounter;

    DpReader(Path file, DpArchive arc, DpProject p) {
        this.file = file;
        this.arc = arc;
        this.p = p;
    }

    Map<String, Source> sources() {
        return sources;
    }

    Session read() throws IOException {
        if (p.version == null || !p.version.startsWith("1.")) {
            throw new SessionFormatException(SourceLocation.element(file, "Project@version"), "DAWproject version '" + p.version
                    + "' is not 1.x");
        }
        indexDom(arc.project.getDocumentElement());
        tempo = tempoMap();
        rate = sessionRate();
        // Structure: channels first (routing needs all ids), then the model objects.
        List<Object[]> chans = new ArrayList<>(); // {DpChannel, DpTrack (may be null), parent submix channel id}
        for (DpReferenceable r : p.structure) {
            if (r instanceof DpTrack) {
                collect((DpTrack) r, null, chans);
            } else if (r instanceof DpChannel) {
                chans.add(new Object[] {r, null, null});
            }
        }
        for (int i = 0; i < chans.size(); i++) {
            DpChannel ch = (DpChannel) chans.get(i)[0];
            carryKeys.put(ch, ch.id != null ? ch.id : "#" + i);
        }
        for (Object[] c : chans) {
            DpChannel ch = (DpChannel) c[0];
            if ("master".equals(ch.role) && masterChannelId == null) {
                masterChannelId = id(ch);
            }
        }
        List<Bus> buses = new ArrayList<>();
        Bus master = null;
        List<Object[]> trackChans = new ArrayList<>();
        for (Object[] c : chans) {
            DpChannel ch = (DpChannel) c[0];
            String role = ch.role == null ? "regular" : ch.role;
            String cid = id(ch);
            switch (role) {
                case "master":
                    if (cid.equals(masterChannelId)) {
                        channelOwner.put(cid, BusId.MASTER.value());
                    } else {
                        warnings.add("second master channel '" + label(c) + "' read as a group bus");
                        channelOwner.put(cid, cid);
                    }
                    break;
                case "submix":
                case "effect":
                    channelOwner.put(cid, cid);
                    break;
                case "vca":
                    warnings.add("VCA channel '" + label(c) + "' is not modelled (its level does not affect the render)");
                    break;
                default:
                    if (c[1] == null) {
                        warnings.add("channel '" + label(c) + "' outside any track read as a group bus");
                        channelOwner.put(cid, cid);
                    } else {
                        channelOwner.put(cid, "track:" + ((DpTrack) c[1]).id);
                    }
            }
        }
        for (Object[] c : chans) {
            DpChannel ch = (DpChannel) c[0];
            indexParams(ch);
            String owner = channelOwner.get(id(ch));
            if (owner != null && owner.startsWith("track:")) {
                DpTrack t = (DpTrack) c[1];
                TrackId tid = new TrackId(t.id == null ? "track" + (trackIds.size() + 1) : t.id);
                trackIds.put(t, tid);
                if (t.id != null) {
                    trackByTrackId.put(t.id, tid);
                }
                trackChans.add(c);
            }
        }
        if (p.arrangement != null) {
            walkArrangement(p.arrangement);
        }
        List<Track> tracks = new ArrayList<>();
        for (Object[] c : chans) {
            DpChannel ch = (DpChannel) c[0];
            String owner = channelOwner.get(id(ch));
            if (owner == null) {
                continue;
            }
            if (owner.equals(BusId.MASTER.value())) {
                master = bus(ch, (DpTrack) c[1], BusKind.MASTER, null);
            } else if (owner.startsWith("track:")) {
                tracks.add(track(ch, (DpTrack) c[1], (String) c[2]));
            } else {
                BusKind kind = "effect".equals(ch.role) ? BusKind.FX : BusKind.GROUP;
                buses.add(bus(ch, (DpTrack) c[1], kind, (String) c[2]));
            }
        }
        if (master == null) {
            warnings.add("no master channel: a stereo master is assumed");
            master = Bus.master(2);
        }
        reportUnknown();
        long end = 0;
        for (Track t : tracks) {
            for (Clip cl : t.clips()) {
                end = Math.max(end, cl.endSamples());
            }
        }
        String name = file.getFileName().toString().replaceFirst("(?i)\\.(dawproject|xml)$", "");
        String version = p.version + (p.application == null ? "" : " (" + p.application.name + " " + p.application.version + ")");
        return new Session(name, FORMAT, version, rate, end, tracks, buses, master, markers, modelTempo(),
                PanLaw.EQUAL_POWER_MINUS_3DB, 0, ((CappedList) warnings).summary());
    }

    // ---- structure -------------------------------------------------------------------------------------------

    private void collect(DpTrack t, String parentSubmix, List<Object[]> out) {
        String here = parentSubmix;
        if (t.channel != null) {
            out.add(new Object[] {t.channel, t, parentSubmix});
            if ("submix".equals(t.channel.role)) {
                here = id(t.channel);
            }
        }
        for (DpTrack c : t.tracks) {
            collect(c, here, out);
        }
    }

    private String id(DpChannel ch) {
        if (ch.id == null) {
            ch.id = "topdown-channel-" + System.identityHashCode(ch);
        }
        return ch.id;
    }

    private static String label(Object[] c) {
        DpChannel ch = (DpChannel) c[0];
        DpTrack t = (DpTrack) c[1];
        return t != null && t.name != null ? t.name : ch.name != null ? ch.name : String.valueOf(ch.id);
    }

    private void indexParams(DpChannel ch) {
        if (ch.volume != null && ch.volume.id != null) {
            params.put(ch.volume.id, new Object[] {id(ch), "volume", ch.volume});
        }
        if (ch.pan != null && ch.pan.id != null) {
            params.put(ch.pan.id, new Object[] {id(ch), "pan", ch.pan});
        }
        if (ch.mute != null && ch.mute.id != null) {
            params.put(ch.mute.id, new Object[] {id(ch), "mute", null});
        }
    }

    private BusId output(DpChannel ch, String parentSubmix, String who) {
        String dest = ch.destination;
        if (dest == null) {
            return parentSubmix != null && channelOwner.containsKey(parentSubmix) ? new BusId(channelOwner.get(parentSubmix))
                    : BusId.MASTER;
        }
        String owner = channelOwner.get(dest);
        if (owner == null) {
            warnings.add("'" + who + "': destination '" + dest + "' is not a channel TopDown models; routed to master");
            return BusId.MASTER;
        }
        if (owner.startsWith("track:")) {
            warnings.add("'" + who + "': routed into the track channel '" + dest + "' (not a bus); routed to master");
            return BusId.MASTER;
        }
        if (owner.equals(id(ch))) {
            warnings.add("'" + who + "': routed to itself; routed to master");
            return BusId.MASTER;
        }
        return new BusId(owner);
    }

    private Gain volume(DpRealParameter v) {
        if (v == null) {
            return Gain.UNITY;
        }
        double x = v.value(1.0);
        if ("decibel".equals(v.unit)) {
            return Gain.ofDb(x);
        }
        return Gain.ofLinear(Math.max(0, x));
    }

    /** Pan position -1..1 from a Pan parameter: normalized 0..1 (0.5 centre) unless min/max say otherwise. */
    static double panPosition(DpRealParameter pan, double value) {
        double min = DpNumbers.parse(pan == null ? null : pan.min, Double.NaN);
        double max = DpNumbers.parse(pan == null ? null : pan.max, Double.NaN);
        if (Double.isNaN(min) || Double.isNaN(max) || max <= min) {
            boolean normalized = pan == null || pan.unit == null || "normalized".equals(pan.unit) || "percent".equals(pan.unit);
            min = normalized ? 0 : -1;
            max = normalized ? ("percent".equals(pan.unit) ? 100 : 1) : 1;
        }
        double pos = 2 * (value - min) / (max - min) - 1;
        return Math.max(-1, Math.min(1, pos));
    }

    private Pan pan(DpRealParameter pan) {
        if (pan == null) {
            return Pan.CENTRE;
        }
        return Pan.of(panPosition(pan, pan.value(DpNumbers.parse(pan.min, 0) + (DpNumbers.parse(pan.max, 1) - DpNumbers.parse(pan.min, 0)) / 2)));
    }

    private List<Send> sends(DpChannel ch, String who) {
        List<Send> out = new ArrayList<>();
        if (ch.sends == null) {
            return out;
        }
        for (DpSend s : ch.sends) {
            String owner = s.destination == null ? null : channelOwner.get(s.destination);
            if (owner == null || owner.startsWith("track:")) {
                warnings.add("'" + who + "': send to '" + s.destination + "' (not a bus) is not modelled");
                continue;
            }
            if (owner.equals(id(ch))) {
                warnings.add("'" + who + "': send to its own channel ignored (feedback)");
                continue;
            }
            boolean muted = s.enable != null && Boolean.FALSE.equals(s.enable.value);
            out.add(new Send(new BusId(owner), volume(s.volume), "pre".equals(s.type), muted,
                    Carry.of(FORMAT, s.id == null ? "" : s.id)));
        }
        return out;
    }

    private Track track(DpChannel ch, DpTrack t, String parentSubmix) {
        String name = t.name != null ? t.name : ch.name != null ? ch.name : t.id;
        TrackId id = trackIds.get(t);
        List<String> ct = t.contentType == null ? List.of() : t.contentType;
        List<Insert> inserts = inserts(ch, name);
        TrackKind kind = ct.contains("audio") || ct.isEmpty() ? TrackKind.AUDIO
                : inserts.stream().anyMatch(i -> i.pluginId().startsWith("instrument:")) ? TrackKind.INSTRUMENT : TrackKind.MIDI;
        int channels = ch.audioChannels == null || ch.audioChannels < 1 ? 2 : ch.audioChannels;
        boolean mute = ch.mute != null && Boolean.TRUE.equals(ch.mute.value);
        boolean solo = Boolean.TRUE.equals(ch.solo);
        return new Track(id, name, kind, channels, clips.getOrDefault(id, List.of()), volume(ch.volume), Gain.UNITY,
                pan(ch.pan), mute, solo, false, output(ch, parentSubmix, name), sends(ch, name), inserts,
                automation.getOrDefault(id(ch), List.of()), Carry.of(FORMAT, carryKeys.get(ch)));
    }

    private Bus bus(DpChannel ch, DpTrack t, BusKind kind, String parentSubmix) {
        String name = t != null && t.name != null ? t.name : ch.name != null ? ch.name : kind == BusKind.MASTER ? "Master" : id(ch);
        int channels = ch.audioChannels == null || ch.audioChannels < 1 ? 2 : ch.audioChannels;
        boolean mute = ch.mute != null && Boolean.TRUE.equals(ch.mute.value);
        boolean solo = Boolean.TRUE.equals(ch.solo);
        BusId id = kind == BusKind.MASTER ? BusId.MASTER : new BusId(id(ch));
        BusId out = kind == BusKind.MASTER ? null : output(ch, parentSubmix, name);
        if (t != null && t.id != null && clipsOnTrack.contains(t.id)) {
            warnings.add("bus '" + name + "' has clips on its own lane: a bus holds no clips in TopDown, they are not played");
        }
        return new Bus(id, name, kind, channels, volume(ch.volume), Gain.UNITY, pan(ch.pan), mute, solo, false, out,
                kind == BusKind.MASTER ? List.of() : sends(ch, name), inserts(ch, name),
                automation.getOrDefault(id(ch), List.of()), Carry.of(FORMAT, carryKeys.get(ch)));
    }

    private final Set<String> clipsOnTrack = new LinkedHashSet<>();

    // ---- devices ---------------------------------------------------------------------------------------------

    private List<Insert> inserts(DpChannel ch, String who) {
        List<Insert> out = new ArrayList<>();
        if (ch.devices == null) {
            return out;
        }
        for (DpDevice d : ch.devices) {
            String name = d.deviceName != null ? d.deviceName : d.name != null ? d.name : d.elementName();
            Map<String, Double> prm = new LinkedHashMap<>();
            InsertKind kind = InsertKind.guess(name);
            if (d instanceof DpEqualizer) {
                kind = InsertKind.EQ;
                DpEqualizer e = (DpEqualizer) d;
                int i = 1;
                for (DpEqBand b : e.bands) {
                    String k = "band" + i++ + ".";
                    prm.put(k + "type", (double) Math.max(0, EQ_BAND_TYPES.indexOf(b.type)));
                    put(prm, k + "freqHz", b.freq);
                    put(prm, k + "gainDb", b.gain);
                    put(prm, k + "q", b.q);
                    if (b.order != null) {
                        prm.put(k + "order", (double) b.order);
                    }
                    if (b.enabled != null && b.enabled.value != null) {
                        prm.put(k + "enabled", b.enabled.value ? 1.0 : 0.0);
                    }
                }
                put(prm, "inputGainDb", e.inputGain);
                put(prm, "outputGainDb", e.outputGain);
            } else if (d instanceof DpCompressor) {
                kind = InsertKind.COMPRESSOR;
                DpCompressor c = (DpCompressor) d;
                put(prm, "thresholdDb", c.threshold);
                put(prm, "ratio", c.ratio);
                put(prm, "attackMs", c.attack);
                put(prm, "releaseMs", c.release);
                put(prm, "inputGainDb", c.inputGain);
                put(prm, "outputGainDb", c.outputGain);
                if (c.autoMakeup != null && c.autoMakeup.value != null) {
                    prm.put("autoMakeup", c.autoMakeup.value ? 1.0 : 0.0);
                }
            } else if (d instanceof DpLimiter) {
                kind = InsertKind.LIMITER;
                DpLimiter l = (DpLimiter) d;
                put(prm, "thresholdDb", l.threshold);
                put(prm, "attackMs", l.attack);
                put(prm, "releaseMs", l.release);
                put(prm, "inputGainDb", l.inputGain);
                put(prm, "outputGainDb", l.outputGain);
            } else if (d instanceof DpNoiseGate) {
                kind = InsertKind.GATE;
                DpNoiseGate g = (DpNoiseGate) d;
                put(prm, "thresholdDb", g.threshold);
                put(prm, "ratio", g.ratio);
                put(prm, "rangeDb", g.range);
                put(prm, "attackMs", g.attack);
                put(prm, "releaseMs", g.release);
            }
            if (d.parameters != null) {
                int n = 0;
                for (DpParameter q : d.parameters) {
                    String key = q.name != null ? q.name : q.parameterID != null ? "param" + q.parameterID : "param#" + n;
                    n++;
                    if (q instanceof DpRealParameter) {
                        double v = ((DpRealParameter) q).value(Double.NaN);
                        if (!Double.isNaN(v)) {
                            prm.put(key, v);
                        }
                    } else if (q instanceof DpBoolParameter && ((DpBoolParameter) q).value != null) {
                        prm.put(key, ((DpBoolParameter) q).value ? 1.0 : 0.0);
                    } else if (q instanceof DpIntegerParameter && ((DpIntegerParameter) q).value != null) {
                        prm.put(key, (double) ((DpIntegerParameter) q).value);
                    } else if (q instanceof DpEnumParameter && ((DpEnumParameter) q).value != null) {
                        prm.put(key, (double) ((DpEnumParameter) q).value);
                    }
                }
            }
            if (d.state != null && d.state.path != null && !Boolean.TRUE.equals(d.state.external) && arc.zipped
                    && !arc.has(d.state.path)) {
                warnings.add("'" + who + "': device '" + name + "' state file '" + d.state.path + "' is missing from the archive");
            }
            boolean bypassed = d.enabled != null && Boolean.FALSE.equals(d.enabled.value);
            String role = d.deviceRole == null ? "audioFX" : d.deviceRole;
            String pluginId = (role.equals("audioFX") ? "" : role + ":") + d.elementName()
                    + (d.deviceID == null ? "" : ":" + d.deviceID);
            Element dom = d.id == null ? null : domById.get(d.id);
            String payload = dom == null ? null : serialize(dom);
            out.add(new Insert(name, kind, bypassed, true, pluginId, prm, payload, null, Carry.of(FORMAT, d.id == null ? "" : d.id)));
        }
        return out;
    }

    /** A parameter in TopDown's unit for its key suffix (Db, Ms, Hz) from the file's unit. */
    private static void put(Map<String, Double> prm, String key, DpRealParameter r) {
        if (r == null) {
            return;
        }
        double v = r.value(Double.NaN);
        if (Double.isNaN(v)) {
            return;
        }
        String u = r.unit == null ? "" : r.unit;
        if (key.endsWith("Db") && u.equals("linear")) {
            v = v <= 0 ? -144 : 20 * Math.log10(v);
        } else if (key.endsWith("Ms") && u.equals("seconds")) {
            v = v * 1000;
        }
        prm.put(key, v);
    }

    private static String serialize(Element e) {
        try {
            javax.xml.transform.TransformerFactory tf = javax.xml.transform.TransformerFactory.newInstance();
            tf.setFeature(javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING, true);
            javax.xml.transform.Transformer t = tf.newTransformer();
            t.setOutputProperty(javax.xml.transform.OutputKeys.OMIT_XML_DECLARATION, "yes");
            java.io.StringWriter w = new java.io.StringWriter();
            t.transform(new javax.xml.transform.dom.DOMSource(e), new javax.xml.transform.stream.StreamResult(w));
            return w.toString();
        } catch (javax.xml.transform.TransformerException ex) {
            throw new IllegalStateException("cannot serialise a device element", ex);
        }
    }

    // ---- time ------------------------------------------------------------------------------------------------

    private DpTempoMap tempoMap() {
        double bpm = 120;
        if (p.transport != null && p.transport.tempo != null) {
            bpm = p.transport.tempo.value(120);
            if (!(bpm >= 1 && bpm <= 10_000)) {
                warnings.add("implausible transport tempo " + p.transport.tempo.value + "; 120 bpm used");
                bpm = 120;
            }
        }
        DpPoints ta = p.arrangement == null ? null : p.arrangement.tempoAutomation;
        if (ta == null || ta.points.isEmpty()) {
            return DpTempoMap.constant(bpm);
        }
        boolean secs = "seconds".equals(ta.timeUnit);
        List<DpTempoMap.Point> pts = new ArrayList<>();
        boolean ramps = false;
        for (DpPoint pt : ta.points) {
            double t = DpNumbers.parse(pt.time, Double.NaN);
            double v = pt.number();
            if (Double.isNaN(t) || !(v >= 1 && v <= 10_000)) {
                warnings.add("tempo point at '" + pt.time + "' ignored (not a time and a tempo)");
                continue;
            }
            boolean linear = pt instanceof DpPoint.Real && !"hold".equals(((DpPoint.Real) pt).interpolation);
            ramps |= linear;
            pts.add(new DpTempoMap.Point(t, secs, v, linear));
        }
        if (ramps && pts.size() > 1) {
            warnings.add("tempo ramps: clip times are converted exactly; the model's tempo list holds the ramp end points only");
        }
        try {
            return DpTempoMap.of(bpm, pts);
        } catch (IllegalArgumentException e) {
            warnings.add("tempo automation ignored: " + e.getMessage());
            return DpTempoMap.constant(bpm);
        }
    }

    private Tempo modelTempo() {
        int num = 4;
        int den = 4;
        if (p.transport != null && p.transport.timeSignature != null) {
            num = p.transport.timeSignature.numerator;
            den = p.transport.timeSignature.denominator;
        }
        List<Tempo.Change> ch = new ArrayList<>();
        for (DpTempoMap.Segment s : tempo.segments()) {
            ch.add(new Tempo.Change(Math.round(s.seconds() * rate), s.bpm(), num, den));
        }
        DpPoints tsa = p.arrangement == null ? null : p.arrangement.timeSignatureAutomation;
        if (tsa != null) {
            boolean beats = !"seconds".equals(tsa.timeUnit);
            for (DpPoint pt : tsa.points) {
                if (pt instanceof DpPoint.TimeSignature) {
                    DpPoint.TimeSignature ts = (DpPoint.TimeSignature) pt;
                    double t = DpNumbers.parse(pt.time, 0);
                    long sample = Math.round((beats ? tempo.seconds(t) : t) * rate);
                    double bpm = tempo.bpmAt(beats ? t : tempo.beats(t));
                    ch.add(new Tempo.Change(sample, bpm, ts.numerator, ts.denominator));
                }
            }
            ch.sort(java.util.Comparator.comparingLong(Tempo.Change::sample));
        }
        return new Tempo(ch);
    }

    private int sessionRate() {
        Map<Integer, Integer> count = new HashMap<>();
        if (p.arrangement != null) {
            countRates(p.arrangement.lanes, count);
        }
        return count.entrySet().stream().filter(e -> e.getKey() >= 8000 && e.getKey() <= 768_000)
                .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse(48_000);
    }

    private static void countRates(DpTimeline t, Map<Integer, Integer> count) {
        if (t == null) {
            return;
        }
        if (t instanceof DpAudio) {
            count.merge(((DpAudio) t).sampleRate, 1, Integer::sum);
        } else if (t instanceof DpLanes) {
            ((DpLanes) t).content.forEach(c -> countRates(c, count));
        } else if (t instanceof DpClips) {
            ((DpClips) t).clips.forEach(c -> countRates(c.content, count));
        } else if (t instanceof DpWarps) {
            countRates(((DpWarps) t).content, count);
        }
    }

    /** A content time axis: local value t maps to absolute seconds through beats (tempo map) or seconds. */
    private record Axis(boolean beats, double offset) {
    }

    private double abs(Axis a, double t) {
        return a.beats ? tempo.seconds(t + a.offset) : t + a.offset;
    }

    private double unitPos(boolean beats, double seconds) {
        return beats ? tempo.beats(seconds) : seconds;
    }

    /** The same zero point in another unit. */
    private Axis reunit(Axis a, String unit) {
        if (unit == null) {
            return a;
        }
        boolean beats = !"seconds".equals(unit);
        if (beats == a.beats) {
            return a;
        }
        return new Axis(beats, unitPos(beats, abs(a, 0)));
    }

    private record Fades(double start, double in, double end, double out) {
    }

    private record Ctx(String track, Axis axis, double winStart, double winEnd, List<Fades> fades, boolean muted,
                       String name, boolean inClip) {
        Ctx with(Axis a) {
            return new Ctx(track, a, winStart, winEnd, fades, muted, name, inClip);
        }
    }

    // ---- arrangement -----------------------------------------------------------------------------------------

    private void walkArrangement(DpArrangement a) {
        String unit = a.lanes != null && a.lanes.timeUnit != null ? a.lanes.timeUnit : "beats";
        Axis top = new Axis(!"seconds".equals(unit), 0);
        if (a.lanes != null) {
            walk(a.lanes, new Ctx(null, top, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, List.of(), false, null, false));
        }
        if (a.markers != null) {
            Axis ma = reunit(top, a.markers.timeUnit);
            for (DpMarker m : a.markers.markers) {
                markers.add(Marker.at(m.name == null ? "" : m.name, Math.round(abs(ma, m.time) * rate)));
            }
        }
    }

    private void walk(DpTimeline t, Ctx ctx) {
        if (t == null) {
            return;
        }
        String track = t.track != null ? t.track : ctx.track;
        Ctx c = new Ctx(track, reunit(ctx.axis, t.timeUnit), ctx.winStart, ctx.winEnd, ctx.fades, ctx.muted, ctx.name, ctx.inClip);
        if (t instanceof DpLanes) {
            for (DpTimeline x : ((DpLanes) t).content) {
                walk(x, c);
            }
        } else if (t instanceof DpClips) {
            for (DpClip cl : ((DpClips) t).clips) {
                clip(cl, c);
            }
        } else if (t instanceof DpPoints) {
            points((DpPoints) t, c);
        } else if (t instanceof DpMarkers) {
            for (DpMarker m : ((DpMarkers) t).markers) {
                markers.add(Marker.at(m.name == null ? "" : m.name, Math.round(Math.max(0, abs(c.axis, m.time)) * rate)));
            }
        } else if (t instanceof DpNotes) {
            warnings.add(where(c) + ": MIDI notes outside a clip (" + ((DpNotes) t).notes.size() + " notes) are not rendered");
        } else if (t instanceof DpAudio || t instanceof DpWarps) {
            if (c.inClip) {
                audio(t, c);
            } else {
                warnings.add(where(c) + ": audio outside a clip is not placed on the timeline");
            }
        } else if (t instanceof DpVideo) {
            DpVideo v = (DpVideo) t;
            warnings.add(where(c) + ": video '" + (v.file == null ? "" : v.file.path) + "' is not read");
        } else if (t instanceof DpClipSlot) {
            if (((DpClipSlot) t).clip != null) {
                warnings.add(where(c) + ": clip launcher slot content is not on the arrangement and is not rendered");
            }
        }
    }

    private String where(Ctx c) {
        String tn = null;
        if (c.track != null) {
            DpTrack t = findTrack(c.track);
            tn = t == null ? c.track : t.name;
        }
        return tn == null ? "arrangement" : "track '" + tn + "'";
    }

    private DpTrack findTrack(String id) {
        for (DpReferenceable r : p.structure) {
            if (r instanceof DpTrack) {
                DpTrack f = findTrack((DpTrack) r, id);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    private static DpTrack findTrack(DpTrack t, String id) {
        if (id.equals(t.id)) {
            return t;
        }
        for (DpTrack c : t.tracks) {
            DpTrack f = findTrack(c, id);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private void clip(DpClip cl, Ctx parent) {
        DpTimeline content = cl.content;
        if (cl.reference != null) {
            content = timelineById.get(cl.reference);
            if (content == null) {
                warnings.add(where(parent) + ": clip '" + cl.name + "' references unknown content '" + cl.reference + "'");
                return;
            }
        }
        if (parent.track != null && !parent.inClip) {
            clipsOnTrack.add(parent.track);
        }
        Axis pa = parent.axis;
        double start = cl.time;
        Double dur = cl.duration;
        if (dur == null && content instanceof DpAudio) {
            double a0 = abs(pa, start);
            dur = unitPos(pa.beats, a0 + ((DpAudio) content).duration) - unitPos(pa.beats, a0);
        }
        if (dur == null || !(dur > 0)) {
            warnings.add(where(parent) + ": clip '" + cl.name + "' at " + start + " has no duration; skipped");
            return;
        }
        double a0 = abs(pa, start);
        double a1 = abs(pa, start + dur);
        double w0 = Math.max(parent.winStart, a0);
        double w1 = Math.min(parent.winEnd, a1);
        boolean cb = cl.contentTimeUnit != null ? !"seconds".equals(cl.contentTimeUnit) : pa.beats;
        boolean fb = cl.fadeTimeUnit != null ? !"seconds".equals(cl.fadeTimeUnit) : pa.beats;
        double fin = cl.fadeInTime == null ? 0 : Math.max(0, cl.fadeInTime);
        double fout = cl.fadeOutTime == null ? 0 : Math.max(0, cl.fadeOutTime);
        double finSec = fb ? tempo.seconds(tempo.beats(a0) + fin) - a0 : fin;
        double foutSec = fb ? a1 - tempo.seconds(tempo.beats(a1) - fout) : fout;
        List<Fades> fades = new ArrayList<>(parent.fades);
        if (finSec > 0 || foutSec > 0) {
            fades.add(new Fades(a0, finSec, a1, foutSec));
        }
        boolean muted = parent.muted || Boolean.FALSE.equals(cl.enable);
        String name = parent.name != null ? parent.name : cl.name;
        double s = cl.playStart == null ? 0 : cl.playStart;
        double base = unitPos(cb, a0);
        if (content instanceof DpNotes) {
            warnings.add(where(parent) + ": note clip '" + (cl.name == null ? "" : cl.name) + "' at "
                    + String.format(Locale.ROOT, "%.3f", a0) + " s (" + ((DpNotes) content).notes.size()
                    + " notes) is MIDI and not rendered");
            return;
        }
        Double ls = cl.loopStart;
        Double le = cl.loopEnd;
        if (ls != null && le != null && le > ls) {
            double e = 0;
            double cs = s < le ? s : ls;
            int pieces = 0;
            while (pieces < MAX_LOOP_PIECES) {
                double len = le - cs;
                double p0 = abs(new Axis(cb, 0), base + e);
                if (p0 >= w1 - 1e-12) {
                    break;
                }
                double p1 = abs(new Axis(cb, 0), base + e + len);
                Ctx pc = new Ctx(parent.track, new Axis(cb, base + e - cs), Math.max(w0, p0), Math.min(w1, p1), fades, muted,
                        name, true);
                walkContent(content, pc);
                e += len;
                cs = ls;
                pieces++;
            }
            if (pieces > 1) {
                warnings.add(where(parent) + ": looped clip '" + (cl.name == null ? "" : cl.name) + "' unrolled into " + pieces
                        + " clips");
            }
            if (pieces == MAX_LOOP_PIECES) {
                warnings.add(where(parent) + ": looped clip '" + cl.name + "' stopped after " + MAX_LOOP_PIECES + " repeats");
            }
        } else {
            double stopAbs = cl.playStop == null ? Double.POSITIVE_INFINITY : abs(new Axis(cb, base - s), cl.playStop);
            Ctx pc = new Ctx(parent.track, new Axis(cb, base - s), w0, Math.min(w1, stopAbs), fades, muted, name, true);
            walkContent(content, pc);
        }
    }

    private void walkContent(DpTimeline content, Ctx c) {
        if (--piecesLeft < 0) {
            if (piecesLeft == -1) {
                warnings.add("more than " + MAX_CLIP_PIECES + " clip pieces (nested loops?): the rest is not read");
            }
            return;
        }
        if (content == null) {
            warnings.add(where(c) + ": empty clip '" + (c.name == null ? "" : c.name) + "'");
            return;
        }
        if (content instanceof DpPoints) {
            warnings.add(where(c) + ": automation inside a clip is not modelled");
            return;
        }
        walk(content, c);
    }

    /** Places Audio (directly or under Warps) as pieces of the current window. */
    private void audio(DpTimeline t, Ctx c) {
        double anchorAbs;
        double anchorFile;
        DpAudio a;
        if (t instanceof DpWarps) {
            DpWarps w = (DpWarps) t;
            if (!(w.content instanceof DpAudio)) {
                warnings.add(where(c) + ": warped content other than audio is not read");
                return;
            }
            a = (DpAudio) w.content;
            if (w.warps.isEmpty()) {
                anchorAbs = abs(c.axis, 0);
                anchorFile = 0;
            } else {
                boolean contentBeats = "beats".equals(w.contentTimeUnit);
                if (contentBeats) {
                    warnings.add(where(c) + ": warp markers with content in beats are read as seconds at the project tempo");
                }
                DpWarp w0 = w.warps.get(0);
                anchorAbs = abs(c.axis, w0.time);
                anchorFile = contentBeats ? tempo.seconds(w0.contentTime) : w0.contentTime;
                for (int i = 1; i < w.warps.size(); i++) {
                    DpWarp x = w.warps.get(i - 1);
                    DpWarp y = w.warps.get(i);
                    double real = abs(c.axis, y.time) - abs(c.axis, x.time);
                    double cont = contentBeats ? tempo.seconds(y.contentTime) - tempo.seconds(x.contentTime) : y.contentTime - x.contentTime;
                    if (real > 0 && Math.abs(cont / real - 1) > 1e-4) {
                        warnings.add(String.format(Locale.ROOT, "%s: clip '%s' is time-stretched (%.4fx between warp markers);"
                                + " played at its original speed from the first warp marker", where(c), c.name == null ? "" : c.name,
                                cont / real));
                        break;
                    }
                }
            }
        } else {
            a = (DpAudio) t;
            anchorAbs = abs(c.axis, 0);
            anchorFile = 0;
        }
        if (c.track == null) {
            warnings.add("audio clip outside any track lane ignored");
            return;
        }
        TrackId tid = trackByTrackId.get(c.track);
        if (tid == null) {
            if (findTrack(c.track) == null) {
                warnings.add("audio clip on '" + c.track + "', which is not a track, ignored");
            }
            return;
        }
        Source src = source(a, c);
        double dur = src.found() && src.sampleRate() > 0 && src.lengthFrames() > 0 ? src.lengthFrames() / (double) src.sampleRate()
                : a.duration;
        double s0 = Math.max(0, c.winStart);
        double s1 = c.winEnd;
        // file position at absolute x: anchorFile + (x - anchorAbs)
        double shift = anchorFile - anchorAbs;
        s0 = Math.max(s0, -shift);
        s1 = Math.min(s1, dur - shift);
        if (!(s1 > s0) || Double.isInfinite(s1)) {
            return;
        }
        long pos = Math.round(s0 * rate);
        long end = Math.round(s1 * rate);
        long off = Math.max(0, Math.round((s0 + shift) * rate));
        if (end <= pos) {
            return;
        }
        long fi = 0;
        long fo = 0;
        for (Fades f : c.fades) {
            if (f.in > 0 && Math.abs(s0 - f.start) < 1e-9) {
                fi = Math.max(fi, Math.round(f.in * rate));
            }
            if (f.out > 0 && Math.abs(s1 - f.end) < 1e-9) {
                fo = Math.max(fo, Math.round(f.out * rate));
            }
        }
        long len = end - pos;
        fi = Math.min(fi, len);
        fo = Math.min(fo, len - fi);
        int chans = src.found() && src.channels() > 0 ? src.channels() : Math.max(1, a.channels);
        List<ClipChannel> cc = new ArrayList<>();
        for (int i = 0; i < chans; i++) {
            cc.add(new ClipChannel(src, i));
        }
        String name = c.name != null ? c.name : src.path().replaceFirst("^.*[/\\\\]", "").replaceFirst("\\.[^.]+$", "");
        clips.computeIfAbsent(tid, k -> new ArrayList<>()).add(new Clip(name, cc, pos, off, len, Gain.UNITY, null,
                Fade.of(fi, FadeShape.LINEAR), Fade.of(fo, FadeShape.LINEAR), c.muted, false,
                Carry.of(FORMAT, "clip" + clipCounter++)));
    }

    private Source source(DpAudio a, Ctx c) {
        String path = a.file == null ? null : a.file.path;
        if (path == null || path.isBlank()) {
            warnings.add(where(c) + ": audio without a file path");
            return Source.missing("dp-missing", "");
        }
        Source known = sources.get(path);
        if (known != null) {
            return known;
        }
        String id = "dp" + (sources.size() + 1);
        String entry = path.startsWith("./") ? path.substring(2) : path;
        Source s;
        boolean external = Boolean.TRUE.equals(a.file.external);
        if (arc.zipped && !external && arc.has(entry)) {
            s = embedded(id, path, entry, a);
        } else {
            Path base = file.toAbsolutePath().getParent();
            Path abs;
            try {
                abs = base.resolve(path).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                abs = null;
            }
            s = abs == null ? Source.missing(id, path) : SourceProbe.probe(id, path, abs, base);
            if (!s.found()) {
                warnings.add("audio file '" + path + "' not found" + (arc.zipped && !external ? " in the archive or beside the project" : ""));
            }
        }
        sources.put(path, s);
        return s;
    }

    private Source embedded(String id, String path, String entry, DpAudio a) {
        try (topdown.format.zip.SafeZip z = topdown.format.zip.SafeZip.open(file);
             java.io.InputStream in = z.open(entry)) {
            byte[] head = in.readNBytes(12);
            if (DpZipWavSource.isWav(head)) {
                try (DpZipWavSource w = DpZipWavSource.open(file, entry)) {
                    return new Source(id, path, "zip:" + entry, w.channels(), w.sampleRate(), w.frames(), w.codec(), true, true);
                }
            }
        } catch (IOException e) {
            warnings.add("embedded audio '" + entry + "' cannot be decoded: " + e.getMessage());
            return new Source(id, path, "zip:" + entry, a.channels, a.sampleRate, Math.round(a.duration * a.sampleRate),
                    "undecodable", true, true);
        }
        // Not WAV (FLAC, AIFF …): extracted on demand by the media resolver; header data from the XML.
        return new Source(id, path, "zip:" + entry, Math.max(1, a.channels), a.sampleRate,
                Math.round(a.duration * a.sampleRate), "", true, true);
    }

    // ---- automation ------------------------------------------------------------------------------------------

    private void points(DpPoints pts, Ctx c) {
        if (pts.target == null || pts.target.parameter == null) {
            warnings.add(where(c) + ": automation without a parameter target (expression/MIDI) is not modelled");
            return;
        }
        Object[] prm = params.get(pts.target.parameter);
        if (prm == null) {
            warnings.add(where(c) + ": automation of parameter '" + pts.target.parameter + "' (a device or transport parameter)"
                    + " is not modelled");
            return;
        }
        String channel = (String) prm[0];
        String role = (String) prm[1];
        DpRealParameter def = (DpRealParameter) prm[2];
        List<AutomationPoint> list = new ArrayList<>();
        boolean hold = true;
        boolean mixed = false;
        for (DpPoint pt : pts.points) {
            double t = DpNumbers.parse(pt.time, Double.NaN);
            double v = pt.number();
            if (Double.isNaN(t) || Double.isNaN(v)) {
                warnings.add(where(c) + ": automation point '" + pt.time + "' ignored (not a number)");
                continue;
            }
            if (pt instanceof DpPoint.Real) {
                boolean h = "hold".equals(((DpPoint.Real) pt).interpolation);
                mixed |= !list.isEmpty() && h != hold;
                hold = h;
            }
            long sample = Math.round(Math.max(0, abs(c.axis, t)) * rate);
            double value;
            Automation.Parameter which;
            switch (role) {
                case "volume":
                    which = Automation.Parameter.GAIN;
                    String unit = pts.unit != null ? pts.unit : def == null ? "linear" : def.unit;
                    value = "decibel".equals(unit) ? Math.pow(10, v / 20) : Math.max(0, v);
                    break;
                case "pan":
                    which = Automation.Parameter.PAN;
                    value = panPosition(def, v);
                    break;
                default:
                    which = Automation.Parameter.MUTE;
                    value = v > 0.5 ? 1 : 0;
                    hold = true;
            }
            if (!list.isEmpty() && sample < list.get(list.size() - 1).sample()) {
                warnings.add(where(c) + ": automation points out of time order; later ones dropped");
                break;
            }
            list.add(AutomationPoint.of(sample, value));
            final Automation.Parameter w = which;
            if (list.size() == 1) {
                automation.computeIfAbsent(channel, k -> new ArrayList<>()).removeIf(x -> x.parameter() == w);
            }
        }
        if (list.isEmpty()) {
            return;
        }
        if (mixed) {
            warnings.add(where(c) + ": automation mixes hold and linear points; read as linear");
        }
        Automation.Parameter which = role.equals("volume") ? Automation.Parameter.GAIN
                : role.equals("pan") ? Automation.Parameter.PAN : Automation.Parameter.MUTE;
        Interpolation in = which == Automation.Parameter.MUTE || hold && !mixed ? Interpolation.STEP : Interpolation.LINEAR;
        automation.computeIfAbsent(channel, k -> new ArrayList<>()).add(new Automation(which, list, in, true));
    }

    // ---- DOM -------------------------------------------------------------------------------------------------

    private void indexDom(Element e) {
        String id = e.getAttribute("id");
        if (!id.isEmpty()) {
            if (domById.put(id, e) != null) {
                warnings.add("duplicate id '" + id + "' in project.xml; the last one wins");
            }
        }
        if (!KNOWN.contains(e.getLocalName() == null ? e.getNodeName() : e.getLocalName())) {
            unknownNames.merge(e.getNodeName(), 1, Integer::sum);
        }
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == Node.ELEMENT_NODE) {
                indexDom((Element) c);
            }
        }
        if (e == arc.project.getDocumentElement() && p.arrangement != null) {
            indexTimelines(p.arrangement.lanes);
        }
    }

    private final Map<String, Integer> unknownNames = new TreeMap<>();

    private void reportUnknown() {
        for (Map.Entry<String, Integer> u : unknownNames.entrySet()) {
            warnings.add("unknown element <" + u.getKey() + "> (" + u.getValue() + "x) not understood; kept as written for round trips");
        }
    }

    private void indexTimelines(DpTimeline t) {
        if (t == null) {
            return;
        }
        if (t.id != null) {
            timelineById.put(t.id, t);
        }
        if (t instanceof DpLanes) {
            ((DpLanes) t).content.forEach(this::indexTimelines);
        } else if (t instanceof DpClips) {
            ((DpClips) t).clips.forEach(c -> indexTimelines(c.content));
        } else if (t instanceof DpWarps) {
            indexTimelines(((DpWarps) t).content);
        }
    }
}
