package topdown.format.reaper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import topdown.audio.io.AtomicFiles;
import topdown.format.Loss;
import topdown.format.Problem;
import topdown.format.ReadResult;
import topdown.format.SessionFormat;
import topdown.format.SessionFormatException;
import topdown.format.SourceLocation;
import topdown.format.UnsupportedSessionException;
import topdown.model.Bus;
import topdown.model.Insert;
import topdown.model.Session;
import topdown.model.Track;

/**
 * Reaper projects ({@code .rpp}, {@code .rpp-bak}) and track templates ({@code .RTrackTemplate}).
 * Writing patches the kept chunk tree (an unedited project is written back byte for byte).
 */
public final class ReaperFormat implements SessionFormat {
    private static final long MAX_BYTES = 256L << 20;

    @Override
    public String id() {
        return "reaper";
    }

    @Override
    public List<String> extensions() {
        return List.of(".rpp", ".rpp-bak", ".rtracktemplate");
    }

    @Override
    public boolean detect(Path file, byte[] head) {
        String s = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).stripLeading();
        return s.startsWith("<REAPER_PROJECT") || s.startsWith("<TRACK");
    }

    @Override
    public ReadResult read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new SessionFormatException(SourceLocation.file(file), "project of " + size + " bytes is larger than 256 MiB");
        }
        RppParser.Doc doc = RppParser.parse(file, Files.readAllBytes(file));
        String tag = doc.root().tag();
        if (!tag.equals("REAPER_PROJECT") && !tag.equals("TRACK")) {
            throw new SessionFormatException(SourceLocation.line(file, 1), "not a Reaper project or track template (<" + tag + ">)");
        }
        Session s = new ReaperReader(file, doc).read();
        List<Problem> problems = new ArrayList<>();
        s.warnings().forEach(w -> problems.add(Problem.warning(file.getFileName().toString(), w)));
        return new ReadResult(file, this, s, doc, problems, null);
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    @Override
    public Path write(ReadResult original, Session session, Path out) throws IOException {
        if (original == null || !(original.nativeDocument() instanceof RppParser.Doc)) {
            throw new UnsupportedSessionException("writing a Reaper project from a " + session.format()
                    + " session is not supported yet (TopDown patches Reaper projects it read)");
        }
        if (Files.exists(out) && Files.isSameFile(original.file(), out)) {
            throw new IOException(out.getFileName() + ": refusing to overwrite the original project");
        }
        RppParser.Doc doc = RppParser.parse(original.file(), ((RppParser.Doc) original.nativeDocument()).bytes());
        List<RppNode> trackNodes = doc.root().tag().equals("TRACK") ? doc.blocks() : doc.root().nodes("TRACK");
        Session was = original.session();
        for (topdown.model.Bus nb : session.buses()) {
            if (was.bus(nb.id()).isEmpty()) {
                throw new UnsupportedSessionException("adding bus '" + nb.name() + "' to a reaper session is not supported yet;"
                        + " write the result as .topdown.json");
            }
        }
        for (topdown.model.Track nt : session.tracks()) {
            topdown.model.Track ot = was.track(nt.id()).orElse(null);
            if (ot == null && !nt.name().startsWith("TopDown ")) {
                throw new UnsupportedSessionException("adding track '" + nt.name() + "' to a reaper session is not supported yet;"
                        + " write the result as .topdown.json");
            }
            if (ot != null && !java.util.Objects.equals(ot.output(), nt.output())) {
                throw new UnsupportedSessionException("re-routing track '" + nt.name() + "' in a reaper session is not supported"
                        + " yet; write the result as .topdown.json");
            }
        }
        for (Track t : session.tracks()) {
            Track before = was.track(t.id()).orElse(null);
            if (before == null || !t.carry().format().equals("reaper") || t.carry().key().contains(":")) {
                continue;
            }
            patch(trackNodes.get(Integer.parseInt(t.carry().key())), before.fader().linear(), t.fader().linear(),
                    before.pan().position(), t.pan().position(), before.mute(), t.mute(), before.solo(), t.solo());
        }
        for (Bus b : session.buses()) {
            Bus before = was.bus(b.id()).orElse(null);
            if (before == null || !b.carry().format().equals("reaper")) {
                continue;
            }
            patch(trackNodes.get(Integer.parseInt(b.carry().key())), before.fader().linear(), b.fader().linear(),
                    before.pan().position(), b.pan().position(), before.mute(), b.mute(), before.solo(), b.solo());
        }
        if (Math.abs(was.master().fader().linear() - session.master().fader().linear()) > 1e-12) {
            RppNode.Line mv = doc.root().line("MASTER_VOLUME");
            if (mv != null) {
                List<String> v = new ArrayList<>(mv.tokens());
                v.set(1, fmt(session.master().fader().linear()));
                mv.set(String.join(" ", v));
            }
        }
        return AtomicFiles.writeBytes(out, doc.bytes());
    }

    private static void patch(RppNode t, double f0, double f1, double p0, double p1, boolean m0, boolean m1, boolean s0,
                              boolean s1) {
        if (Math.abs(f0 - f1) > 1e-12 || Math.abs(p0 - p1) > 1e-12) {
            RppNode.Line vp = t.line("VOLPAN");
            if (vp != null) {
                List<String> v = new ArrayList<>(vp.tokens());
                v.set(1, fmt(f1));
                if (v.size() > 2) {
                    v.set(2, fmt(p1));
                }
                vp.set(String.join(" ", v));
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
            }
        }
    }

    static String fmt(double v) {
        String s = String.format(Locale.ROOT, "%.14f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public List<Loss> losses(Session s) {
        List<Loss> out = new ArrayList<>();
        for (Track t : s.tracks()) {
            if (t.carry().isNew()) {
                out.add(Loss.of("routing", t.name(), "new track not written into the Reaper project"));
            }
            for (Insert i : t.inserts()) {
                if (i.topdownProcessor() != null) {
                    out.add(Loss.of("plugin", t.name(), "TopDown " + i.name() + " " + i.parameters()
                            + " is not written as a Reaper effect"));
                }
            }
            if (t.clips().stream().anyMatch(c -> c.gainEnvelope() != null)) {
                out.add(Loss.of("clip-gain-envelope", t.name(), "clip gain envelopes become take volume envelopes only"
                        + " when written by Reaper itself"));
            }
        }
        for (Bus b : s.buses()) {
            if (b.carry().isNew()) {
                out.add(Loss.of("routing", b.name(), "new folder not written into the Reaper project"));
            }
        }
        return out;
    }
}
