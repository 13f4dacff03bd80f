package topdown.format.reaper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import topdown.audio.io.AtomicFiles;
import topdown.format.ReadResult;
import topdown.format.UnsupportedSessionException;
import topdown.model.Bus;
import topdown.model.BusId;
import topdown.model.BusKind;
import topdown.model.Clip;
import topdown.model.ClipChannel;
import topdown.model.Insert;
import topdown.model.Session;
import topdown.model.Source;
import topdown.model.Track;

/**
 * Writes a Reaper project by patching the chunk tree the reader kept. Changed faders, pans and switches are
 * patched in place; new group buses become folder parents (ISBUS 1 1) with their tracks moved directly beneath
 * them, re-routed tracks move into their folder, folders nest when buses route to buses, and the ISBUS depth
 * changes are recomputed so they sum to zero with every track inside the folder it is routed to (AUXRECV source
 * indices are renumbered to follow). New tracks (rendered stems) get a TRACK chunk with one ITEM per clip. TopDown's
 * processors become stock JS effects where {@link ReaperJs} can set them; the rest is written into the track's
 * NOTES (and {@link ReaperFormat#losses} lists it). An unchanged project is written back byte for byte.
 */
final class ReaperWriter {
    private static final Pattern GUID = Pattern.compile("\\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}"
            + "-[0-9A-Fa-f]{12}\\}");

    /** One TRACK chunk of the written project and the model object it holds. */
    private static final class Ent {
        RppNode node;
        int orig = -1;
        Track track;
        Bus bus;
        Ent parent;
        boolean parentChanged;
        final List<Ent> children = new ArrayList<>();
        double key;
    }

    private final Set<String> guids = new HashSet<>();
    private String eol = "\n";
    private String baseName = "";
    private int guidCounter;

