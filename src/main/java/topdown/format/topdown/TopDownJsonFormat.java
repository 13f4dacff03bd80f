package topdown.format.topdown;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import topdown.audio.io.AtomicFiles;
import topdown.format.ReadResult;
import topdown.format.SessionFormat;
import topdown.format.SessionFormatException;
import topdown.format.SourceLocation;
import topdown.model.Session;

/** TopDown's own session file, {@code *.topdown.json} ({@code topdown.session/1}). */
public final class TopDownJsonFormat implements SessionFormat {
    private static final long MAX_BYTES = 256L << 20;

    @Override
    public String id() {
        return "topdown";
    }

    @Override
    public List<String> extensions() {
        return List.of(".topdown.json");
    }

    @Override
    public boolean detect(Path file, byte[] head) {
        String s = new String(head, StandardCharsets.UTF_8);
        return s.stripLeading().startsWith("{") && s.contains(SessionJson.SCHEMA);
    }

    @Override
    public ReadResult read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new SessionFormatException(SourceLocation.file(file), "session JSON larger than 256 MiB");
        }
        ObjectMapper m = new ObjectMapper();
        m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(1 << 20).maxNumberLength(64).build());
        JsonNode root;
        try {
            root = m.readTree(file.toFile());
        } catch (JsonParseException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new SessionFormatException(SourceLocation.line(file, line), "invalid JSON: " + e.getOriginalMessage());
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw new SessionFormatException(SourceLocation.file(file), "JSON too deep or too large: " + e.getMessage());
        }
        if (root == null) {
            throw new SessionFormatException(SourceLocation.file(file), "empty file");
        }
        Path folder = file.toAbsolutePath().getParent();
        Session s = SessionJson.fromJson(file, root, folder);
        return new ReadResult(file, this, s, root, List.of(), null);
    }

    @Override
    public java.util.List<topdown.format.Loss> losses(Session session) {
        return Losses.of(session);
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    @Override
    public Path write(ReadResult original, Session session, Path out) throws IOException {
        if (original != null && original.file() != null && Files.exists(out)
                && Files.isSameFile(original.file(), out)) {
            throw new IOException(out.getFileName() + ": refusing to overwrite the original session");
        }
        Path from = original != null ? original.folder() : null;
        Path to = out.toAbsolutePath().getParent();
        return AtomicFiles.writeString(out, SessionJson.toJson(rebase(session, from, to)));
    }

    /**
     * Source paths in the document are relative to the file's own folder: re-express every resolved path
     * (relative to {@code from}, or absolute) against {@code to}.
     */
    static Session rebase(Session s, Path from, Path to) {
        java.util.Map<String, topdown.model.Source> done = new java.util.HashMap<>();
        java.util.List<topdown.model.Track> tracks = new java.util.ArrayList<>();
        for (topdown.model.Track t : s.tracks()) {
            java.util.List<topdown.model.Clip> clips = new java.util.ArrayList<>();
            for (topdown.model.Clip c : t.clips()) {
                java.util.List<topdown.model.ClipChannel> ch = new java.util.ArrayList<>();
                for (topdown.model.ClipChannel cc : c.channels()) {
                    ch.add(new topdown.model.ClipChannel(done.computeIfAbsent(cc.source().id() + "|" + cc.source().path(),
                            k -> rebase(cc.source(), from, to)), cc.channel()));
                }
                clips.add(new topdown.model.Clip(c.name(), ch, c.positionSamples(), c.offsetSamples(), c.lengthSamples(),
                        c.gain(), c.gainEnvelope(), c.fadeIn(), c.fadeOut(), c.muted(), c.polarityInverted(), c.carry()));
            }
            tracks.add(t.withClips(clips));
        }
        return s.withTracks(tracks);
    }

    static topdown.model.Source rebase(topdown.model.Source src, Path from, Path to) {
        if (src.resolved() == null || src.embedded()) {
            return src;
        }
        Path p = Path.of(src.resolved());
        Path abs = p.isAbsolute() ? p : (from == null ? p.toAbsolutePath() : from.resolve(p)).normalize();
        String resolved = abs.toString();
        if (to != null) {
            Path rel = to.toAbsolutePath().normalize().relativize(abs.toAbsolutePath().normalize());
            if (!rel.startsWith("..")) {
                resolved = rel.toString();
            }
        }
        return new topdown.model.Source(src.id(), resolved, resolved, src.channels(), src.sampleRate(), src.lengthFrames(),
                src.format(), src.found(), src.embedded());
    }
}
