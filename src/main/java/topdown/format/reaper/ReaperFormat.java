package topdown.format.reaper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import topdown.format.Loss;
import topdown.format.Problem;
import topdown.format.ReadResult;
import topdown.format.SessionFormat;
import topdown.format.SessionFormatException;
import topdown.format.SourceLocation;
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
        return new ReaperWriter().write(original, session, out);
    }

    @Override
    public boolean writesProcessor(Insert insert, int channels) {
        return insert.topdownProcessor() != null && ReaperJs.map(insert) != null;
    }

    static String fmt(double v) {
        String s = String.format(Locale.ROOT, "%.14f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public List<Loss> losses(Session s) {
        List<Loss> out = new ArrayList<>();
        out.addAll(Loss.extraOutputs(s, "the Reaper project"));
        for (Track t : s.tracks()) {
            if (!t.carry().isNew() && !t.carry().format().equals("reaper")) {
                out.add(Loss.of("routing", t.name(), "track from another format is not written into the Reaper project"));
            }
            if (t.carry().isNew() && t.clips().stream().anyMatch(c -> c.source() == null || !c.source().found())) {
                out.add(Loss.of("routing", t.name(), "new track with clips that have no file on disk cannot be written"));
            }
            if (t.carry().isNew()) {
                for (topdown.model.Clip c : t.clips()) {
                    if (c.fadeIn().lengthSamples() > 0 && c.fadeIn().shape() != topdown.model.FadeShape.LINEAR
                            || c.fadeOut().lengthSamples() > 0 && c.fadeOut().shape() != topdown.model.FadeShape.LINEAR) {
                        out.add(Loss.of("fade-shape", t.name(), "fades of new items are written linear"));
                    }
                }
            }
            if (t.carry().key().endsWith(":items")) {
                // Compared with the unity strip the reader gives a folder's own items.
                Track asRead = t.withFader(topdown.model.Gain.UNITY).withPan(topdown.model.Pan.CENTRE).withMute(false)
                        .withInserts(t.inserts().stream().filter(i -> !i.carry().isNew()).toList());
                folderItemsNotHeld(t, asRead).forEach(n -> out.add(Loss.of("routing", t.name(), n)));
            } else {
                inserts(out, t.name(), t.inserts());
            }
            if (t.carry().isNew()) {
                newTrackNotHeld(t).forEach(n -> out.add(Loss.of(n.startsWith("sends") ? "send" : "automation", t.name(), n)));
            }
            if (t.clips().stream().anyMatch(c -> c.gainEnvelope() != null)) {
                out.add(Loss.of("clip-gain-envelope", t.name(), "clip gain envelopes become take volume envelopes only"
                        + " when written by Reaper itself"));
            }
        }
        for (Bus b : s.buses()) {
            if (b.carry().isNew() && b.kind() != topdown.model.BusKind.GROUP) {
                out.add(Loss.of("routing", b.name(), "new " + b.kind().name().toLowerCase(Locale.ROOT) + " bus: only group"
                        + " buses (folders) are written"));
            }
            // A folder's own items (a track keyed "n:items") are not members that keep it a folder.
            boolean fed = s.tracks().stream().anyMatch(t -> b.id().equals(t.output()) && !t.carry().key().endsWith(":items"))
                    || s.buses().stream().anyMatch(o -> b.id().equals(o.output()));
            if (b.kind() == topdown.model.BusKind.GROUP && !fed) {
                out.add(Loss.of("routing", b.name(), "a folder with no tracks in it is written as an ordinary track"));
            }
            inserts(out, b.name(), b.inserts());
        }
        inserts(out, "Master", s.master().inserts());
        return out;
    }

    /**
     * A folder's own items are modelled as a track feeding the folder; Reaper has no strip for them, so a fader,
     * pan, mute or processing TopDown gives that track cannot be written (it goes to the folder's notes).
     */
    static List<String> folderItemsNotHeld(Track t, Track before) {
        List<String> out = new ArrayList<>();
        if (Math.abs(t.fader().db() - before.fader().db()) > 1e-9 || Math.abs(t.pan().position() - before.pan().position())
                > 1e-12 || t.mute() != before.mute()) {
            out.add(String.format(Locale.ROOT, "the folder's own items: fader %.2f dB, pan %.2f, mute %s are not written"
                    + " (Reaper plays them through the folder's own strip)", t.fader().db(), t.pan().position(), t.mute()));
        }
        for (Insert i : t.inserts()) {
            if (i.topdownProcessor() != null && i.carry().isNew()) {
                out.add("the folder's own items: " + ReaperJs.describe(i) + " is not written (Reaper has no chain for"
                        + " them apart from the folder's)");
            }
        }
        return out;
    }

    /** What a new track chunk does not carry: sends and automation lanes. */
    static List<String> newTrackNotHeld(Track t) {
        List<String> out = new ArrayList<>();
        if (!t.sends().isEmpty()) {
            out.add("sends of the new track (" + t.sends().size() + ") are not written");
        }
        if (!t.automation().isEmpty()) {
            out.add("automation of the new track (" + t.automation().size() + " lanes) is not written");
        }
        return out;
    }

    /** TopDown processors: written as JS effects (what they cannot hold is listed) or not written at all. */
    private static void inserts(List<Loss> out, String owner, List<Insert> inserts) {
        for (Insert i : inserts) {
            if (i.topdownProcessor() == null || !i.carry().isNew()) {
                continue;
            }
            ReaperJs.Fx fx = ReaperJs.map(i);
            if (fx == null) {
                out.add(Loss.of("plugin", owner, ReaperJs.describe(i) + " is not written as a Reaper effect: "
                        + ReaperJs.whyNot(i) + " (it is in the track notes)"));
            } else {
                for (String n : fx.notHeld()) {
                    out.add(Loss.of("plugin", owner, i.name() + " is written as JS " + fx.path() + "; not held: " + n));
                }
            }
        }
    }
}