    Path write(ReadResult original, Session session, Path out) throws IOException {
        if (original == null || !(original.nativeDocument() instanceof RppParser.Doc)) {
            throw new UnsupportedSessionException("writing a Reaper project from a " + session.format()
                    + " session is not supported yet (TopDown patches Reaper projects it read)");
        }
        if (Files.exists(out) && Files.isSameFile(original.file(), out)) {
            throw new IOException(out.getFileName() + ": refusing to overwrite the original project");
        }
        byte[] bytes = ((RppParser.Doc) original.nativeDocument()).bytes();
        RppParser.Doc doc = RppParser.parse(original.file(), bytes);
        Matcher gm = GUID.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
        while (gm.find()) {
            guids.add(gm.group().toUpperCase(java.util.Locale.ROOT));
        }
        baseName = out.getFileName().toString();
        RppNode root = doc.root();
        boolean template = !root.tag().equals("REAPER_PROJECT");
        eol = root.headerLine().ending.isEmpty() ? "\n" : root.headerLine().ending;
        List<Object> container = template ? doc.top() : root.children;
        List<RppNode> trackNodes = new ArrayList<>();
        for (Object o : container) {
            if (o instanceof RppNode && ((RppNode) o).tag().equals("TRACK")) {
                trackNodes.add((RppNode) o);
            }
        }
        Session was = original.session();
        String trackIndent = trackNodes.isEmpty() ? (template ? "" : indentOf(root.header) + "  ")
                : indentOf(trackNodes.get(0).header);

        // Entities: one per TRACK chunk, original ones first (file order), then new buses and tracks (model order).
        List<Ent> ents = new ArrayList<>();
        for (int i = 0; i < trackNodes.size(); i++) {
            Ent e = new Ent();
            e.node = trackNodes.get(i);
            e.orig = i;
            e.key = i;
            ents.add(e);
        }
        Map<BusId, Ent> busEnt = new HashMap<>();
        for (Bus b : session.buses()) {
            int i = index(b.carry());
            Bus before = was.bus(b.id()).orElse(null);
            if (before != null && i >= 0 && i < ents.size()) {
                ents.get(i).bus = b;
                busEnt.put(b.id(), ents.get(i));
            } else if (before == null) {
                if (b.kind() != BusKind.GROUP) {
                    throw new UnsupportedSessionException("adding the " + b.kind().name().toLowerCase(java.util.Locale.ROOT)
                            + " bus '" + b.name() + "' to a Reaper project is not supported (only group buses, as folders)");
                }
                Ent e = new Ent();
                e.bus = b;
                e.node = newBusNode(trackIndent, b);
                e.key = Double.NaN;
                ents.add(e);
                busEnt.put(b.id(), e);
            } else {
                throw new UnsupportedSessionException("bus '" + b.name() + "' does not come from this Reaper project");
            }
        }
        Map<Integer, List<String>> folderItemNotes = new HashMap<>();
        for (Track t : session.tracks()) {
            Track before = was.track(t.id()).orElse(null);
            if (before != null && t.carry().format().equals("reaper") && t.carry().key().endsWith(":items")) {
                if (!Objects.equals(before.output(), t.output())) {
                    throw new UnsupportedSessionException("re-routing the items of folder track '" + t.name()
                            + "' is not supported: they play inside their own folder in Reaper");
                }
                List<String> n = ReaperFormat.folderItemsNotHeld(t, before);
                if (!n.isEmpty()) {
                    folderItemNotes.put(Integer.parseInt(t.carry().key().substring(0, t.carry().key().indexOf(':'))), n);
                }
                continue;
            }
            int i = index(t.carry());
            if (before != null && i >= 0 && i < trackNodes.size()) {
                ents.get(i).track = t;
            } else if (before == null && t.carry().isNew()) {
                Ent e = new Ent();
                e.track = t;
                e.node = newTrackNode(trackIndent, t, session, original.file(), out);
                e.key = trackNodes.size() + ents.size();
                ents.add(e);
            } else {
                throw new UnsupportedSessionException("track '" + t.name() + "' does not come from this Reaper project");
            }
        }

        // Original folder structure (as the reader sees it).
        Ent[] origParent = new Ent[trackNodes.size()];
        java.util.ArrayDeque<Ent> open = new java.util.ArrayDeque<>();
        for (int i = 0; i < trackNodes.size(); i++) {
            origParent[i] = open.peek();
            List<String> isbus = trackNodes.get(i).values("ISBUS");
            int a = (int) ReaperReader.num(isbus, 0, 0);
            int b = (int) ReaperReader.num(isbus, 1, 0);
            if (a == 1) {
                open.push(ents.get(i));
            } else if (a == 2) {
                for (int k = 0; k < -b && !open.isEmpty(); k++) {
                    open.pop();
                }
            }
        }
        // Desired parents: unchanged outputs keep their place; changed ones move into their folder (or to the top).
        boolean restructure = ents.size() > trackNodes.size();
        for (Ent e : ents) {
            BusId now = e.track != null ? e.track.output() : e.bus != null ? e.bus.output() : null;
            BusId before = e.track != null ? was.track(e.track.id()).map(Track::output).orElse(null)
                    : e.bus != null ? was.bus(e.bus.id()).map(Bus::output).orElse(null) : null;
            boolean isNew = e.orig < 0;
            String name = e.track != null ? e.track.name() : e.bus != null ? e.bus.name() : "track " + (e.orig + 1);
            if (!isNew && (e.track == null && e.bus == null || Objects.equals(now, before))) {
                e.parent = origParent[e.orig];
                continue;
            }
            if (now == null) {
                e.parent = isNew ? null : origParent[e.orig];
            } else if (now.isMaster()) {
                e.parent = null;
            } else {
                Ent p = busEnt.get(now);
                Bus target = session.bus(now).orElse(null);
                if (p == null || target == null) {
                    throw new UnsupportedSessionException("'" + name + "' is routed to bus " + now.value()
                            + ", which is not in the session");
                }
                if (target.kind() != BusKind.GROUP) {
                    throw new UnsupportedSessionException("routing '" + name + "' into '" + target.name() + "', a Reaper"
                            + " receive (FX) track, is not supported: Reaper feeds it through sends (AUXRECV)");
                }
                e.parent = p;
            }
            if (!isNew) {
                e.parentChanged = e.parent != origParent[e.orig];
                restructure |= e.parentChanged;
                setMainSend(e.node, now != null);
            }
        }
        for (Ent e : ents) {
            Set<Ent> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (Ent p = e.parent; p != null; p = p.parent) {
                if (p == e || !seen.add(p)) {
                    throw new UnsupportedSessionException("bus routing loop through '" + (e.bus != null ? e.bus.name()
                            : e.track != null ? e.track.name() : "?") + "': folders cannot contain themselves");
                }
            }
        }

        // Fader, pan, mute, solo of existing tracks and folders; the master volume.
        for (Ent e : ents) {
            if (e.orig < 0) {
                continue;
            }
            if (e.track != null) {
                Track b = was.track(e.track.id()).orElseThrow();
                patchStrip(e.node, b.fader().linear(), e.track.fader().linear(), b.pan().position(), e.track.pan().position(),
                        b.mute(), e.track.mute(), b.solo(), e.track.solo());
            } else if (e.bus != null) {
                Bus b = was.bus(e.bus.id()).orElseThrow();
                patchStrip(e.node, b.fader().linear(), e.bus.fader().linear(), b.pan().position(), e.bus.pan().position(),
                        b.mute(), e.bus.mute(), b.solo(), e.bus.solo());
            }
        }
        if (Math.abs(was.master().fader().linear() - session.master().fader().linear()) > 1e-12) {
            RppNode.Line mv = root.line("MASTER_VOLUME");
            if (mv != null) {
                List<String> v = new ArrayList<>(mv.tokens());
                v.set(1, ReaperFormat.fmt(session.master().fader().linear()));
                mv.set(String.join(" ", v));
            }
        }

        // TopDown processors: stock JS effects where possible, the rest into the notes.
        for (Ent e : ents) {
            List<Insert> inserts = e.track != null ? e.track.inserts() : e.bus != null ? e.bus.inserts() : List.of();
            List<String> notes = addEffects(e.node, "FXCHAIN", inserts);
            if (e.orig >= 0) {
                notes.addAll(folderItemNotes.getOrDefault(e.orig, List.of()));
            }
            if (e.orig < 0 && e.track != null) {
                notes.addAll(ReaperFormat.newTrackNotHeld(e.track));
            }
            addNotes(e.node, notes);
        }
        List<String> masterNotes = template ? new ArrayList<>() : addEffects(root, "MASTERFXLIST", session.master().inserts());
        if (!masterNotes.isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (String n : masterNotes) {
                lines.add("Master: " + n);
            }
            addNotes(root, lines);
        }

        if (restructure) {
            List<Ent> order = layOut(ents);
            Map<Integer, Integer> renumber = new HashMap<>();
            for (int k = 0; k < order.size(); k++) {
                if (order.get(k).orig >= 0) {
                    renumber.put(order.get(k).orig, k);
                }
            }
            writeDepths(order);
            for (Ent e : order) {
                for (RppNode.Line l : e.node.lines("AUXRECV")) {
                    List<String> v = new ArrayList<>(l.tokens());
                    int src = (int) ReaperReader.num(v, 1, -1);
                    Integer to = renumber.get(src);
                    if (to != null && to != src) {
                        v.set(1, Integer.toString(to));
                        l.set(String.join(" ", v));
                    }
                }
            }
            List<Object> rebuilt = new ArrayList<>();
            boolean placed = false;
            for (Object o : container) {
                if (o instanceof RppNode && ((RppNode) o).tag().equals("TRACK")) {
                    if (!placed) {
                        for (Ent e : order) {
                            rebuilt.add(e.node);
                        }
                        placed = true;
                    }
                    continue;
                }
                rebuilt.add(o);
            }
            if (!placed) {
                for (Ent e : order) {
                    rebuilt.add(e.node);
                }
            }
            container.clear();
            container.addAll(rebuilt);
        }
        rebaseParentRelativeMedia(trackNodes, original.file(), out);
        Path written = AtomicFiles.writeBytes(out, doc.bytes());
        linkMedia(trackNodes, original.file(), out);
        return written;
    }

