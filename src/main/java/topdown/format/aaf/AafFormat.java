package topdown.format.aaf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import topdown.format.MediaResolver;
import topdown.format.Problem;
import topdown.format.ReadResult;
import topdown.format.SessionFormat;
import topdown.format.aaf.object.AafFile;
import topdown.model.Session;

/**
 * AAF (Advanced Authoring Format) import: Pro Tools, Logic, Resolve, Premiere and Media Composer
 * exports with embedded or external audio. TopDown reads AAF; writing it is not supported, so
 * {@code mix}/{@code convert} write Ardour or DAWproject instead.
 */
public final class AafFormat implements SessionFormat {
    private static final long SIGNATURE = 0xE11AB1A1E011CFD0L;

    @Override
    public String id() {
        return "aaf";
    }

    @Override
    public List<String> extensions() {
        return List.of(".aaf");
    }

    @Override
    public boolean detect(Path file, byte[] head) {
        if (head.length < 8) {
            return false;
        }
        long sig = 0;
        for (int i = 7; i >= 0; i--) {
            sig = sig << 8 | (head[i] & 0xFF);
        }
        return sig == SIGNATURE;
    }

    @Override
    public ReadResult read(Path file) throws IOException {
        AafFile aaf = AafFile.open(file);
        boolean keepOpen = false;
        try {
            AafReader reader = new AafReader(file, aaf);
            Session s = reader.read();
            List<Problem> problems = new ArrayList<>();
            for (String w : s.warnings()) {
                problems.add(Problem.warning(file.getFileName().toString(), w));
            }
            MediaResolver files = MediaResolver.files(file.toAbsolutePath().getParent());
            MediaResolver media = files;
            if (!reader.embedded().isEmpty()) {
                EmbeddedEssenceResolver embedded = new EmbeddedEssenceResolver(file, reader.embedded());
                media = src -> src.embedded() ? embedded.open(src) : files.open(src);
            }
            return new ReadResult(file, this, s, null, problems, media);
        } finally {
            if (!keepOpen) {
                aaf.close();
            }
        }
    }
}
