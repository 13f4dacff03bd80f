package topdown.format.ardour;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import topdown.audio.io.AtomicFiles;
import topdown.format.Loss;
import topdown.format.ReadResult;
import topdown.format.UnsupportedSessionException;
import topdown.format.xml.SafeXml;
import topdown.model.Bus;
import topdown.model.Insert;
import topdown.model.Session;
import topdown.model.Track;

import static topdown.format.xml.SafeXml.child;
import static topdown.format.xml.SafeXml.children;

/**
 * Writes an Ardour session by patching the DOM the reader kept: only the values that changed are
 * touched (fader, trim, pan azimuth, mute, solo); everything else, known or not, is written back as read.
 * The result is a new snapshot file; when it goes to another folder than the original, that folder gets
 * the original's {@code interchange} folders with links to each audio file, so Ardour finds the audio and
 * writes nothing into the original's folders. The original file and
 * its audio are never written.
 */
final class ArdourWriter {
    Path write(ReadResult original, Session session, Path out) throws IOException {
        if (original == null || !(original.nativeDocument() instanceof Document)) {
            // From another format: a new Ardour 7 session document generated from the model.
            Path base = original == null ? out.toAbsolutePath().getParent() : original.folder();
            String xml = new ArdourGenerator(session, base).generate();
            return AtomicFiles.writeString(out.toAbsolutePath(), xml);
        }
        Path target = out.toAbsolutePath();
        if (original.file() != null && Files.exists(target) && Files.isSameFile(original.file(), target)) {
            throw new IOException(target.getFileName() + ": refusing to overwrite the original session");
        }
        Document doc = (Document) ((Document) original.nativeDocument()).cloneNode(true);
        Map<String, Element> routes = new HashMap<>();
        for (Element r : children(child(doc.getDocumentElement(), "Routes"), "Route")) {
            routes.put(r.getAttribute("id"), r);
        }
        Session before = original.session();
        ArdourRouting routing = new ArdourRouting(doc, routes);
        for (Track nt : session.tracks()) {
            if (before.track(nt.id()).isPresent()) {
                continue;
            }
            // New tracks: one clip of whole files (e.g. a rendered stem) is what TopDown adds.
            if (nt.clips().size() != 1 || nt.clips().get(0).channels().stream().anyMatch(c -> !c.source().found())) {
                throw new UnsupportedSessionException("adding track '" + nt.name() + "' with " + nt.clips().size()
                        + " clips to an Ardour session is not supported; write the result as .topdown.json");
            }
            topdown.model.Clip c = nt.clips().get(0);
            routing.addTrackWithFile(nt.name(), c.channels(), c.positionSamples(), c.lengthSamples(), session.sampleRate(),
                    nt.mute());
        }
        Map<String, String> newBusNames = new HashMap<>();
        for (Bus nb : session.buses()) {
            if (before.bus(nb.id()).isEmpty()) {
                Element created = routing.addBus(nb.name(), nb.fader().linear());
                routes.put(created.getAttribute("id"), created);
                newBusNames.put(nb.id().value(), created.getAttribute("name"));
            }
        }
        for (Track nt : session.tracks()) {
            Track ot = before.track(nt.id()).orElse(null);
            if (ot == null || java.util.Objects.equals(ot.output(), nt.output())) {
                continue;
            }
            Element r = routes.get(nt.carry().key());
            String to;
            if (nt.output() == null) {
                to = null;
            } else if (nt.output().isMaster()) {
                to = routing.masterName();
            } else if (newBusNames.containsKey(nt.output().value())) {
                to = newBusNames.get(nt.output().value());
            } else {
                to = session.bus(nt.output()).map(Bus::name).orElseThrow();
            }
            routing.connectOutputs(r, to);
        }
        for (Track t : session.tracks()) {
            Element r = t.carry().format().equals("ardour") ? routes.get(t.carry().key()) : null;
            Track was = before.track(t.id()).orElse(null);
            if (r == null || was == null) {
                continue;
            }
            patchStrip(r, was.fader().linear(), t.fader().linear(), was.trim().linear(), t.trim().linear(),
                    was.pan().position(), t.pan().position(), was.mute(), t.mute(), was.solo(), t.solo());
        }
        for (Bus b : session.buses()) {
            Element r = b.carry().format().equals("ardour") ? routes.get(b.carry().key()) : null;
            Bus was = before.bus(b.id()).orElse(null);
            if (r == null || was == null) {
                continue;
            }
            patchStrip(r, was.fader().linear(), b.fader().linear(), was.trim().linear(), b.trim().linear(),
                    was.pan().position(), b.pan().position(), was.mute(), b.mute(), was.solo(), b.solo());
        }
        Element m = routes.get(session.master().carry().key());
        if (m != null) {
            patchStrip(m, before.master().fader().linear(), session.master().fader().linear(), before.master().trim().linear(),
                    session.master().trim().linear(), 0, 0, false, false, false, false);
        }
        // TopDown's processors that Ardour can run natively become ACE plugins before the fader.
        for (Track t : session.tracks()) {
            Element r = t.carry().format().equals("ardour") ? routes.get(t.carry().key()) : null;
            if (r != null) {
                addPlugins(doc, routing, r, t.inserts(), t.channels(), session.sampleRate());
            }
        }
        for (Bus b : session.buses()) {
            Element r = b.carry().format().equals("ardour") ? routes.get(b.carry().key()) : null;
            if (r == null) {
                r = routing.routeNamed(b.name());
            }
            if (r != null) {
                addPlugins(doc, routing, r, b.inserts(), b.channels(), session.sampleRate());
            }
        }
        Element masterEl = routes.get(session.master().carry().key());
        if (masterEl != null) {
            addPlugins(doc, routing, masterEl, session.master().inserts(), session.master().channels(),
                    session.sampleRate());
        }
        byte[] bytes = SafeXml.serialize(doc);
        Path written = AtomicFiles.writeBytes(target, bytes);
        Path origFolder = original.folder();
        Path outFolder = target.getParent();
        if (!outFolder.equals(origFolder.toAbsolutePath())) {
            Path inter = outFolder.resolve("interchange");
            Path src = origFolder.resolve("interchange");
            if (!Files.exists(inter, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.isDirectory(src)) {
                mirrorWithFileLinks(src.toAbsolutePath(), inter);
            }
        }
        return written;
    }

    /**
     * Rebuilds {@code from}'s folder tree under {@code to} as real folders whose files are links to the originals:
     * Ardour finds the audio, and whatever Ardour creates when it opens the new snapshot (midifiles, new takes)
     * lands in the new folder, never in the original session's.
     */
    static void mirrorWithFileLinks(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> walk = Files.walk(from, 4)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path rel = from.relativize(p);
                Path dst = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dst);
                } else if (!Files.exists(dst, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(dst, p.toAbsolutePath());
                }
            }
        }
    }

    private static void addPlugins(Document doc, ArdourRouting routing, Element route, List<Insert> inserts, int channels,
                                   double rate) {
        Element amp = null;
        for (Element p : children(route, "Processor")) {
            if (p.getAttribute("type").equals("amp")) {
                amp = p;
            }
        }
        for (Insert i : inserts) {
            if (i.topdownProcessor() == null || !i.carry().isNew()) {
                continue;
            }
            Element proc = AcePlugins.toProcessor(doc, i, channels, rate, routing.nextId());
            if (proc == null) {
                continue;
            }
            if (amp != null) {
                route.insertBefore(proc, amp);
                route.insertBefore(doc.createTextNode("\n      "), amp);
            } else {
                route.appendChild(proc);
            }
        }
    }

    private static void patchStrip(Element r, double fader0, double fader1, double trim0, double trim1, double pan0,
                                   double pan1, boolean mute0, boolean mute1, boolean solo0, boolean solo1) {
        if (Math.abs(fader0 - fader1) > 1e-9) {
            for (Element p : children(r, "Processor")) {
                if (p.getAttribute("type").equals("amp")) {
                    setControllable(p, "gaincontrol", Double.toString(fader1));
                }
            }
        }
        if (Math.abs(trim0 - trim1) > 1e-9) {
            for (Element p : children(r, "Processor")) {
                if (p.getAttribute("type").equals("trim")) {
                    setControllable(p, "trimcontrol", Double.toString(trim1));
                }
            }
        }
        if (Math.abs(pan0 - pan1) > 1e-9) {
            Element pannable = child(r, "Pannable");
            if (pannable != null) {
                setControllable(pannable, "pan-azimuth", Double.toString((pan1 + 1) / 2));
            }
        }
        if (mute0 != mute1) {
            setControllable(r, "mute", mute1 ? "1" : "0");
            Element mm = child(r, "MuteMaster");
            if (mm != null) {
                mm.setAttribute("muted", mute1 ? "1" : "0");
            }
        }
        if (solo0 != solo1) {
            for (Element c : children(r, "Controllable")) {
                if (c.getAttribute("name").equals("solo")) {
                    c.setAttribute("value", solo1 ? "1" : "0");
                    c.setAttribute("self-solo", solo1 ? "1" : "0");
                }
            }
        }
    }

    private static void setControllable(Element parent, String name, String value) {
        for (Element c : children(parent, "Controllable")) {
            if (c.getAttribute("name").equals(name)) {
                c.setAttribute("value", value);
            }
        }
    }

    /** What an Ardour session written by TopDown cannot hold (yet) of a model. */
    static List<Loss> losses(Session s) {
        if (!s.format().equals("ardour")) {
            return ArdourGenerator.losses(s);
        }
        List<Loss> out = new ArrayList<>();
        for (Track t : s.tracks()) {
            if (t.carry().isNew() && t.clips().size() != 1) {
                out.add(Loss.of("routing", t.name(), "new track with " + t.clips().size() + " clips not written into the"
                        + " Ardour session"));
            } else if (!t.carry().isNew() && !t.carry().format().equals("ardour")) {
                out.add(Loss.of("routing", t.name(), "track from another format not written into the Ardour session"));
            }
            for (Insert i : t.inserts()) {
                if (i.topdownProcessor() != null && !AcePlugins.writable(i, t.channels())) {
                    out.add(Loss.of("plugin", t.name(), "TopDown " + i.name() + " " + i.parameters()
                            + " has no Ardour (ACE) equivalent and is not written (apply it from the report)"));
                }
            }
        }
        for (Bus b : s.buses()) {
            if (!b.carry().isNew() && !b.carry().format().equals("ardour")) {
                out.add(Loss.of("routing", b.name(), "bus from another format is not written into the Ardour session"));
            }
            for (Insert i : b.inserts()) {
                if (i.topdownProcessor() != null && !AcePlugins.writable(i, b.channels())) {
                    out.add(Loss.of("plugin", b.name(), "TopDown " + i.name() + " " + i.parameters()
                            + " has no Ardour (ACE) equivalent and is not written"));
                }
            }
        }
        for (Insert i : s.master().inserts()) {
            if (i.topdownProcessor() != null && !AcePlugins.writable(i, s.master().channels())) {
                out.add(Loss.of("plugin", "Master", "TopDown " + i.name() + " " + i.parameters() + " is not written"
                        + " as an Ardour plugin"));
            }
        }
        return out;
    }
}