    private static int index(topdown.model.Carry c) {
        if (!c.format().equals("reaper") || c.key().contains(":")) {
            return -1;
        }
        try {
            return Integer.parseInt(c.key());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Pre-order of the folder forest: each folder directly followed by its members, in file order. */
    private static List<Ent> layOut(List<Ent> ents) {
        for (Ent e : ents) {
            if (e.parent != null) {
                e.parent.children.add(e);
            }
        }
        for (Ent e : ents) {
            minKey(e);
        }
        List<Ent> roots = new ArrayList<>();
        for (Ent e : ents) {
            if (e.parent == null) {
                roots.add(e);
            }
        }
        List<Ent> order = new ArrayList<>();
        emit(roots, order);
        return order;
    }

    private static double minKey(Ent e) {
        if (!Double.isNaN(e.key)) {
            return e.key;
        }
        double k = Double.MAX_VALUE;
        for (Ent c : e.children) {
            k = Math.min(k, minKey(c));
        }
        // A new folder takes the place of its first member (just before it).
        e.key = k == Double.MAX_VALUE ? 1e12 : k - 0.5;
        return e.key;
    }

    private static void emit(List<Ent> level, List<Ent> out) {
        level.sort(Comparator.comparingDouble(e -> e.key));
        for (Ent e : level) {
            out.add(e);
            emit(e.children, out);
        }
    }

    /** ISBUS per track: 1 1 for a folder parent, 2 -n on the last track closing n folders, else 0 0. */
    private static void writeDepths(List<Ent> order) {
        Map<Ent, Integer> depth = new IdentityHashMap<>();
        for (Ent e : order) {
            depth.put(e, e.parent == null ? 0 : depth.get(e.parent) + 1);
        }
        for (int k = 0; k < order.size(); k++) {
            Ent e = order.get(k);
            int a;
            int b;
            if (!e.children.isEmpty()) {
                a = 1;
                b = 1;
            } else {
                int next = k + 1 < order.size() ? depth.get(order.get(k + 1)) : 0;
                int close = depth.get(e) - next;
                a = close > 0 ? 2 : 0;
                b = -close;
            }
            RppNode.Line l = e.node.line("ISBUS");
            List<String> cur = l == null ? List.of() : l.tokens().subList(1, l.tokens().size());
            int ca = (int) ReaperReader.num(cur, 0, 0);
            int cb = (int) ReaperReader.num(cur, 1, 0);
            boolean same = ca == a && (a != 2 || cb == b) || ca == 0 && a == 0;
            if (same) {
                continue;
            }
            String text = "ISBUS " + a + " " + b;
            if (l != null) {
                l.set(text);
            } else {
                insertLineAfter(e.node, text, "PLAYOFFS", "IPHASE", "MUTESOLO", "VOLPAN", "NAME");
            }
        }
    }

    private static void insertLineAfter(RppNode n, String text, String... keys) {
        String indent = childIndent(n);
        String end = n.header.ending.isEmpty() ? "\n" : n.header.ending;
        RppNode.Line line = new RppNode.Line(indent + text, end, 0);
        for (String k : keys) {
            RppNode.Line after = n.line(k);
            if (after != null) {
                n.children.add(n.children.indexOf(after) + 1, line);
                return;
            }
        }
        n.children.add(0, line);
    }

    private static void setMainSend(RppNode n, boolean on) {
        RppNode.Line l = n.line("MAINSEND");
        if (l == null) {
            if (!on) {
                insertLineAfter(n, "MAINSEND 0 0", "MIDIOUT", "PERF", "TRACKID", "FX", "NCHAN");
            }
            return;
        }
        List<String> v = new ArrayList<>(l.tokens());
        boolean cur = v.size() < 2 || ReaperReader.num(v, 1, 1) != 0;
        if (cur != on && v.size() >= 2) {
            v.set(1, on ? "1" : "0");
            l.set(String.join(" ", v));
        }
    }

    static void patchStrip(RppNode t, double f0, double f1, double p0, double p1, boolean m0, boolean m1, boolean s0,
                           boolean s1) {
        if (Math.abs(f0 - f1) > 1e-12 || Math.abs(p0 - p1) > 1e-12) {
            RppNode.Line vp = t.line("VOLPAN");
            if (vp != null) {
                List<String> v = new ArrayList<>(vp.tokens());
                v.set(1, ReaperFormat.fmt(f1));
                if (v.size() > 2) {
                    v.set(2, ReaperFormat.fmt(p1));
                }
                vp.set(String.join(" ", v));
            } else {
                insertLineAfter(t, "VOLPAN " + ReaperFormat.fmt(f1) + " " + ReaperFormat.fmt(p1) + " -1 -1 1", "NAME");
            }
        }
        if (m0 != m1 || s0 != s1) {
            RppNode.Line ms = t.line("MUTESOLO");
            if (ms != null) {
                List<String> v = new ArrayList<>(ms.tokens());
                v.set(1, m1 ? "1" : "0");
                if (v.size() > 2) {
                    v.set(2, s1 ? "2" : "0");
                }
                ms.set(String.join(" ", v));
            } else {
                insertLineAfter(t, "MUTESOLO " + (m1 ? 1 : 0) + " " + (s1 ? 2 : 0) + " 0", "VOLPAN", "NAME");
            }
        }
    }

    // ------------------------------------------------------------------ effects and notes

    /** Appends the new TopDown inserts as JS effects to the node's chain; returns notes for the ones not written. */
    private List<String> addEffects(RppNode owner, String chainTag, List<Insert> inserts) {
        List<String> notes = new ArrayList<>();
        RppNode chain = owner.node(chainTag);
        for (Insert in : inserts) {
            if (in.topdownProcessor() == null || !in.carry().isNew()) {
                continue;
            }
            ReaperJs.Fx fx = ReaperJs.map(in);
            if (fx == null) {
                notes.add(ReaperJs.describe(in) + " is not written as a Reaper effect: " + ReaperJs.whyNot(in)
                        + "; apply it by hand (see the mix report)");
                continue;
            }
            for (String n : fx.notHeld()) {
                notes.add(in.name() + " written as JS " + fx.path() + "; not held: " + n);
            }
            if (chain == null) {
                chain = newNode(childIndent(owner), "<" + chainTag);
                String ci = childIndent(chain);
                chain.children.add(new RppNode.Line(ci + "SHOW 0", eol, 0));
                chain.children.add(new RppNode.Line(ci + "LASTSEL 0", eol, 0));
                chain.children.add(new RppNode.Line(ci + "DOCKED 0", eol, 0));
                insertChunk(owner, chain);
            }
            String ci = childIndent(chain);
            chain.children.add(new RppNode.Line(ci + "BYPASS 0 0 0", eol, 0));
            RppNode js = newNode(ci, "<JS " + fx.path() + " \"\"");
            js.children.add(new RppNode.Line(ci + "  " + fx.valuesLine(), eol, 0));
            chain.children.add(js);
            chain.children.add(new RppNode.Line(ci + "FXID " + guid("fx:" + fx.path()), eol, 0));
            chain.children.add(new RppNode.Line(ci + "WAK 0 0", eol, 0));
        }
        return notes;
    }

    /** Adds lines to the node's NOTES chunk (created when absent), one "|" line each. */
    private void addNotes(RppNode owner, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        RppNode notes = owner.node("NOTES");
        if (notes == null) {
            notes = newNode(childIndent(owner), owner.tag().equals("REAPER_PROJECT") ? "<NOTES 0 2" : "<NOTES");
            if (owner.tag().equals("REAPER_PROJECT")) {
                owner.children.add(0, notes);
            } else {
                insertChunk(owner, notes);
            }
        }
        String ci = childIndent(notes);
        for (String l : lines) {
            // Notes are text lines of the chunk: keep them on one line each, UTF-8 bytes as ISO-8859-1 chars.
            String s = new String(l.replace('\n', ' ').replace('\r', ' ').getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.ISO_8859_1);
            notes.children.add(new RppNode.Line(ci + "|" + s, eol, 0));
        }
    }

    /** Inserts a chunk before the node's first ITEM (track chunks keep items last), or at the end. */
    private static void insertChunk(RppNode owner, RppNode chunk) {
        for (int i = 0; i < owner.children.size(); i++) {
            Object c = owner.children.get(i);
            if (c instanceof RppNode && (((RppNode) c).tag().equals("ITEM") || ((RppNode) c).tag().equals("TRACK"))) {
                owner.children.add(i, chunk);
                return;
            }
        }
        owner.children.add(chunk);
    }

    // ------------------------------------------------------------------ new chunks

    private RppNode newBusNode(String indent, Bus b) {
        RppNode n = newNode(indent, "<TRACK " + guid("track:" + b.name()));
        String id = n.args().get(0);
        String ci = childIndent(n);
        for (String l : List.of("NAME " + RppTokens.quote(utf8(b.name())),
                "VOLPAN " + ReaperFormat.fmt(b.fader().linear()) + " " + ReaperFormat.fmt(b.pan().position()) + " -1 -1 1",
                "MUTESOLO " + (b.mute() ? 1 : 0) + " " + (b.solo() ? 2 : 0) + " 0", "IPHASE " + (b.polarityInverted() ? 1 : 0),
                "ISBUS 1 1", "NCHAN " + Math.max(2, b.channels() + (b.channels() % 2)), "FX 1", "TRACKID " + id,
                "MAINSEND " + (b.output() == null ? 0 : 1) + " 0")) {
            n.children.add(new RppNode.Line(ci + l, eol, 0));
        }
        return n;
    }

    private RppNode newTrackNode(String indent, Track t, Session s, Path originalFile, Path out)
            throws UnsupportedSessionException {
        RppNode n = newNode(indent, "<TRACK " + guid("track:" + t.name()));
        String id = n.args().get(0);
        String ci = childIndent(n);
        int nch = Math.max(2, t.channels() + (t.channels() % 2));
        for (String l : List.of("NAME " + RppTokens.quote(utf8(t.name())),
                "VOLPAN " + ReaperFormat.fmt(t.fader().linear()) + " " + ReaperFormat.fmt(t.pan().position()) + " -1 -1 1",
                "MUTESOLO " + (t.mute() ? 1 : 0) + " " + (t.solo() ? 2 : 0) + " 0", "IPHASE " + (t.polarityInverted() ? 1 : 0),
                "ISBUS 0 0", "NCHAN " + nch, "FX 1", "TRACKID " + id, "MAINSEND " + (t.output() == null ? 0 : 1) + " 0")) {
            n.children.add(new RppNode.Line(ci + l, eol, 0));
        }
        Path outFolder = out.toAbsolutePath().getParent();
        for (Clip c : t.clips()) {
            Source src = c.source();
            if (src == null || !src.found() || src.embedded()) {
                throw new UnsupportedSessionException("new track '" + t.name() + "': clip '" + c.name()
                        + "' has no file on disk to reference from the Reaper project");
            }
            for (int k = 0; k < c.channels().size(); k++) {
                ClipChannel ch = c.channels().get(k);
                if (ch.source() != src || ch.channel() != k) {
                    throw new UnsupportedSessionException("new track '" + t.name() + "': clip '" + c.name()
                            + "' maps channels across files, which one Reaper item cannot play");
                }
            }
            Path media = resolve(src, originalFile);
            String file = mediaPath(outFolder, media);
            double rate = s.sampleRate();
            RppNode item = newNode(ci, "<ITEM");
            String ii = childIndent(item);
            for (String l : List.of("POSITION " + ReaperFormat.fmt(c.positionSamples() / rate), "SNAPOFFS 0",
                    "LENGTH " + ReaperFormat.fmt(c.lengthSamples() / rate), "LOOP 0", "ALLTAKES 0",
                    "FADEIN 0 " + ReaperFormat.fmt(c.fadeIn().lengthSamples() / rate) + " 0 0 0 0 0",
                    "FADEOUT 0 " + ReaperFormat.fmt(c.fadeOut().lengthSamples() / rate) + " 0 0 0 0 0",
                    "MUTE " + (c.muted() ? 1 : 0) + " 0", "SEL 0", "IGUID " + guid("item:" + t.name() + c.name()),
                    "NAME " + RppTokens.quote(utf8(c.name())), "VOLPAN " + ReaperFormat.fmt(c.gain().linear()) + " 0 1 -1",
                    "SOFFS " + ReaperFormat.fmt(c.offsetSamples() / rate), "PLAYRATE 1 1 0 -1 0 0.0025", "CHANMODE 0",
                    "GUID " + guid("take:" + t.name() + c.name()))) {
                item.children.add(new RppNode.Line(ii + l, eol, 0));
            }
            RppNode source = newNode(ii, "<SOURCE " + sourceType(media));
            source.children.add(new RppNode.Line(childIndent(source) + "FILE " + quoteAlways(utf8(file)), eol, 0));
            item.children.add(source);
            n.children.add(item);
        }
        return n;
    }

    /** Reaper's source type for a media file: WAVE for WAV/AIFF/RF64, else by the file's ending. */
    static String sourceType(Path media) {
        String n = media.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".flac")) {
            return "FLAC";
        }
        if (n.endsWith(".mp3")) {
            return "MP3";
        }
        if (n.endsWith(".ogg")) {
            return "VORBIS";
        }
        return "WAVE";
    }

