package topdown.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import topdown.testing.Shared;

class ConvertAndRenderCliTest {
    @TempDir
    Path tmp;

    @Test
    void convertArdourAndAafToTopDownAndProveIt() throws Exception {
        Path ardour = Shared.corpus().resolve("ardour-generated/pop120/pop120.ardour");
        Path out = tmp.resolve("pop120.topdown.json");
        CliTest.Run r = CliTest.run("convert", ardour.toString(), out.toString(), "--verify");
        assertEquals(0, r.code(), r.err());
        JsonNode loss = new ObjectMapper().readTree(tmp.resolve("pop120.topdown.json.loss.json").toFile());
        assertEquals("topdown.loss/1", loss.get("schema").asText());
        assertEquals("ardour", loss.get("from").asText());
        assertTrue(loss.get("verify").get("nullDepthDb").asDouble() <= -140, "conversion renders identically");
        // AAF with embedded essence: the audio is streamed out beside the converted session.
        Path aaf = Shared.corpus().resolve("aaf/libaaf/PT_PCM_Internal.aaf");
        Path out2 = tmp.resolve("pt.topdown.json");
        CliTest.Run r2 = CliTest.run("convert", aaf.toString(), out2.toString(), "--verify");
        assertEquals(0, r2.code(), r2.err());
        assertTrue(Files.isDirectory(tmp.resolve("pt-media")));
        JsonNode loss2 = new ObjectMapper().readTree(tmp.resolve("pt.topdown.json.loss.json").toFile());
        assertTrue(loss2.get("verify").get("nullDepthDb").asDouble() <= -140);
        // AAF cannot be written: a clear error, exit 3.
        CliTest.Run r3 = CliTest.run("convert", ardour.toString(), tmp.resolve("x.aaf").toString());
        assertEquals(3, r3.code());
        assertTrue(r3.err().contains("cannot write aaf"), r3.err());
    }

    @Test
    void renderWritesStemsAndMissingMediaExitsFour() throws Exception {
        Path aaf = Shared.corpus().resolve("aaf/libaaf/PR_WAV_Internal.aaf");
        CliTest.Run r = CliTest.run("render", aaf.toString(), "--out", tmp.resolve("r").toString(), "--bits", "24");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(tmp.resolve("r/master.wav")));
        CliTest.Run missing = CliTest.run("render", Shared.corpus().resolve("aaf/libaaf/PT_WAV_External.aaf").toString(),
                "--out", tmp.resolve("m").toString());
        assertEquals(4, missing.code(), missing.err());
        assertTrue(missing.err().contains("missing media"), missing.err());
        assertEquals(2, CliTest.run("render", aaf.toString(), "--out", tmp.toString(), "--bits", "12").code());
    }
}
