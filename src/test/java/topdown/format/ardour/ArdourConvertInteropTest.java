package topdown.format.ardour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import topdown.audio.io.AtomicFiles;
import topdown.audio.io.WavWriter;
import topdown.demo.DemoSong;
import topdown.format.ReadResult;
import topdown.format.SessionFormats;
import topdown.format.topdown.SessionJson;
import topdown.model.Clip;
import topdown.model.Session;
import topdown.model.Track;
import topdown.render.RenderRequest;
import topdown.render.RenderResult;
import topdown.render.SessionRenderer;
import topdown.render.StemKind;
import topdown.report.Progress;
import topdown.testing.Shared;

/**
 * Conversions INTO Ardour (the session generated from the model, not patched): TopDown's own session of the
 * demo song and a Pro Tools AAF with embedded audio become Ardour 7 sessions that real Ardour loads, that
 * TopDown reads back with the same tracks, clips, gains and routing, and whose Ardour export nulls against
 * TopDown's render of the source.
 */
class ArdourConvertInteropTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(300)
    void demoSongConvertsToAnArdourSessionThatNullsInRealArdour() throws Exception {
        Session song = new DemoSong(1).write(tmp.resolve("song"));
        Path json = AtomicFiles.writeString(tmp.resolve("song/song.topdown.json"), SessionJson.toJson(song));
        Path ardour = tmp.resolve("ard/song.ardour");
        topdown.cli.CliTestAccess.run("convert", json.toString(), ardour.toString(), "--verify");
        JsonNode loss = new ObjectMapper().readTree(ardour.resolveSibling("song.ardour.loss.json").toFile());
        assertEquals("topdown.loss/1", loss.get("schema").asText());
        double verified = loss.get("verify").get("nullDepthDb").asDouble();
        assertTrue(verified < -120, "convert --verify null depth " + verified);
        // Every mono track off Ardour's law is listed (re-expressed, not silently changed).
        long panRows = 0;
        for (JsonNode l : loss.get("lost")) {
            panRows += l.get("kind").asText().equals("pan-law") ? 1 : 0;
            assertTrue(Set.of("pan-law", "other").contains(l.get("kind").asText()), "nothing else is lost: " + l);
        }
        assertEquals(song.tracks().stream().filter(t -> t.channels() == 1).count(), panRows, loss.toString());

        Session src = SessionFormats.read(json).session();
        Session back = SessionFormats.read(ardour).session();
        assertEquals("ardour", back.format());
        assertEquals(src.tracks().size(), back.tracks().size());
        assertEquals(src.buses().size(), back.buses().size());
        for (Track t : src.tracks()) {
            Track b = back.trackNamed(t.name()).orElseThrow(() -> new AssertionError("track " + t.name() + " lost"));
            assertEquals(t.fader().db(), b.fader().db(), 1e-9, t.name() + " fader");
            assertEquals(t.channels(), b.channels(), t.name() + " channels");
            assertEquals(src.bus(t.output()).orElseThrow().name(),
                    back.bus(b.output()).orElseThrow().name().replaceFirst(" Bus$", ""), t.name() + " routing");
            assertEquals(t.clips().size(), b.clips().size(), t.name() + " clips");
            for (int i = 0; i < t.clips().size(); i++) {
                Clip x = t.clips().get(i);
                Clip y = b.clips().get(i);
                assertEquals(x.positionSamples(), y.positionSamples(), t.name() + " clip position");
                assertEquals(x.offsetSamples(), y.offsetSamples(), t.name() + " clip offset");
                assertEquals(x.lengthSamples(), y.lengthSamples(), t.name() + " clip length");
                assertEquals(x.gain().db(), y.gain().db(), 1e-6, t.name() + " clip gain");
                assertEquals(x.fadeIn().lengthSamples(), y.fadeIn().lengthSamples(), t.name() + " fade in");
                assertEquals(x.fadeOut().lengthSamples(), y.fadeOut().lengthSamples(), t.name() + " fade out");
            }
        }

        Shared.requireTool("ardour7-lua");
        Path check = tmp.resolve("check.json");
        Shared.run(null, 120, "python3", Shared.dir().resolve("tools/ardour-ref/ardour_ref.py").toString(), "check",
                ardour.toString(), "--brief", "--json", check.toString());
        JsonNode rep = new ObjectMapper().readTree(check.toFile());
        assertTrue(rep.get("accepted").asBoolean(), rep.toString());
        assertTrue(rep.get("ardour_errors").isEmpty(), rep.get("ardour_errors").toString());
        int routes = 0;
        for (JsonNode r : rep.get("routes")) {
            routes++;
            if (r.get("name").asText().equals("Bass")) {
                assertEquals("Bass Bus/audio_in 1", r.get("outputs").get(0).get("to").get(0).asText(),
                        "Ardour sees the Bass track feeding the Bass group bus");
            }
        }
        assertEquals(src.tracks().size() + src.buses().size() + 1, routes, "tracks, group buses and the master");

        Shared.requireTool("ardour7-export");
        Path exported = tmp.resolve("ardour-export.wav");
        Shared.run(null, 180, "ardour7-export", "-b", "float", "-o", exported.toString(),
                ardour.getParent().toString(), "song");
        ReadResult in = SessionFormats.read(json);
        RenderResult res = SessionRenderer.render(in, new RenderRequest(tmp.resolve("render"), Set.of(StemKind.MASTER),
                WavWriter.Encoding.FLOAT32, 0, null, 0, 0), Progress.NONE);
        double peakDb = ArdourFormatTest.nullDepth(res.master(), exported);
        System.out.printf("demo song -> Ardour: Ardour's export minus TopDown's render of the source: %.1f dBFS peak%n", peakDb);
        // Two Ardour exports of one session differ by about -134 dBFS; the bound of the render issue holds.
        assertTrue(peakDb < -120, "null depth " + peakDb);
    }

    @Test
    @Timeout(120)
    void aafWithEmbeddedAudioConvertsToAnArdourSessionThatArdourLoads() throws Exception {
        Path aaf = Shared.corpus().resolve("aaf/libaaf/PT_PCM_Internal.aaf");
        assumeTrue(Files.exists(aaf), "corpus AAF missing");
        Path ardour = tmp.resolve("pt/pt.ardour");
        topdown.cli.CliTestAccess.run("convert", aaf.toString(), ardour.toString(), "--verify");
        JsonNode loss = new ObjectMapper().readTree(ardour.resolveSibling("pt.ardour.loss.json").toFile());
        double verified = loss.get("verify").get("nullDepthDb").asDouble();
        assertTrue(verified < -120, "convert --verify null depth " + verified);
        Session src = SessionFormats.read(aaf).session();
        Session back = SessionFormats.read(ardour).session();
        Clip a = src.tracks().get(0).clips().get(0);
        Clip b = back.tracks().get(0).clips().get(0);
        assertEquals(a.positionSamples(), b.positionSamples(), "clip at its timecode position");
        assertEquals(a.lengthSamples(), b.lengthSamples());
        assertEquals(src.sampleRate(), back.sampleRate());
        Shared.requireTool("ardour7-lua");
        Path check = tmp.resolve("check.json");
        Shared.run(null, 120, "python3", Shared.dir().resolve("tools/ardour-ref/ardour_ref.py").toString(), "check",
                ardour.toString(), "--brief", "--json", check.toString());
        JsonNode rep = new ObjectMapper().readTree(check.toFile());
        assertTrue(rep.get("accepted").asBoolean(), rep.toString());
        JsonNode region = rep.get("routes").get(0).get("regions").get(0);
        assertEquals(a.positionSamples(), region.get("position").asLong(), region.toString());
        assertEquals(a.lengthSamples(), region.get("length").asLong(), region.toString());
    }
}
