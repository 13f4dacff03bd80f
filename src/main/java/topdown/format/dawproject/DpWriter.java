package topdown.format.dawproject;

import jakarta.xml.bind.JAXBElement;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.namespace.QName;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import topdown.audio.io.AtomicFiles;
import topdown.format.Loss;
import topdown.format.ReadResult;
import topdown.format.xml.SafeXml;
import topdown.format.zip.SafeZip;
import topdown.mix.TopDownProcessors;
import topdown.model.Automation;
import topdown.model.AutomationPoint;
import topdown.model.Bus;
import topdown.model.BusId;
import topdown.model.BusKind;
import topdown.model.Clip;
import topdown.model.ClipChannel;
import topdown.model.FadeShape;
import topdown.model.Insert;
import topdown.model.Interpolation;
import topdown.model.Marker;
import topdown.model.PanLaw;
import topdown.model.Send;
import topdown.model.Session;
import topdown.model.Source;
import topdown.model.Tempo;
import topdown.model.Track;
import topdown.model.TrackKind;

/**
 * Writes {@code .dawproject} archives. For a session read from DAWproject the kept project.xml DOM is patched:
 * changed faders, pans, mutes, solos and routing are written into the existing parameters, TopDown processors
 * are appended as built-in devices, new buses become submix/effect channels and new tracks get a lane whose clips
 * play audio embedded as {@code audio/…} entries; every other element, attribute and archive entry is copied as
 * read. For any other source the project is generated from the model through the JAXB classes, with audio
 * referenced as external files relative to the written project. The zip goes to a temp file beside the target
 * and is moved into place; the input is never written.
 */
final class DpWriter {
    private static final List<String> CHANNEL_ORDER = List.of("Devices", "Mute", "Pan", "Sends", "Volume");
    private static final List<String> PROJECT_ORDER = List.of("Application", "Transport", "Structure", "Arrangement", "Scenes");

    private final Set<String> usedIds = new HashSet<>();
    private int nextId;
    /** archive entry name → file on disk to embed. */
    private final Map<String, Path> embed = new LinkedHashMap<>();
    /** Entry names of the archive being patched (new entries must not shadow them). */
    private final Set<String> taken = new HashSet<>();

    Path write(ReadResult original, Session s, Path out) throws IOException {
        if (original != null && original.file() != null && Files.exists(out) && Files.isSameFile(original.file(), out)) {
            throw new IOException(out.getFileName() + ": refusing to overwrite the original project");
        }
        Path outDir = out.toAbsolutePath().getParent();
        if (original != null && original.nativeDocument() instanceof DpDocument) {
            DpDocument nd = (DpDocument) original.nativeDocument();
            Document d = nd.project();
            taken.addAll(nd.entries());
            patch(original, d, s, outDir);
            byte[] meta = nd.metadataXml();
            return writeArchive(out, SafeXml.serialize(d), meta != null ? meta : metadata(s),
                    nd.zipped() ? nd.file() : null);
        }
        DpProject p = generate(s, outDir);
        return writeArchive(out, SafeXml.serialize(DpXml.toDocument(p)), metadata(s), null);
    }

    private String newId() {
        String id;
        do {
            id = "td" + nextId++;
        } while (usedIds.contains(id));
        usedIds.add(id);
        return id;
    }

    private static byte[] metadata(Session s) throws IOException {
        DpMetaData m = new DpMetaData();
        m.title = s.name();
        m.comment = "written by TopDown from a " + s.format() + " session";
        return SafeXml.serialize(DpXml.toDocument(m));
    }

    // ---- archive ---------------------------------------------------------------------------------------------

    private Path writeArchive(Path out, byte[] project, byte[] meta, Path copyFrom) throws IOException {
        return AtomicFiles.write(out, os -> {
            ZipOutputStream z = new ZipOutputStream(os);
            Set<String> written = new HashSet<>();
            put(z, DpArchive.PROJECT, project, written);
            put(z, DpArchive.METADATA, meta, written);
            if (copyFrom != null) {
                try (SafeZip in = SafeZip.open(copyFrom)) {
                    for (String n : in.names()) {
                        if (written.contains(n) || n.endsWith("/")) {
                            continue;
                        }
                        z.setLevel(n.endsWith(".xml") ? Deflater.DEFAULT_COMPRESSION : Deflater.BEST_SPEED);
                        z.putNextEntry(new ZipEntry(n));
                        try (InputStream e = in.open(n)) {
                            e.transferTo(z);
                        }
                        z.closeEntry();
                        written.add(n);
                    }
                }
            }
            for (Map.Entry<String, Path> e : embed.entrySet()) {
                if (!written.add(e.getKey())) {
                    continue;
                }
                z.setLevel(Deflater.BEST_SPEED);
                z.putNextEntry(new ZipEntry(e.getKey()));
                try (InputStream in = Files.newInputStream(e.getValue())) {
                    in.transferTo(z);
                }
                z.closeEntry();
            }
            z.finish();
        });
    }

