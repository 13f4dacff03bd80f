package topdown.format.ardour;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import topdown.format.Loss;
import topdown.format.Problem;
import topdown.format.ReadResult;
import topdown.format.SessionFormat;
import topdown.format.xml.SafeXml;
import topdown.model.Session;

/** Ardour sessions ({@code .ardour}) and templates ({@code .template}), versions 2.x to 8. */
public final class ArdourFormat implements SessionFormat {
    @Override
    public String id() {
        return "ardour";
    }

    @Override
    public List<String> extensions() {
        return List.of(".ardour", ".template");
    }

    @Override
    public boolean detect(Path file, byte[] head) {
        String s = new String(head, StandardCharsets.UTF_8);
        return s.contains("<Session") && s.contains("version=");
    }

    @Override
    public ReadResult read(Path file) throws IOException {
        Document d = SafeXml.parse(file);
        ArdourReader r = new ArdourReader(file, d);
        Session s = r.read();
        List<Problem> problems = new ArrayList<>();
        for (String w : s.warnings()) {
            problems.add(Problem.warning(file.getFileName().toString(), w));
        }
        return new ReadResult(file, this, s, d, problems, null);
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    @Override
    public Path write(ReadResult original, Session session, Path out) throws IOException {
        return new ArdourWriter().write(original, session, out);
    }

    @Override
    public List<Loss> losses(Session s) {
        return ArdourWriter.losses(s);
    }
}
