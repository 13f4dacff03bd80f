package topdown.format.reaper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import topdown.cli.CliTestAccess;
import topdown.testing.Shared;

/**
 * The corpus table of docs/format-reaper.md, made from {@code topdown inspect FILE --json} of every corpus Reaper
 * file: tracks, folders (group buses), items (audio clips), missing media (distinct sources not found) and
 * warnings. The test writes the table to target/reaper-corpus-table.md and fails when the doc says otherwise.
 */
class ReaperCorpusTableTest {
    @Test
    void docsTableIsTheInspectJsonOfEveryCorpusFile() throws Exception {
        Path root = Shared.corpus().resolve("reaper");
        List<String> rows = new ArrayList<>();
        rows.add("| file | tracks | folders | items | missing media | warnings |");
        rows.add("|---|---|---|---|---|---|");
        ObjectMapper m = new ObjectMapper();
        for (Path f : ReaperFormatTest.corpus()) {
            JsonNode j = m.readTree(CliTestAccess.run("inspect", f.toString(), "--json"));
            int folders = 0;
            for (JsonNode b : j.get("buses")) {
                if (b.get("kind").asText().equals("group")) {
                    folders++;
                }
            }
            int items = 0;
            Set<String> missing = new TreeSet<>();
            for (JsonNode t : j.get("tracks")) {
                for (JsonNode c : t.get("clips")) {
                    items++;
                    if (!c.get("sourceFound").asBoolean()) {
                        missing.add(c.get("source").asText());
                    }
                }
            }
            rows.add("| " + root.relativize(f).toString().replace('\\', '/') + " | " + j.get("tracks").size() + " | " + folders
                    + " | " + items + " | " + missing.size() + " | " + j.get("warnings").size() + " |");
        }
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.write(target.resolve("reaper-corpus-table.md"), rows, StandardCharsets.UTF_8);
        Path doc = Path.of("docs/format-reaper.md");
        assertTrue(Files.exists(doc), "docs/format-reaper.md beside the sources");
        List<String> inDoc = new ArrayList<>();
        boolean in = false;
        for (String l : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
            if (l.startsWith("| file | tracks | folders")) {
                in = true;
            }
            if (in && !l.startsWith("|")) {
                break;
            }
            if (in) {
                inDoc.add(l);
            }
        }
        assertEquals(String.join("\n", rows), String.join("\n", inDoc),
                "docs/format-reaper.md corpus table (regenerated into target/reaper-corpus-table.md)");
    }
}
