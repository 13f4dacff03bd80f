package topdown.format.topdown;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import topdown.format.SessionFormatException;
import topdown.format.SourceLocation;
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
import topdown.model.Playback;
import topdown.model.Send;
import topdown.model.Session;
import topdown.model.Source;
import topdown.model.Tempo;
import topdown.model.Track;
import topdown.model.TrackId;
import topdown.model.TrackKind;

/**
 * The {@code topdown.session/1} JSON document of CLI.md, both ways. The fields CLI.md lists are always
 * present; extra fields (fade shapes, automation, pan law, source details) make the document a
 * complete session that TopDown reads back (positions round to exact samples).
 */
public final class SessionJson {
    public static final String SCHEMA = "topdown.session/1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SessionJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String toJson(Session s) {
        try {
            return MAPPER.writeValueAsString(toTree(s)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object db(Gain g) {
        return g.isSilence() ? null : g.db();
    }

    /** Values are written exactly (shortest round-tripping decimal), so a re-read session renders identically. */
    private static double round6(double v) {
        return v;
    }

    private static double sec(long samples, int rate) {
        return samples / (double) rate;
    }

    public static ObjectNode toTree(Session s) {
        int rate = s.sampleRate();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("format", s.format());
        root.put("formatVersion", s.formatVersion());
        root.put("name", s.name());
        root.put("sampleRate", rate);
        root.put("lengthSeconds", sec(s.contentEndSamples(), rate));
        if (s.timecodeStartSamples() != 0) {
            root.put("timecodeStartSeconds", sec(s.timecodeStartSamples(), rate));
        }
        root.put("panLaw", s.panLaw().name());
        if (!s.playback().exact()) {
            root.putObject("playback").put("cycleSamples", s.playback().cycleSamples())
                    .put("outputLatencySamples", s.playback().outputLatencySamples())
                    .put("gainSmoothingPerSecond", s.playback().gainSmoothingPerSecond())
                    .put("diskBufferSeconds", s.playback().diskBufferSeconds());
        }
        ArrayNode tempo = root.putArray("tempo");
        for (Tempo.Change c : s.tempo().changes()) {
            tempo.addObject().put("positionSeconds", sec(c.sample(), rate)).put("bpm", c.bpm())
                    .put("beatsPerBar", c.beatsPerBar()).put("noteValue", c.noteValue());
        }
        ArrayNode tracks = root.putArray("tracks");
        for (Track t : s.tracks()) {
            ObjectNode o = tracks.addObject();
            o.put("id", t.id().value());
            o.put("name", t.name());
            o.put("kind", t.kind().jsonName());
            o.put("channels", t.channels());
            o.putPOJO("gainDb", db(t.fader()));
            o.put("pan", round6(t.pan().position()));
            o.put("width", round6(t.pan().width()));
            if (t.pan().stereo() != Pan.Stereo.BALANCE) {
                o.put("panStereo", t.pan().stereo().name());
            }
            o.put("mute", t.mute());
            o.put("solo", t.solo());
            o.put("polarityInverted", t.polarityInverted());
            o.putPOJO("trimDb", db(t.trim()));
            o.put("output", t.output() == null ? null : t.output().value());
            extraOutputs(o, t.extraOutputs());
            sends(o.putArray("sends"), t.sends());
            inserts(o.putArray("inserts"), t.inserts());
            automation(o.putArray("automation"), t.automation(), rate);
            ArrayNode clips = o.putArray("clips");
            for (Clip c : t.clips()) {
                ObjectNode co = clips.addObject();
                co.put("name", c.name());
                Source src = c.source();
                co.put("source", src == null ? null : (src.resolved() != null ? src.resolved() : src.path()));
                co.put("sourceFound", src != null && src.found());
                co.put("positionSeconds", sec(c.positionSamples(), rate));
                co.put("offsetSeconds", sec(c.offsetSamples(), rate));
                co.put("lengthSeconds", sec(c.lengthSamples(), rate));
                co.putPOJO("gainDb", db(c.gain()));
                co.put("fadeInSeconds", sec(c.fadeIn().lengthSamples(), rate));
                co.put("fadeOutSeconds", sec(c.fadeOut().lengthSamples(), rate));
                co.put("fadeInShape", c.fadeIn().shape().name());
                co.put("fadeOutShape", c.fadeOut().shape().name());
                if (c.fadeIn().curve() != 0) {
                    co.put("fadeInCurve", c.fadeIn().curve());
                }
                if (c.fadeOut().curve() != 0) {
                    co.put("fadeOutCurve", c.fadeOut().curve());
                }
                // the stored fade curves (Ardour), [sample, gain] pairs, written exactly
                for (String k : new String[] {"fadeIn", "fadeOut"}) {
                    Fade f = k.equals("fadeIn") ? c.fadeIn() : c.fadeOut();
                    if (!f.points().isEmpty()) {
                        var arr = co.putArray(k + "Points");
                        for (Fade.Point pt : f.points()) {
                            arr.addArray().add(pt.sample()).add(pt.gain());
                        }
                    }
                }
                co.put("muted", c.muted());
                if (c.polarityInverted()) {
                    co.put("polarityInverted", true);
                }
                if (c.gainEnvelope() != null) {
                    automation(co.putArray("gainEnvelope"), List.of(c.gainEnvelope()), rate);
                }
                ArrayNode ch = co.putArray("channels");
                for (ClipChannel cc : c.channels()) {
                    ch.addObject().put("source", cc.source().resolved() != null ? cc.source().resolved()
                            : cc.source().path()).put("path", cc.source().path()).put("channel", cc.channel())
                            .put("found", cc.source().found()).put("sourceChannels", cc.source().channels())
                            .put("sourceRate", cc.source().sampleRate())
                            .put("sourceFrames", cc.source().lengthFrames())
                            .put("embedded", cc.source().embedded());
                }
            }
        }
        ArrayNode buses = root.putArray("buses");
        for (Bus b : s.buses()) {
            ObjectNode o = buses.addObject();
            o.put("id", b.id().value());
            o.put("name", b.name());
            o.put("kind", b.kind().name().toLowerCase(java.util.Locale.ROOT));
            o.put("channels", b.channels());
            o.putPOJO("gainDb", db(b.fader()));
            o.put("pan", round6(b.pan().position()));
            o.put("width", round6(b.pan().width()));
            if (b.pan().stereo() != Pan.Stereo.BALANCE) {
                o.put("panStereo", b.pan().stereo().name());
            }
            o.put("mute", b.mute());
            o.put("solo", b.solo());
            o.put("polarityInverted", b.polarityInverted());
            o.putPOJO("trimDb", db(b.trim()));
            o.put("output", b.output() == null ? null : b.output().value());
            extraOutputs(o, b.extraOutputs());
            sends(o.putArray("sends"), b.sends());
            inserts(o.putArray("inserts"), b.inserts());
            automation(o.putArray("automation"), b.automation(), rate);
        }
        ObjectNode m = root.putObject("master");
        m.putPOJO("gainDb", db(s.master().fader()));
        m.put("channels", s.master().channels());
        inserts(m.putArray("inserts"), s.master().inserts());
        automation(m.putArray("automation"), s.master().automation(), rate);
        ArrayNode markers = root.putArray("markers");
        for (Marker mk : s.markers()) {
            ObjectNode o = markers.addObject().put("name", mk.name()).put("positionSeconds", sec(mk.positionSamples(), rate));
            if (mk.endSamples() > mk.positionSamples()) {
                o.put("endSeconds", sec(mk.endSamples(), rate));
            }
        }
        ArrayNode w = root.putArray("warnings");
        s.warnings().forEach(w::add);
        return root;
    }

    private static void sends(ArrayNode a, List<Send> sends) {
        for (Send sd : sends) {
            a.addObject().put("to", sd.to().value()).putPOJO("gainDb", db(sd.gain())).put("preFader", sd.preFader())
                    .put("muted", sd.muted());
        }
    }

    private static void inserts(ArrayNode a, List<Insert> inserts) {
        for (Insert in : inserts) {
            ObjectNode o = a.addObject().put("name", in.name()).put("kind", in.kind().jsonName())
                    .put("bypassed", in.bypassed()).put("preFader", in.preFader()).put("pluginId", in.pluginId());
            if (in.topdownProcessor() != null) {
                o.put("topdownProcessor", in.topdownProcessor());
            }
            ObjectNode p = o.putObject("parameters");
            in.parameters().forEach(p::put);
        }
    }

    private static void extraOutputs(ObjectNode o, List<BusId> extra) {
        if (!extra.isEmpty()) {
            ArrayNode a = o.putArray("extraOutputs");
            extra.forEach(x -> a.add(x.value()));
        }
    }

    private static void automation(ArrayNode a, List<Automation> lanes, int rate) {
        for (Automation lane : lanes) {
            ObjectNode o = a.addObject().put("parameter", lane.parameter().name())
                    .put("interpolation", lane.interpolation().name()).put("active", lane.active());
            if (lane.musicTime()) {
                o.put("musicTime", true);
            }
            ArrayNode pts = o.putArray("points");
            for (AutomationPoint p : lane.points()) {
                ArrayNode pt = pts.addArray().add(sec(p.sample(), rate)).add(p.value());
                if (p.shape() != 0) {
                    pt.add(p.shape());
                }
            }
        }
    }

    // ---------------------------------------------------------------- reading

    /** Parses a {@code topdown.session/1} document; relative sources resolve against {@code folder}. */
    public static Session fromJson(Path file, JsonNode root, Path folder) throws SessionFormatException {
        Reader r = new Reader(file, folder);
        return r.session(root);
    }

    private static final class Reader {
        private final Path file;
        private final Path folder;
        private final Map<String, Source> sources = new HashMap<>();
        private int rate;

        Reader(Path file, Path folder) {
            this.file = file;
            this.folder = folder;
        }

        private SessionFormatException bad(String where, String msg) {
            return new SessionFormatException(SourceLocation.element(file, where), msg);
        }

        private JsonNode req(JsonNode n, String field, String where) throws SessionFormatException {
            JsonNode v = n.get(field);
            if (v == null || v.isNull() && !field.endsWith("Db")) {
                throw bad(where, "missing field '" + field + "'");
            }
            return v;
        }

        private long samples(JsonNode n, String field, String where) throws SessionFormatException {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                return 0;
            }
            if (!v.isNumber()) {
                throw bad(where, "'" + field + "' must be a number");
            }
            double s = v.asDouble();
            if (!Double.isFinite(s) || s < 0 || s > 1e7) {
                throw bad(where, "'" + field + "' out of range: " + s);
            }
            return Math.round(s * rate);
        }

        private Gain gain(JsonNode n, String field) {
            JsonNode v = n.get(field);
            if (v == null) {
                return Gain.UNITY;
            }
            return v.isNull() ? Gain.SILENCE : Gain.ofDb(v.asDouble());
        }

        private Pan pan(JsonNode n, String where) throws SessionFormatException {
            double p = n.path("pan").asDouble(0.0);
            double w = n.path("width").asDouble(1.0);
            if (!(p >= -1 && p <= 1) || !(w >= -1 && w <= 1)) {
                throw bad(where, "pan/width outside -1..1");
            }
            Pan.Stereo stereo = Pan.Stereo.BALANCE;
            if (n.hasNonNull("panStereo")) {
                try {
                    stereo = Pan.Stereo.valueOf(n.get("panStereo").asText());
                } catch (IllegalArgumentException e) {
                    throw bad(where, "unknown panStereo " + n.get("panStereo").asText());
                }
            }
            return new Pan(p, w, stereo);
        }

        private BusId output(JsonNode n) {
            JsonNode v = n.get("output");
            return v == null || v.isNull() ? null : new BusId(v.asText());
        }

        private List<BusId> extraOutputs(JsonNode n, String where) throws SessionFormatException {
            List<BusId> out = new ArrayList<>();
            for (JsonNode x : n.path("extraOutputs")) {
                out.add(new BusId(x.asText()));
            }
            if (!out.isEmpty() && output(n) == null && n.has("output")) {
                throw bad(where + "/extraOutputs", "further outputs without an output");
            }
            return out;
        }

        Session session(JsonNode root) throws SessionFormatException {
            if (!root.isObject()) {
                throw bad("/", "not a JSON object");
            }
            String schema = root.path("schema").asText("");
            if (!SCHEMA.equals(schema)) {
                throw bad("/schema", "expected \"" + SCHEMA + "\", found \"" + schema + "\"");
            }
            rate = root.path("sampleRate").asInt(0);
            if (rate < 1000 || rate > 768000) {
                throw bad("/sampleRate", "implausible sample rate " + root.path("sampleRate"));
            }
            List<String> warnings = new ArrayList<>();
            List<Track> tracks = new ArrayList<>();
            JsonNode ta = root.path("tracks");
            for (int i = 0; i < ta.size(); i++) {
                tracks.add(track(ta.get(i), "/tracks/" + i));
            }
            List<Bus> buses = new ArrayList<>();
            JsonNode ba = root.path("buses");
            for (int i = 0; i < ba.size(); i++) {
                JsonNode b = ba.get(i);
                String where = "/buses/" + i;
                String kind = b.path("kind").asText("group").toUpperCase(java.util.Locale.ROOT);
                BusKind bk;
                try {
                    bk = BusKind.valueOf(kind);
                } catch (IllegalArgumentException e) {
                    throw bad(where, "unknown bus kind " + kind);
                }
                BusId out = b.has("output") ? output(b) : BusId.MASTER;
                buses.add(new Bus(new BusId(req(b, "id", where).asText()), req(b, "name", where).asText(), bk,
                        Math.max(1, b.path("channels").asInt(2)), gain(b, "gainDb"), gain(b, "trimDb"), pan(b, where),
                        b.path("mute").asBoolean(), b.path("solo").asBoolean(), b.path("polarityInverted").asBoolean(),
                        out, sends(b.path("sends")), inserts(b.path("inserts")), automation(b.path("automation"), where),
                        Carry.NONE, extraOutputs(b, where)));
            }
            JsonNode mj = root.path("master");
            Bus master = new Bus(BusId.MASTER, "Master", BusKind.MASTER, Math.max(1, mj.path("channels").asInt(2)),
                    gain(mj, "gainDb"), Gain.UNITY, Pan.CENTRE, false, false, false, null, List.of(),
                    inserts(mj.path("inserts")), automation(mj.path("automation"), "/master"), Carry.NONE);
            List<Marker> markers = new ArrayList<>();
            JsonNode ma = root.path("markers");
            for (int i = 0; i < ma.size(); i++) {
                JsonNode m = ma.get(i);
                long pos = samples(m, "positionSeconds", "/markers/" + i);
                long end = m.has("endSeconds") ? samples(m, "endSeconds", "/markers/" + i) : pos;
                markers.add(new Marker(m.path("name").asText(""), pos, end));
            }
            List<Tempo.Change> changes = new ArrayList<>();
            JsonNode tj = root.path("tempo");
            for (int i = 0; i < tj.size(); i++) {
                JsonNode c = tj.get(i);
                changes.add(new Tempo.Change(samples(c, "positionSeconds", "/tempo/" + i), c.path("bpm").asDouble(120),
                        c.path("beatsPerBar").asInt(4), c.path("noteValue").asInt(4)));
            }
            PanLaw law = PanLaw.EQUAL_POWER_MINUS_3DB;
            if (root.hasNonNull("panLaw")) {
                try {
                    law = PanLaw.valueOf(root.get("panLaw").asText());
                } catch (IllegalArgumentException e) {
                    throw bad("/panLaw", "unknown pan law " + root.get("panLaw").asText());
                }
            }
            Playback playback = Playback.EXACT;
            JsonNode pb = root.path("playback");
            if (pb.isObject()) {
                try {
                    playback = new Playback(pb.path("cycleSamples").asInt(0), pb.path("outputLatencySamples").asInt(0),
                            pb.path("gainSmoothingPerSecond").asDouble(0), pb.path("diskBufferSeconds").asDouble(0));
                } catch (IllegalArgumentException e) {
                    throw bad("/playback", e.getMessage());
                }
            }
            for (JsonNode w : root.path("warnings")) {
                warnings.add(w.asText());
            }
            long tc = root.has("timecodeStartSeconds") ? samples(root, "timecodeStartSeconds", "/") : 0;
            String name = root.path("name").asText(file == null ? "session" : file.getFileName().toString());
            Session s = new Session(name, "topdown", "1", rate, 0, tracks, buses, master, markers,
                    changes.isEmpty() ? Tempo.DEFAULT : new Tempo(changes), law, tc, warnings, playback);
            for (Track t : tracks) {
                for (BusId x : t.extraOutputs()) {
                    if (s.bus(x).isEmpty()) {
                        throw bad("/tracks", "track '" + t.name() + "' routes to unknown bus '" + x + "'");
                    }
                }
                if (t.output() != null && s.bus(t.output()).isEmpty()) {
                    throw bad("/tracks", "track '" + t.name() + "' routes to unknown bus '" + t.output() + "'");
                }
            }
            return s;
        }

        Track track(JsonNode t, String where) throws SessionFormatException {
            String kindName = t.path("kind").asText("audio").toUpperCase(java.util.Locale.ROOT);
            TrackKind kind;
            try {
                kind = TrackKind.valueOf(kindName);
            } catch (IllegalArgumentException e) {
                throw bad(where + "/kind", "unknown track kind " + kindName);
            }
            int channels = t.path("channels").asInt(1);
            if (channels < 1 || channels > 64) {
                throw bad(where + "/channels", "channels must be 1..64");
            }
            List<Clip> clips = new ArrayList<>();
            JsonNode ca = t.path("clips");
            for (int i = 0; i < ca.size(); i++) {
                clips.add(clip(ca.get(i), where + "/clips/" + i));
            }
            BusId out = t.has("output") ? output(t) : BusId.MASTER;
            return new Track(new TrackId(req(t, "id", where).asText()), req(t, "name", where).asText(), kind, channels,
                    clips, gain(t, "gainDb"), gain(t, "trimDb"), pan(t, where), t.path("mute").asBoolean(),
                    t.path("solo").asBoolean(), t.path("polarityInverted").asBoolean(), out, sends(t.path("sends")),
                    inserts(t.path("inserts")), automation(t.path("automation"), where), Carry.NONE,
                    extraOutputs(t, where));
        }

        Clip clip(JsonNode c, String where) throws SessionFormatException {
            List<ClipChannel> chans = new ArrayList<>();
            JsonNode cha = c.path("channels");
            if (cha.isArray() && cha.size() > 0) {
                for (JsonNode ch : cha) {
                    chans.add(new ClipChannel(source(ch.path("path").asText(ch.path("source").asText()), where),
                            ch.path("channel").asInt(0)));
                }
            } else {
                Source src = source(req(c, "source", where).asText(), where);
                for (int k = 0; k < Math.max(1, src.channels()); k++) {
                    chans.add(new ClipChannel(src, k));
                }
            }
            Automation env = null;
            if (c.has("gainEnvelope")) {
                List<Automation> l = automation(c.get("gainEnvelope"), where);
                env = l.isEmpty() ? null : l.get(0);
            }
            return new Clip(c.path("name").asText(""), chans, samples(c, "positionSeconds", where),
                    samples(c, "offsetSeconds", where), samples(c, "lengthSeconds", where), gain(c, "gainDb"), env,
                    fade(c, "fadeIn", where), fade(c, "fadeOut", where), c.path("muted").asBoolean(),
                    c.path("polarityInverted").asBoolean(), Carry.NONE);
        }

        Fade fade(JsonNode c, String prefix, String where) throws SessionFormatException {
            long len = samples(c, prefix + "Seconds", where);
            FadeShape shape = FadeShape.LINEAR;
            if (c.hasNonNull(prefix + "Shape")) {
                try {
                    shape = FadeShape.valueOf(c.get(prefix + "Shape").asText());
                } catch (IllegalArgumentException e) {
                    throw bad(where, "unknown fade shape " + c.get(prefix + "Shape").asText());
                }
            }
            List<Fade.Point> pts = new java.util.ArrayList<>();
            for (JsonNode pt : c.path(prefix + "Points")) {
                if (!pt.isArray() || pt.size() < 2 || !pt.get(0).isNumber() || !pt.get(1).isNumber()) {
                    throw bad(where, prefix + "Points: each point must be [sample, gain]");
                }
                pts.add(new Fade.Point(pt.get(0).asDouble(), pt.get(1).asDouble()));
            }
            try {
                return new Fade(len, shape, c.path(prefix + "Curve").asDouble(0.0), pts);
            } catch (IllegalArgumentException e) {
                throw bad(where, e.getMessage());
            }
        }

        Source source(String path, String where) throws SessionFormatException {
            Source known = sources.get(path);
            if (known != null) {
                return known;
            }
            if (path.isEmpty()) {
                throw bad(where, "clip without a source path");
            }
            Path p = Path.of(path);
            Path abs = p.isAbsolute() || folder == null ? p : folder.resolve(p);
            Source s = SourceProbe.probe("s" + (sources.size() + 1), path, abs, folder);
            sources.put(path, s);
            return s;
        }

        List<Send> sends(JsonNode a) {
            List<Send> out = new ArrayList<>();
            for (JsonNode s : a) {
                out.add(new Send(new BusId(s.path("to").asText()), gain(s, "gainDb"), s.path("preFader").asBoolean(),
                        s.path("muted").asBoolean(), Carry.NONE));
            }
            return out;
        }

        List<Insert> inserts(JsonNode a) {
            List<Insert> out = new ArrayList<>();
            for (JsonNode i : a) {
                Map<String, Double> params = new LinkedHashMap<>();
                i.path("parameters").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asDouble()));
                InsertKind kind;
                try {
                    kind = InsertKind.valueOf(i.path("kind").asText("other").toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    kind = InsertKind.OTHER;
                }
                out.add(new Insert(i.path("name").asText(""), kind, i.path("bypassed").asBoolean(),
                        i.path("preFader").asBoolean(true), i.path("pluginId").asText(""), params, null,
                        i.hasNonNull("topdownProcessor") ? i.get("topdownProcessor").asText() : null, Carry.NONE));
            }
            return out;
        }

        List<Automation> automation(JsonNode a, String where) throws SessionFormatException {
            List<Automation> out = new ArrayList<>();
            for (JsonNode lane : a) {
                Automation.Parameter p;
                Interpolation interp;
                try {
                    p = Automation.Parameter.valueOf(lane.path("parameter").asText());
                    interp = Interpolation.valueOf(lane.path("interpolation").asText("LINEAR"));
                } catch (IllegalArgumentException e) {
                    throw bad(where + "/automation", "unknown automation parameter or interpolation");
                }
                List<AutomationPoint> pts = new ArrayList<>();
                for (JsonNode pt : lane.path("points")) {
                    double t = pt.path(0).asDouble();
                    if (!(t >= 0 && t < 1e7)) {
                        throw bad(where + "/automation", "point time out of range");
                    }
                    pts.add(new AutomationPoint(Math.round(t * rate), pt.path(1).asDouble(), pt.path(2).asDouble(0)));
                }
                try {
                    out.add(new Automation(p, pts, interp, lane.path("active").asBoolean(true),
                            lane.path("musicTime").asBoolean(false)));
                } catch (IllegalArgumentException e) {
                    throw bad(where + "/automation", e.getMessage());
                }
            }
            return out;
        }
    }
}
