package topdown.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import topdown.audio.io.AtomicFiles;
import topdown.format.Loss;
import topdown.format.ReadResult;
import topdown.format.SessionFormat;
import topdown.format.SessionFormats;
import topdown.format.UnsupportedSessionException;
import topdown.format.topdown.SessionJson;
import topdown.model.Session;

@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Converts a session to another format (chosen by OUT's extension), always with a loss report"
                + " (topdown.loss/1) of what the target cannot hold; --verify renders both and prints the null depth.")
final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT")
    Path out;

    @Option(names = "--report", paramLabel = "FILE", description = "loss report path (default: OUT.loss.json)")
    Path report;

    @Option(names = "--verify", description = "render the source and the converted session and report the null depth")
    boolean verify;

    @Option(names = "--verbose", description = "stack traces on errors")
    boolean verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ReadResult src = SessionFormats.read(in);
        SessionFormat target = SessionFormats.forName(out).orElseThrow(() -> new IllegalArgumentException(
                "usage: cannot tell the target format from '" + out.getFileName()
                        + "' (use .ardour, .rpp, .dawproject or .topdown.json)"));
        if (!target.canWrite()) {
            throw new UnsupportedSessionException(out.getFileName() + ": TopDown cannot write " + target.id()
                    + " sessions (it reads them)");
        }
        if (Files.exists(out) && Files.isSameFile(in, out)) {
            throw new IllegalArgumentException("usage: OUT is the input session; TopDown never overwrites it");
        }
        Session s = src.session();
        List<Loss> lost = new ArrayList<>();
        for (String w : s.warnings()) {
            lost.add(Loss.of("unread", null, "not understood when reading " + in.getFileName() + ": " + w));
        }
        lost.addAll(target.losses(s));
        ReadResult original = src.format().id().equals(target.id()) ? src : null;
        if (original == null) {
            s = topdown.report.MediaExport.externalise(src, s, out.toAbsolutePath().resolveSibling(
                    out.getFileName().toString().replaceFirst("\\.[^.]+(\\.json)?$", "") + "-media"));
        }
        Path written = target.write(original, s, out);
        ObjectNode doc = SessionJson.mapper().createObjectNode();
        doc.put("schema", "topdown.loss/1");
        doc.put("from", src.format().id());
        doc.put("to", target.id());
        doc.put("input", in.toString());
        doc.put("output", written.toString());
        ArrayNode rows = doc.putArray("lost");
        for (Loss l : lost) {
            ObjectNode r = rows.addObject();
            r.put("kind", l.kind());
            r.put("track", l.track());
            if (!Double.isNaN(l.startSeconds())) {
                r.put("startSeconds", l.startSeconds());
            }
            if (!Double.isNaN(l.endSeconds())) {
                r.put("endSeconds", l.endSeconds());
            }
            r.put("detail", l.detail());
        }
        Double nullDepth = null;
        if (verify) {
            nullDepth = Verify.nullDepthDb(src, written);
            doc.putObject("verify").put("nullDepthDb", nullDepth);
        }
        Path rep = report != null ? report : written.resolveSibling(written.getFileName() + ".loss.json");
        AtomicFiles.writeString(rep, SessionJson.mapper().writeValueAsString(doc) + "\n");
        System.err.printf("convert: %s -> %s: %d item(s) the target cannot hold (report: %s)%s%n", src.format().id(),
                target.id(), lost.size(), rep, nullDepth == null ? "" : String.format("; null depth %.1f dB", nullDepth));
        return 0;
    }
}