    private static void put(ZipOutputStream z, String name, byte[] b, Set<String> written) throws IOException {
        z.setLevel(Deflater.DEFAULT_COMPRESSION);
        z.putNextEntry(new ZipEntry(name));
        z.write(b);
        z.closeEntry();
        written.add(name);
    }

    // ---- patching --------------------------------------------------------------------------------------------

    private void patch(ReadResult original, Document d, Session s, Path outDir) throws IOException {
        Map<String, Element> byId = new HashMap<>();
        index(d.getDocumentElement(), byId);
        usedIds.addAll(byId.keySet());
        Session was = original.session();
        Element root = d.getDocumentElement();
        List<Element> channels = byTag(root, "Channel");
        Element structure = ensure(d, root, "Structure", PROJECT_ORDER);
        String masterChannel = null;
        for (Element ch : channels) {
            if ("master".equals(ch.getAttribute("role"))) {
                if (!ch.hasAttribute("id") && needsMasterReference(was, s)) {
                    ch.setAttribute("id", newId());
                }
                masterChannel = ch.hasAttribute("id") ? ch.getAttribute("id") : "";
                break;
            }
        }
        // Channel ids for every bus (new buses get new channels).
        Map<BusId, String> busChannel = new HashMap<>();
        for (Bus b : s.buses()) {
            Element ch = channelFor(b.carry(), byId, channels);
            if (ch != null) {
                if (!ch.hasAttribute("id")) {
                    ch.setAttribute("id", newId()); // only when something must point at it
                }
                busChannel.put(b.id(), ch.getAttribute("id"));
            } else {
                busChannel.put(b.id(), newId());
            }
        }
        if (masterChannel == null && needsMasterReference(was, s)) {
            Bus m = s.master();
            DpTrack mt = trackFor(m.name(), List.of("audio"), channel(m, "master", null, List.of(), busChannel, null));
            marshalInto(structure, "Track", DpTrack.class, mt);
            masterChannel = mt.channel.id;
        }
        if (masterChannel != null && !masterChannel.isEmpty()) {
            busChannel.put(BusId.MASTER, masterChannel);
        }
        // Existing channels: patch values.
        for (Track t : s.tracks()) {
            Track before = was.track(t.id()).orElse(null);
            Element ch = channelFor(t.carry(), byId, channels);
            if (before != null && ch != null) {
                patchMixer(d, ch, before.fader(), t.fader(), before.pan().position(), t.pan().position(), before.mute(), t.mute(),
                        before.solo(), t.solo());
                patchOutput(ch, before.output(), t.output(), busChannel);
                patchInserts(d, ch, before.inserts(), t.inserts(), byId);
            }
        }
        for (Bus b : s.buses()) {
            Bus before = was.bus(b.id()).orElse(null);
            Element ch = channelFor(b.carry(), byId, channels);
            if (before != null && ch != null) {
                patchMixer(d, ch, before.fader(), b.fader(), before.pan().position(), b.pan().position(), before.mute(), b.mute(),
                        before.solo(), b.solo());
                patchOutput(ch, before.output(), b.output(), busChannel);
                patchInserts(d, ch, before.inserts(), b.inserts(), byId);
            }
        }
        Bus m0 = was.master();
        Bus m1 = s.master();
        Element mch = null;
        for (Element ch : channels) {
            if ("master".equals(ch.getAttribute("role"))) {
                mch = ch;
                break;
            }
        }
        if (mch != null) {
            patchMixer(d, mch, m0.fader(), m1.fader(), m0.pan().position(), m1.pan().position(), m0.mute(), m1.mute(), m0.solo(),
                    m1.solo());
            patchInserts(d, mch, m0.inserts(), m1.inserts(), byId);
        }
        // New buses, then new tracks with their lanes.
        for (Bus b : s.buses()) {
            if (channelFor(b.carry(), byId, channels) == null) {
                String role = b.kind() == BusKind.FX ? "effect" : "submix";
                DpChannel c = channel(b, role, busChannel.get(b.id()), b.sends(), busChannel, b.output());
                marshalInto(structure, "Track", DpTrack.class, trackFor(b.name(), List.of("audio"), c));
            }
        }
        Element lanesRoot = null;
        for (Track t : s.tracks()) {
            if (channelFor(t.carry(), byId, channels) != null) {
                continue;
            }
            DpChannel c = channel(t, busChannel);
            DpTrack tr = trackFor(t.name(), List.of(t.kind() == TrackKind.AUDIO ? "audio" : "notes"), c);
            marshalInto(structure, "Track", DpTrack.class, tr);
            if (lanesRoot == null) {
                Element arr = ensure(d, root, "Arrangement", PROJECT_ORDER);
                if (!arr.hasAttribute("id")) {
                    arr.setAttribute("id", newId());
                }
                lanesRoot = SafeXml.child(arr, "Lanes");
                if (lanesRoot == null) {
                    lanesRoot = d.createElement("Lanes");
                    lanesRoot.setAttribute("id", newId());
                    lanesRoot.setAttribute("timeUnit", "beats");
                    arr.insertBefore(lanesRoot, arr.getFirstChild());
                }
            }
            marshalInto(lanesRoot, "Lanes", DpLanes.class, lanes(t, tr, c, s, outDir, true));
        }
        rebaseExternal(original, d, outDir);
    }

