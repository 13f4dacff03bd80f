package topdown.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import topdown.format.topdown.SessionJson;
import topdown.format.topdown.SessionJsonTest;

class CliTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void inspectJsonPrintsTheContractDocument() throws Exception {
        Path f = tmp.resolve("song.topdown.json");
        Files.writeString(f, SessionJson.toJson(SessionJsonTest.sample(tmp)));
        Run r = run("inspect", f.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("topdown.session/1", root.get("schema").asText());
        assertEquals("Kick", root.get("tracks").get(0).get("name").asText());
        assertEquals("", r.err());
    }

    @Test
    void inspectTableShowsTracksAndBuses() throws Exception {
        Path f = tmp.resolve("song.topdown.json");
        Files.writeString(f, SessionJson.toJson(SessionJsonTest.sample(tmp)));
        Run r = run("inspect", f.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Kick") && r.out().contains("Drums") && r.out().contains("-4.50"), r.out());
    }

    @Test
    void exitCodesFollowTheContract() throws Exception {
        Run usage = run("inspect");
        assertEquals(2, usage.code());
        assertTrue(usage.err().startsWith("topdown: "), usage.err());
        Run missing = run("inspect", tmp.resolve("nope.topdown.json").toString());
        assertEquals(3, missing.code());
        assertEquals(1, missing.err().lines().count(), missing.err());
        Path bad = tmp.resolve("bad.topdown.json");
        Files.writeString(bad, "{ nope");
        Run invalid = run("inspect", bad.toString());
        assertEquals(3, invalid.code());
        assertTrue(invalid.err().contains("bad.topdown.json: line 1"), invalid.err());
        Path unknown = tmp.resolve("x.unknownformat");
        Files.writeString(unknown, "hello");
        assertEquals(3, run("inspect", unknown.toString()).code());
        assertEquals(2, run("no-such-command").code());
    }
}