    private static Path resolve(Source src, Path originalFile) {
        String r = src.resolved() != null ? src.resolved() : src.path();
        Path p = Path.of(r);
        if (!p.isAbsolute()) {
            p = originalFile.toAbsolutePath().getParent().resolve(p);
        }
        return p.normalize();
    }

    /** A media path as the project should write it: relative to the project folder when it can be. */
    static String mediaPath(Path projectFolder, Path media) {
        Path abs = media.toAbsolutePath().normalize();
        try {
            if (projectFolder != null && Objects.equals(abs.getRoot(), projectFolder.getRoot())) {
                return projectFolder.relativize(abs).toString().replace('\\', '/');
            }
        } catch (IllegalArgumentException e) {
            // different roots: absolute below
        }
        return abs.toString();
    }

    /**
     * When the project is written to another folder, relative media paths would point nowhere: like the Ardour
     * writer's link to {@code interchange}, the first folder (or file) of each relative path gets a symbolic link
     * in the new folder to the original one, so the project text stays as read and the media play.
     */
    private static void linkMedia(List<RppNode> originalTracks, Path originalFile, Path out) throws IOException {
        Path from = originalFile.toAbsolutePath().getParent();
        Path to = out.toAbsolutePath().getParent();
        if (from == null || to == null || from.normalize().equals(to.normalize())) {
            return;
        }
        Set<String> firsts = new java.util.TreeSet<>();
        for (RppNode t : originalTracks) {
            collectRelative(t, firsts);
        }
        for (String first : firsts) {
            Path target = from.resolve(first);
            Path link = to.resolve(first);
            if (Files.exists(target) && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, target.toAbsolutePath());
            }
        }
    }

    /**
     * A relative media path that climbs out of the project folder ({@code ../Samples/kick.wav}) cannot be
     * linked beside a project written to another folder: written elsewhere, such a FILE line gets the media's
     * absolute path instead (the rest of the line kept), so the new project still finds it.
     */
    private static void rebaseParentRelativeMedia(List<RppNode> tracks, Path originalFile, Path out) {
        Path from = originalFile.toAbsolutePath().getParent();
        Path to = out.toAbsolutePath().getParent();
        if (from == null || to == null || from.normalize().equals(to.normalize())) {
            return;
        }
        for (RppNode t : tracks) {
            rebase(t, from);
        }
    }

    private static void rebase(RppNode n, Path from) {
        if (n.tag().equals("SOURCE")) {
            RppNode.Line l = n.line("FILE");
            if (l != null && l.tokens().size() >= 2) {
                String p = l.tokens().get(1).replace('\\', '/');
                if (p.equals("..") || p.startsWith("../")) {
                    List<String> t = l.tokens();
                    StringBuilder sb = new StringBuilder("FILE ")
                            .append(quoteAlways(from.resolve(p).normalize().toString()));
                    for (String rest : t.subList(2, t.size())) {
                        sb.append(' ').append(RppTokens.quote(rest));
                    }
                    l.set(sb.toString());
                }
            }
        }
        for (RppNode c : n.nodes(null)) {
            rebase(c, from);
        }
    }

    private static void collectRelative(RppNode n, Set<String> firsts) {
        if (n.tag().equals("SOURCE")) {
            List<String> f = n.values("FILE");
            if (!f.isEmpty()) {
                String p = f.get(0).replace('\\', '/');
                boolean absolute = p.startsWith("/") || p.matches("^[A-Za-z]:/.*");
                String first = p.contains("/") ? p.substring(0, p.indexOf('/')) : p;
                if (!absolute && !first.isEmpty() && !first.equals("..") && !first.equals(".")) {
                    firsts.add(first);
                }
            }
        }
        for (RppNode c : n.nodes(null)) {
            collectRelative(c, firsts);
        }
    }

    private static String quoteAlways(String s) {
        if (s.indexOf('"') < 0) {
            return "\"" + s + "\"";
        }
        return RppTokens.quote(s);
    }

    private static String utf8(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private RppNode newNode(String indent, String header) {
        RppNode n = new RppNode(new RppNode.Line(indent + header, eol, 0));
        n.footer = new RppNode.Line(indent + ">", eol, 0);
        return n;
    }

    private static String indentOf(RppNode.Line l) {
        int i = 0;
        while (i < l.text.length() && (l.text.charAt(i) == ' ' || l.text.charAt(i) == '\t')) {
            i++;
        }
        return l.text.substring(0, i);
    }

    private static String childIndent(RppNode n) {
        for (Object c : n.children) {
            RppNode.Line l = c instanceof RppNode ? ((RppNode) c).header : (RppNode.Line) c;
            return indentOf(l);
        }
        return indentOf(n.header) + "  ";
    }

    /** A GUID not yet in the file, reproducible for the same output name and content. */
    private String guid(String what) {
        while (true) {
            UUID u = UUID.nameUUIDFromBytes((baseName + "|" + what + "|" + (guidCounter++)).getBytes(StandardCharsets.UTF_8));
            String g = "{" + u.toString().toUpperCase(java.util.Locale.ROOT) + "}";
            if (guids.add(g)) {
                return g;
            }
        }
    }
}