    /** The Channel element a carry key names: an id, or "#n" for the n-th Channel element (channels without id). */
    private static Element channelFor(topdown.model.Carry c, Map<String, Element> byId, List<Element> channels) {
        if (!isOurs(c)) {
            return null;
        }
        String k = c.key();
        if (k.startsWith("#")) {
            int i = Integer.parseInt(k.substring(1));
            return i < channels.size() ? channels.get(i) : null;
        }
        Element e = byId.get(k);
        return e != null && e.getTagName().equals("Channel") ? e : null;
    }

    /** True when something new must name the master channel (new tracks or buses, or routing changes). */
    private static boolean needsMasterReference(Session was, Session s) {
        for (Track t : s.tracks()) {
            Track b = was.track(t.id()).orElse(null);
            if (b == null || !java.util.Objects.equals(b.output(), t.output())) {
                return true;
            }
        }
        for (Bus x : s.buses()) {
            Bus b = was.bus(x.id()).orElse(null);
            if (b == null || !java.util.Objects.equals(b.output(), x.output())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOurs(topdown.model.Carry c) {
        return c.format().equals(DpReader.FORMAT) && !c.isNew();
    }

    private static void index(Element e, Map<String, Element> byId) {
        String id = e.getAttribute("id");
        if (!id.isEmpty()) {
            byId.put(id, e);
        }
        for (Element c : SafeXml.children(e, null)) {
            index(c, byId);
        }
    }

    private static List<Element> byTag(Element root, String tag) {
        List<Element> out = new ArrayList<>();
        org.w3c.dom.NodeList nl = root.getElementsByTagName(tag);
        for (int i = 0; i < nl.getLength(); i++) {
            out.add((Element) nl.item(i));
        }
        return out;
    }

    /** The child named {@code name}, created at its schema position when missing. */
    private static Element ensure(Document d, Element parent, String name, List<String> order) {
        Element e = SafeXml.child(parent, name);
        if (e == null) {
            e = d.createElement(name);
            insertOrdered(parent, e, order);
        }
        return e;
    }

    private static void insertOrdered(Element parent, Element child, List<String> order) {
        int mine = order.indexOf(child.getTagName());
        for (Element c : SafeXml.children(parent, null)) {
            int theirs = order.indexOf(c.getTagName());
            if (theirs > mine) {
                parent.insertBefore(child, c);
                return;
            }
        }
        parent.appendChild(child);
    }

    private void patchMixer(Document d, Element ch, topdown.model.Gain f0, topdown.model.Gain f1, double p0, double p1,
                            boolean m0, boolean m1, boolean s0, boolean s1) {
        if (f0.db() != f1.db()) {
            Element v = SafeXml.child(ch, "Volume");
            if (v == null) {
                v = param(d, "Volume", "linear", "0.0", "2.0");
                insertOrdered(ch, v, CHANNEL_ORDER);
            }
            double val = "decibel".equals(v.getAttribute("unit")) ? f1.db() : f1.linear();
            if (Double.isInfinite(val)) {
                val = -144;
            }
            v.setAttribute("value", DpNumbers.format(val));
            double max = DpNumbers.parse(v.getAttribute("max"), Double.NaN);
            if (!Double.isNaN(max) && val > max) {
                v.setAttribute("max", DpNumbers.format(val));
            }
        }
        if (p0 != p1) {
            Element p = SafeXml.child(ch, "Pan");
            if (p == null) {
                p = param(d, "Pan", "normalized", "0.0", "1.0");
                insertOrdered(ch, p, CHANNEL_ORDER);
            }
            DpRealParameter def = new DpRealParameter();
            def.unit = p.getAttribute("unit");
            def.min = p.hasAttribute("min") ? p.getAttribute("min") : null;
            def.max = p.hasAttribute("max") ? p.getAttribute("max") : null;
            p.setAttribute("value", DpNumbers.format(panValue(def, p1)));
        }
        if (m0 != m1) {
            Element m = SafeXml.child(ch, "Mute");
            if (m == null) {
                m = d.createElement("Mute");
                m.setAttribute("id", newId());
                m.setAttribute("name", "Mute");
                insertOrdered(ch, m, CHANNEL_ORDER);
            }
            m.setAttribute("value", Boolean.toString(m1));
        }
        if (s0 != s1) {
            ch.setAttribute("solo", Boolean.toString(s1));
        }
    }

    private Element param(Document d, String tag, String unit, String min, String max) {
        Element e = d.createElement(tag);
        e.setAttribute("id", newId());
        e.setAttribute("name", tag);
        e.setAttribute("unit", unit);
        e.setAttribute("min", min);
        e.setAttribute("max", max);
        return e;
    }

    /** The Pan parameter value for a position -1..1 (inverse of {@link DpReader#panPosition}). */
    static double panValue(DpRealParameter pan, double position) {
        double min = DpNumbers.parse(pan == null ? null : pan.min, Double.NaN);
        double max = DpNumbers.parse(pan == null ? null : pan.max, Double.NaN);
        if (Double.isNaN(min) || Double.isNaN(max) || max <= min) {
            String u = pan == null || pan.unit == null || pan.unit.isEmpty() ? "normalized" : pan.unit;
            boolean normalized = u.equals("normalized") || u.equals("percent");
            min = normalized ? 0 : -1;
            max = normalized ? (u.equals("percent") ? 100 : 1) : 1;
        }
        return min + (position + 1) / 2 * (max - min);
    }

    private static void patchOutput(Element ch, BusId o0, BusId o1, Map<BusId, String> busChannel) {
        if (java.util.Objects.equals(o0, o1)) {
            return;
        }
        String dest = o1 == null ? null : busChannel.get(o1);
        if (dest == null) {
            ch.removeAttribute("destination");
        } else {
            ch.setAttribute("destination", dest);
        }
    }

    private void patchInserts(Document d, Element ch, List<Insert> before, List<Insert> after, Map<String, Element> byId) {
        Set<String> kept = new HashSet<>();
        for (Insert i : after) {
            if (isOurs(i.carry())) {
                kept.add(i.carry().key());
            }
        }
        for (Insert i : before) {
            if (isOurs(i.carry()) && !kept.contains(i.carry().key())) {
                Element e = byId.get(i.carry().key());
                if (e != null && e.getParentNode() != null) {
                    e.getParentNode().removeChild(e);
                }
            }
        }
        List<Insert> added = new ArrayList<>();
        for (Insert i : after) {
            if (i.carry().isNew() || !i.carry().format().equals(DpReader.FORMAT)) {
                added.add(i);
            }
        }
        List<DpDevice> devs = DpDevices.of(added, this::newId);
        if (devs.isEmpty()) {
            return;
        }
        Element devices = ensure(d, ch, "Devices", CHANNEL_ORDER);
        for (DpDevice dev : devs) {
            marshalInto(devices, dev.elementName(), DpDevice.class, dev);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void marshalInto(Element parent, String tag, Class<?> type, Object value) {
        DpXml.marshal(new JAXBElement(new QName(tag), type, value), parent);
    }

    /** Points external, found files at the same place from the new project's folder. */
    private static void rebaseExternal(ReadResult original, Document d, Path outDir) {
        Path inDir = original.folder().toAbsolutePath().normalize();
        if (inDir.equals(outDir.toAbsolutePath().normalize())) {
            return;
        }
        boolean bare = !((DpDocument) original.nativeDocument()).zipped();
        Set<String> found = new HashSet<>();
        for (Track t : original.session().tracks()) {
            for (Clip c : t.clips()) {
                for (ClipChannel cc : c.channels()) {
                    if (cc.source().found() && !cc.source().embedded()) {
                        found.add(cc.source().path());
                    }
                }
            }
        }
        for (Element f : byTag(d.getDocumentElement(), "File")) {
            String path = f.getAttribute("path");
            boolean external = "true".equals(f.getAttribute("external"));
            if (!found.contains(path) || !(external || bare)) {
                continue;
            }
            Path abs = inDir.resolve(path).normalize();
            f.setAttribute("path", relative(outDir, abs));
            f.setAttribute("external", "true");
        }
    }

    static String relative(Path dir, Path abs) {
        try {
            Path r = dir.toAbsolutePath().normalize().relativize(abs.toAbsolutePath().normalize());
            return r.toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return abs.toAbsolutePath().toString();
        }
    }

    // ---- generating ------------------------------------------------------------------------------------------

    private DpProject generate(Session s, Path outDir) {
        DpProject p = new DpProject();
        p.version = "1.0";
        p.application = new DpApplication();
        p.application.name = "TopDown";
        String v = DpWriter.class.getPackage().getImplementationVersion();
        p.application.version = v == null ? "dev" : v;
        p.transport = new DpTransport();
        Tempo.Change first = s.tempo().changes().get(0);
        p.transport.tempo = new DpRealParameter(newId(), "bpm", first.bpm(), 20.0, 999.0);
        p.transport.tempo.name = "Tempo";
        p.transport.timeSignature = new DpTimeSignatureParameter();
        p.transport.timeSignature.id = newId();
        p.transport.timeSignature.numerator = first.beatsPerBar();
        p.transport.timeSignature.denominator = first.noteValue();
        Map<BusId, String> busChannel = new HashMap<>();
        busChannel.put(BusId.MASTER, newId());
        for (Bus b : s.buses()) {
            busChannel.put(b.id(), newId());
        }
        DpTrack master = trackFor(s.master().name(), List.of("audio"),
                channel(s.master(), "master", busChannel.get(BusId.MASTER), List.of(), busChannel, null));
        p.structure.add(master);
        p.arrangement = new DpArrangement();
        p.arrangement.id = newId();
        p.arrangement.lanes = new DpLanes();
        p.arrangement.lanes.id = newId();
        p.arrangement.lanes.timeUnit = "seconds";
        busAutomation(p, master, s.master().automation(), s);
        for (Bus b : s.buses()) {
            DpTrack bt = trackFor(b.name(), List.of("audio"), channel(b, b.kind() == BusKind.FX ? "effect" : "submix",
                    busChannel.get(b.id()), b.sends(), busChannel, b.output()));
            p.structure.add(bt);
            busAutomation(p, bt, b.automation(), s);
        }
        for (Track t : s.tracks()) {
            DpChannel c = channel(t, busChannel);
            DpTrack tr = trackFor(t.name(), List.of(t.kind() == TrackKind.AUDIO ? "audio" : "notes"), c);
            p.structure.add(tr);
            p.arrangement.lanes.content.add(lanes(t, tr, c, s, outDir, false));
        }
        if (!s.markers().isEmpty()) {
            p.arrangement.markers = new DpMarkers();
            p.arrangement.markers.id = newId();
            p.arrangement.markers.timeUnit = "seconds";
            for (Marker m : s.markers()) {
                DpMarker dm = new DpMarker();
                dm.name = m.name();
                dm.time = s.seconds(m.positionSamples());
                p.arrangement.markers.markers.add(dm);
            }
        }
        List<Tempo.Change> ch = s.tempo().changes();
        if (ch.size() > 1) {
            p.arrangement.tempoAutomation = points(null, "bpm");
            p.arrangement.timeSignatureAutomation = points(null, null);
            for (Tempo.Change c : ch) {
                DpPoint.Real r = new DpPoint.Real();
                r.time = DpNumbers.format(s.seconds(c.sample()));
                r.value = DpNumbers.format(c.bpm());
                r.interpolation = "hold";
                p.arrangement.tempoAutomation.points.add(r);
                DpPoint.TimeSignature ts = new DpPoint.TimeSignature();
                ts.time = r.time;
                ts.numerator = c.beatsPerBar();
                ts.denominator = c.noteValue();
                p.arrangement.timeSignatureAutomation.points.add(ts);
            }
        }
        return p;
    }

    /** A lane holding only the mixer automation of a bus (buses have no clips). */
    private void busAutomation(DpProject p, DpTrack bus, List<Automation> automation, Session s) {
        DpLanes l = new DpLanes();
        l.id = newId();
        l.track = bus.id;
        l.timeUnit = "seconds";
        automationPoints(l, automation, bus.channel, s);
        if (!l.content.isEmpty()) {
            p.arrangement.lanes.content.add(l);
        }
    }

    private DpPoints points(String parameter, String unit) {
        DpPoints pts = new DpPoints();
        pts.id = newId();
        pts.timeUnit = "seconds";
        pts.unit = unit;
        pts.target = new DpPoints.Target();
        pts.target.parameter = parameter;
        return pts;
    }

    private DpTrack trackFor(String name, List<String> content, DpChannel c) {
        DpTrack t = new DpTrack();
        t.id = newId();
        t.name = name;
        t.contentType = content;
        t.loaded = true;
        t.channel = c;
        return t;
    }

    private DpChannel channel(Track t, Map<BusId, String> busChannel) {
        DpChannel c = mixer("regular", newId(), t.channels(), t.fader(), t.pan().position(), t.mute(), t.solo());
        c.destination = t.output() == null ? busChannel.get(BusId.MASTER) : busChannel.get(t.output());
        c.sends = sends(t.sends(), busChannel);
        List<DpDevice> devs = DpDevices.of(t.inserts(), this::newId);
        c.devices = devs.isEmpty() ? null : devs;
        c.name = t.name();
        return c;
    }

    private DpChannel channel(Bus b, String role, String id, List<Send> sends, Map<BusId, String> busChannel, BusId output) {
        DpChannel c = mixer(role, id == null ? newId() : id, b.channels(), b.fader(), b.pan().position(), b.mute(), b.solo());
        if (!"master".equals(role)) {
            c.destination = output == null ? busChannel.get(BusId.MASTER) : busChannel.get(output);
        }
        c.sends = sends(sends, busChannel);
        List<DpDevice> devs = DpDevices.of(b.inserts(), this::newId);
        c.devices = devs.isEmpty() ? null : devs;
        c.name = b.name();
        return c;
    }

    private DpChannel mixer(String role, String id, int channels, topdown.model.Gain fader, double pan, boolean mute, boolean solo) {
        DpChannel c = new DpChannel();
        c.id = id;
        usedIds.add(id);
        c.role = role;
        c.audioChannels = channels;
        c.solo = solo;
        double lin = fader.linear();
        c.volume = new DpRealParameter(newId(), "linear", lin, 0.0, Math.max(2.0, lin));
        c.volume.name = "Volume";
        c.pan = new DpRealParameter(newId(), "normalized", (pan + 1) / 2, 0.0, 1.0);
        c.pan.name = "Pan";
        c.mute = new DpBoolParameter(newId(), mute);
        c.mute.name = "Mute";
        return c;
    }

    private List<DpSend> sends(List<Send> sends, Map<BusId, String> busChannel) {
        List<DpSend> out = new ArrayList<>();
        for (Send s : sends) {
            String dest = busChannel.get(s.to());
            if (dest == null) {
                continue;
            }
            DpSend d = new DpSend();
            d.id = newId();
            d.destination = dest;
            d.type = s.preFader() ? "pre" : "post";
            d.enable = new DpBoolParameter(newId(), !s.muted());
            d.volume = new DpRealParameter(newId(), "linear", s.gain().linear(), 0.0, Math.max(2.0, s.gain().linear()));
            d.volume.name = "Send";
            out.add(d);
        }
        return out.isEmpty() ? null : out;
    }

    /** The lane of one track: its clips (seconds) and its mixer automation. */
    private DpLanes lanes(Track t, DpTrack tr, DpChannel c, Session s, Path outDir, boolean embedAudio) {
        DpLanes l = new DpLanes();
        l.id = newId();
        l.track = tr.id;
        l.timeUnit = "seconds";
        DpClips clips = new DpClips();
        clips.id = newId();
        l.content.add(clips);
        if (t.kind() == TrackKind.AUDIO) {
            for (Clip cl : t.clips()) {
                Source src = cl.source();
                if (src == null) {
                    continue;
                }
                DpClip dc = new DpClip();
                dc.name = cl.name();
                dc.time = s.seconds(cl.positionSamples());
                dc.duration = s.seconds(cl.lengthSamples());
                dc.contentTimeUnit = "seconds";
                dc.playStart = s.seconds(cl.offsetSamples());
                dc.fadeTimeUnit = "seconds";
                dc.fadeInTime = s.seconds(cl.fadeIn().lengthSamples());
                dc.fadeOutTime = s.seconds(cl.fadeOut().lengthSamples());
                if (cl.muted()) {
                    dc.enable = false;
                }
                DpAudio a = new DpAudio();
                a.id = newId();
                int rate = src.sampleRate() > 0 ? src.sampleRate() : s.sampleRate();
                a.sampleRate = rate;
                a.channels = src.channels() > 0 ? src.channels() : Math.max(1, cl.channels().size());
                a.duration = src.lengthFrames() > 0 ? src.lengthFrames() / (double) rate
                        : s.seconds(cl.offsetSamples() + cl.lengthSamples());
                a.timeUnit = "seconds";
                a.file = fileRef(src, s, outDir, embedAudio);
                dc.content = a;
                clips.clips.add(dc);
            }
        }
        automationPoints(l, t.automation(), c, s);
        return l;
    }

    private void automationPoints(DpLanes l, List<Automation> automation, DpChannel c, Session s) {
        for (Automation au : automation) {
            if (!au.active() || au.isEmpty()) {
                continue;
            }
            DpPoints pts;
            switch (au.parameter()) {
                case GAIN:
                    pts = points(c.volume.id, "linear");
                    break;
                case PAN:
                    pts = points(c.pan.id, "normalized");
                    break;
                case MUTE:
                    pts = points(c.mute.id, null);
                    break;
                default:
                    continue;
            }
            for (AutomationPoint ap : au.points()) {
                String time = DpNumbers.format(s.seconds(ap.sample()));
                if (au.parameter() == Automation.Parameter.MUTE) {
                    DpPoint.Bool b = new DpPoint.Bool();
                    b.time = time;
                    b.value = ap.value() > 0.5;
                    pts.points.add(b);
                } else {
                    DpPoint.Real r = new DpPoint.Real();
                    r.time = time;
                    r.value = DpNumbers.format(au.parameter() == Automation.Parameter.PAN ? (ap.value() + 1) / 2 : ap.value());
                    r.interpolation = au.interpolation() == Interpolation.STEP ? "hold" : "linear";
                    pts.points.add(r);
                }
            }
            l.content.add(pts);
        }
    }

    private DpFileReference fileRef(Source src, Session s, Path outDir, boolean embedAudio) {
        String r = src.resolved();
        if (r != null && r.startsWith("zip:") && embedAudio) {
            return new DpFileReference(r.substring(4), null);
        }
        if (r == null || !src.found()) {
            return new DpFileReference(src.path(), true);
        }
        Path abs = Path.of(r);
        if (!abs.isAbsolute()) {
            abs = Path.of(src.path()).isAbsolute() ? Path.of(src.path()) : abs.toAbsolutePath();
        }
        if (embedAudio && Files.isRegularFile(abs)) {
            String base = abs.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
            String entry = "audio/" + base;
            int n = 2;
            while (taken.contains(entry) || embed.containsKey(entry) && !embed.get(entry).equals(abs)) {
                entry = "audio/" + n++ + "-" + base;
            }
            embed.put(entry, abs);
            return new DpFileReference(entry, false);
        }
        return new DpFileReference(relative(outDir, abs), true);
    }

    // ---- losses ----------------------------------------------------------------------------------------------

    static List<Loss> losses(Session s) {
        List<Loss> out = new ArrayList<>();
        out.addAll(Loss.extraOutputs(s, "DAWproject"));
        for (Track t : s.tracks()) {
            strip(out, t.name(), t.trim(), t.polarityInverted(), t.inserts(), t.automation(), s.format());
            if (t.output() == null) {
                out.add(Loss.of("routing", t.name(), "track not connected to any bus: written routed to the master"));
            }
            if (t.kind() != TrackKind.AUDIO && !s.format().equals(DpReader.FORMAT)) {
                out.add(Loss.of("midi", t.name(), t.kind().jsonName() + " track: its note data is not in TopDown's model and"
                        + " is not written"));
            }
            for (Clip c : t.clips()) {
                double a = s.seconds(c.positionSamples());
                double b = s.seconds(c.endSamples());
                if (!c.gain().isSilence() && Math.abs(c.gain().db()) > 1e-9 || c.gain().isSilence()) {
                    out.add(new Loss("clip-gain", t.name(), a, b, String.format(Locale.ROOT,
                            "clip '%s' gain %.2f dB: DAWproject clips have no gain", c.name(), c.gain().db())));
                }
                if (c.gainEnvelope() != null && !c.gainEnvelope().isEmpty()) {
                    out.add(new Loss("clip-gain-envelope", t.name(), a, b, "clip '" + c.name() + "' gain envelope"));
                }
                for (topdown.model.Fade f : List.of(c.fadeIn(), c.fadeOut())) {
                    if (!f.isNone() && f.shape() != FadeShape.LINEAR) {
                        out.add(new Loss("fade-shape", t.name(), a, b, "clip '" + c.name() + "' " + f.shape()
                                + " fade written as DAWproject's plain fade"));
                    }
                }
                if (c.polarityInverted()) {
                    out.add(new Loss("polarity", t.name(), a, b, "clip '" + c.name() + "' polarity inversion"));
                }
                Set<String> files = new HashSet<>();
                boolean inOrder = true;
                for (int i = 0; i < c.channels().size(); i++) {
                    ClipChannel cc = c.channels().get(i);
                    files.add(cc.source().resolved() != null ? cc.source().resolved() : cc.source().path());
                    inOrder &= cc.channel() == i;
                }
                if (files.size() > 1) {
                    out.add(new Loss("other", t.name(), a, b, "clip '" + c.name() + "' plays " + files.size()
                            + " files (one per channel); a DAWproject clip plays one file: the first is written"));
                } else if (!inOrder) {
                    out.add(new Loss("other", t.name(), a, b, "clip '" + c.name() + "' remaps its file's channels; a DAWproject"
                            + " clip plays the file's channels in order"));
                }
            }
        }
        for (Bus b : s.buses()) {
            strip(out, b.name(), b.trim(), b.polarityInverted(), b.inserts(), b.automation(), s.format());
        }
        strip(out, "Master", s.master().trim(), s.master().polarityInverted(), s.master().inserts(), s.master().automation(),
                s.format());
        for (Marker m : s.markers()) {
            if (m.endSamples() > m.positionSamples()) {
                out.add(new Loss("marker", null, s.seconds(m.positionSamples()), s.seconds(m.endSamples()),
                        "range '" + m.name() + "' written as a marker at its start"));
            }
        }
        if (s.panLaw() != PanLaw.EQUAL_POWER_MINUS_3DB && !s.format().equals(DpReader.FORMAT)) {
            out.add(Loss.of("pan-law", null, s.panLaw() + " pan law: DAWproject leaves the pan law to the host"));
        }
        return out;
    }

    private static void strip(List<Loss> out, String who, topdown.model.Gain trim, boolean polarity, List<Insert> inserts,
                              List<Automation> automation, String fromFormat) {
        if (Math.abs(trim.db()) > 1e-9) {
            out.add(Loss.of("trim", who, String.format(Locale.ROOT, "trim %.2f dB: a DAWproject channel has no trim", trim.db())));
        }
        if (polarity) {
            out.add(Loss.of("polarity", who, "polarity inversion: a DAWproject channel has none"));
        }
        for (Insert i : inserts) {
            String p = i.topdownProcessor();
            if (p == null) {
                if (!i.carry().format().equals(DpReader.FORMAT)) {
                    out.add(Loss.of("plugin", who, "plugin '" + i.name() + "' (" + i.pluginId() + ") from " + fromFormat
                            + " has no DAWproject device state; not written"));
                }
            } else if (p.equals(TopDownProcessors.WIDTH)) {
                out.add(Loss.of("plugin", who, "TopDown " + i.name() + " " + i.parameters()
                        + " has no DAWproject built-in device; not written"));
            } else if (p.equals(TopDownProcessors.COMPRESSOR)) {
                out.add(Loss.of("plugin", who, "TopDown compressor written as a DAWproject Compressor without knee "
                        + i.parameters().get("kneeDb") + " dB, RMS detection and sidechain high-pass "
                        + i.parameters().get("sidechainHpHz") + " Hz (not in the schema)"));
            } else if (p.equals(TopDownProcessors.LIMITER)) {
                out.add(Loss.of("plugin", who, "TopDown true-peak limiter written as a DAWproject Limiter (threshold = ceiling "
                        + i.parameters().get("ceilingDbtp") + " dBTP; true-peak detection is up to the host)"));
            }
        }
        for (Automation a : automation) {
            if (a.isEmpty()) {
                continue;
            }
            if (!a.active()) {
                out.add(Loss.of("automation", who, a.parameter() + " automation is switched off and is not written"));
            } else if (a.parameter() != Automation.Parameter.GAIN && a.parameter() != Automation.Parameter.PAN
                    && a.parameter() != Automation.Parameter.MUTE) {
                out.add(Loss.of("automation", who, a.parameter() + " automation has no DAWproject channel parameter"));
            } else if (a.interpolation() == Interpolation.LINEAR_DB || a.interpolation() == Interpolation.CURVE) {
                out.add(Loss.of("automation", who, a.parameter() + " " + a.interpolation()
                        + " automation written with linear interpolation between its points"));
            }
        }
    }
}
