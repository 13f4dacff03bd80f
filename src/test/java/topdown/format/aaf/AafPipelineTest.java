package topdown.format.aaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import topdown.cli.CliTestAccess;
import topdown.format.SessionFormats;
import topdown.model.Session;
import topdown.model.Track;
import topdown.testing.Shared;

/**
 * The rest of the product on AAF input (issue 10): analyze, suggest-groups --apply and mix on a Premiere Pro
 * export with embedded audio (a 1 kHz tone at -18 dBFS); mix writes TopDown's session plus an Ardour session and
 * a DAWproject generated from the mixed model, each with its loss report, and real Ardour loads the Ardour one.
 */
class AafPipelineTest {
    @TempDir
    Path tmp;

    private Path aaf() {
        Path f = Shared.corpus().resolve("aaf/libaaf/PR_WAV_Internal.aaf");
        assumeTrue(Files.exists(f), "corpus AAF missing");
        return f;
    }

    @Test
    @Timeout(120)
    void analyzeMeasuresTheEmbeddedTone() throws Exception {
        Path json = tmp.resolve("a.json");
        CliTestAccess.run("analyze", aaf().toString(), "--json", json.toString());
        JsonNode loud = new ObjectMapper().readTree(json.toFile()).get("master").get("loudness");
        // A 1 kHz sine at -18 dBFS through the -3 dB equal-power centre on both channels: each channel's mean
        // square is (A·cos 45°)²/2, K-weighting is +0.0 dB at 1 kHz within 0.01 dB, so L = -0.691 + 10·log10(2·that).
        double a = Math.pow(10, -18 / 20.0) * Math.cos(Math.PI / 4);
        double expected = -0.691 + 10 * Math.log10(2 * a * a / 2);
        assertEquals(expected, loud.get("integratedLufs").asDouble(), 0.1, loud.toString());
        // The tone is -18 dBFS RMS-aligned at 44.1 kHz, resampled to 48 kHz: its true peak holds 0.1 dB.
        assertEquals(20 * Math.log10(a), loud.get("truePeakDbtp").asDouble(), 0.1, loud.toString());
    }

    @Test
    @Timeout(120)
    void suggestGroupsApplyWritesAGroupedSession() throws Exception {
        Path out = tmp.resolve("grouped.topdown.json");
        CliTestAccess.run("suggest-groups", aaf().toString(), "--apply", "--out", out.toString());
        Session s = SessionFormats.read(out).session();
        Track t = s.tracks().get(0);
        assertTrue(s.bus(t.output()).isPresent() && !t.output().isMaster(), "the track is routed into a group bus");
    }

    @Test
    @Timeout(300)
    void mixWritesTopDownArdourAndDawprojectSessions() throws Exception {
        Path out = tmp.resolve("mix");
        CliTestAccess.run("mix", aaf().toString(), "--target", "spotify", "--out", out.toString());
        JsonNode rep = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        double integrated = rep.get("master").get("loudness").get("integratedLufs").asDouble();
        assertEquals(-14.0, integrated, 1.0, "delivered at Spotify's target");
        assertTrue(rep.get("master").get("loudness").get("truePeakDbtp").asDouble() <= -1.0);
        Path ardour = out.resolve("PR_WAV_Internal.topdown.ardour");
        Path dawproject = out.resolve("PR_WAV_Internal.topdown.dawproject");
        for (Path p : new Path[] {out.resolve("PR_WAV_Internal.topdown.json"), ardour, dawproject}) {
            assertTrue(Files.exists(p), p + " written");
            Session back = SessionFormats.read(p).session();
            assertTrue(back.trackNamed("Audio 1").isPresent(), p + " keeps the track");
            assertTrue(back.tracks().size() >= 2, p + " holds the processed stem track too");
            long clipAt = back.trackNamed("Audio 1").orElseThrow().clips().get(0).positionSamples();
            long stemAt = back.tracks().stream().filter(t -> t.name().startsWith("TopDown ")).findFirst().orElseThrow()
                    .clips().get(0).positionSamples();
            // The session starts its clip an hour in: the render (and so the stem) starts at that whole second.
            assertEquals(clipAt - clipAt % back.sampleRate(), stemAt, p + " stem placed where it was rendered");
        }
        assertTrue(Files.exists(out.resolve("PR_WAV_Internal.topdown.ardour.loss.json")));
        assertTrue(Files.exists(out.resolve("PR_WAV_Internal.topdown.dawproject.loss.json")));
        Shared.requireTool("ardour7-lua");
        Path check = tmp.resolve("check.json");
        Shared.run(null, 120, "python3", Shared.dir().resolve("tools/ardour-ref/ardour_ref.py").toString(), "check",
                ardour.toString(), "--brief", "--json", check.toString());
        JsonNode c = new ObjectMapper().readTree(check.toFile());
        assertTrue(c.get("accepted").asBoolean(), c.toString());
    }
}
