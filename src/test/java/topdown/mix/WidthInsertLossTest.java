package topdown.mix;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import topdown.demo.DemoSong;
import topdown.format.Loss;
import topdown.format.SessionFormat;
import topdown.format.SessionFormats;
import topdown.model.Insert;
import topdown.model.Session;

/**
 * The low-end width stage (any depth) has no native equivalent in Ardour (ACE), REAPER (stock JS) or DAWproject
 * (built-in devices): each writer says it does not write it and lists it as a lost plugin.
 */
class WidthInsertLossTest {
    @TempDir
    Path tmp;

    @Test
    void partialWidthStageIsAListedLossInEveryWriter() throws Exception {
        Session s = new DemoSong(1).write(tmp.resolve("song"));
        Insert width = TopDownProcessors.width(120, 0.45);
        List<Insert> chain = new ArrayList<>(s.master().inserts());
        chain.add(width);
        Session mixed = s.withMaster(s.master().withInserts(chain));
        for (String id : List.of("ardour", "reaper", "dawproject")) {
            SessionFormat f = SessionFormats.byId(id).orElseThrow();
            assertFalse(f.writesProcessor(width, 2), id + " has no native low-end width");
            List<Loss> losses = f.losses(mixed);
            assertTrue(losses.stream().anyMatch(l -> l.kind().equals("plugin") && l.track().equals("Master")
                    && l.detail().contains("TopDown Low-End Width")), id + ": the width stage is listed as lost: " + losses);
        }
    }
}
