package topdown.format.dawproject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import topdown.format.Loss;
import topdown.format.Problem;
import topdown.format.ReadResult;
import topdown.format.SessionFormat;
import topdown.format.zip.SafeZip;
import topdown.model.Session;

/**
 * DAWproject 1.0 ({@code .dawproject}: a zip of project.xml, metadata.xml, audio and plugin states; a bare
 * project.xml reads too). The native document is the project.xml DOM ({@link DpDocument}); writing patches it
 * for sessions read from DAWproject and generates it through the JAXB classes for every other source.
 */
public final class DawprojectFormat implements SessionFormat {
    @Override
    public String id() {
        return "dawproject";
    }

    @Override
    public List<String> extensions() {
        return List.of(".dawproject");
    }

    @Override
    public boolean detect(Path file, byte[] head) {
        if (SafeZip.looksLikeZip(head)) {
            String s = new String(head, StandardCharsets.ISO_8859_1);
            return s.contains("project.xml") || s.contains("metadata.xml");
        }
        String s = new String(head, StandardCharsets.UTF_8).stripLeading();
        if (s.startsWith("<?xml")) {
            int end = s.indexOf("?>");
            s = end < 0 ? s : s.substring(end + 2).stripLeading();
        }
        return s.startsWith("<Project") && s.contains("<Application");
    }

    @Override
    public ReadResult read(Path file) throws IOException {
        DpArchive arc = DpArchive.read(file);
        DpProject proj = DpXml.unmarshal(file, arc.zipped ? DpArchive.PROJECT : null, arc.projectXml, DpProject.class);
        DpReader r = new DpReader(file, arc, proj);
        Session s;
        try {
            s = r.read();
        } catch (IllegalArgumentException e) {
            // A value the model refuses (negative length, impossible rate …): the file, not TopDown, is wrong.
            throw new topdown.format.SessionFormatException(topdown.format.SourceLocation.element(file,
                    arc.zipped ? "entry 'project.xml'" : null), "invalid DAWproject content: " + e.getMessage(), e);
        }
        List<Problem> problems = new ArrayList<>();
        for (String w : s.warnings()) {
            problems.add(Problem.warning(file.getFileName().toString(), w));
        }
        return new ReadResult(file, this, s, new DpDocument(arc), problems, new DpMedia(file));
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    @Override
    public Path write(ReadResult original, Session session, Path out) throws IOException {
        return new DpWriter().write(original, session, out);
    }

    @Override
    public List<Loss> losses(Session session) {
        return DpWriter.losses(session);
    }
}
