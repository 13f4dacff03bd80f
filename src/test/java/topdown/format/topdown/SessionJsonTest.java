package topdown.format.topdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import topdown.audio.io.WavWriter;
import topdown.format.ReadResult;
import topdown.format.SessionFormatException;
import topdown.format.SessionFormats;
import topdown.model.Automation;
import topdown.model.AutomationPoint;
import topdown.model.Bus;
import topdown.model.BusId;
import topdown.model.Carry;
import topdown.model.Clip;
import topdown.model.Fade;
import topdown.model.FadeShape;
import topdown.model.Gain;
import topdown.model.Insert;
import topdown.model.Interpolation;
import topdown.model.Marker;
import topdown.model.Pan;
import topdown.model.PanLaw;
import topdown.model.Send;
import topdown.model.Session;
import topdown.model.Source;
import topdown.model.Tempo;
import topdown.model.Track;
import topdown.model.TrackId;
import topdown.model.TrackKind;

public class SessionJsonTest {
    @TempDir
    Path tmp;

    /** A session built in code with one of everything the contract names. */
    public static Session sample(Path folder) throws Exception {
        float[][] audio = new float[1][48000];
        for (int i = 0; i < audio[0].length; i++) {
            audio[0][i] = (float) (0.5 * Math.sin(2 * Math.PI * 100 * i / 48000.0));
        }
        WavWriter.writeAll(folder.resolve("kick.wav"), audio, 48000, WavWriter.Encoding.PCM24);
        Source kick = SourceProbe.probe("s1", "kick.wav", folder.resolve("kick.wav"), folder);
        Source gone = Source.missing("s2", "missing/vox.wav");
        Clip c1 = Clip.of("Kick-1", kick, 48000, 24000).withGain(Gain.ofDb(-3))
                .withFades(Fade.of(64, FadeShape.LINEAR), Fade.of(480, FadeShape.CONSTANT_POWER));
        Clip c2 = Clip.of("Vox-1", gone, 0, 96000);
        Automation vol = new Automation(Automation.Parameter.GAIN,
                List.of(AutomationPoint.of(0, 1.0), AutomationPoint.of(48000, 0.5)), Interpolation.LINEAR, true);
        Track kickTrack = new Track(new TrackId("t1"), "Kick", TrackKind.AUDIO, 1, List.of(c1), Gain.ofDb(-4.5),
                Gain.UNITY, Pan.of(-0.25), false, false, true, new BusId("b1"),
                List.of(Send.post(new BusId("b2"), Gain.ofDb(-12))),
                List.of(Insert.of("ACE EQ", "urn:ardour:a-eq", Map.of("Gain L", 3.0))), List.of(vol), Carry.NONE);
        Track vox = Track.audio(new TrackId("t2"), "Vox", 1, List.of(c2)).withMute(true);
        Bus drums = Bus.group(new BusId("b1"), "Drums").withFader(Gain.ofDb(-1));
        Bus verb = new Bus(new BusId("b2"), "Verb", topdown.model.BusKind.FX, 2, Gain.SILENCE, Gain.UNITY, Pan.CENTRE,
                false, false, false, BusId.MASTER, List.of(), List.of(), List.of(), Carry.NONE);
        return new Session("song", "topdown", "1", 48000, 0, List.of(kickTrack, vox), List.of(drums, verb),
                Bus.master(2).withFader(Gain.ofDb(2)), List.of(Marker.at("Chorus", 30 * 48000)),
                new Tempo(List.of(new Tempo.Change(0, 120, 4, 4))), PanLaw.ARDOUR, 0, List.of("one warning"));
    }

    @Test
    void documentHasEveryContractField() throws Exception {
        JsonNode root = new ObjectMapper().readTree(SessionJson.toJson(sample(tmp)));
        assertEquals("topdown.session/1", root.get("schema").asText());
        for (String f : List.of("format", "formatVersion", "name", "sampleRate", "lengthSeconds", "tracks", "buses",
                "master", "markers", "warnings")) {
            assertTrue(root.has(f), f);
        }
        assertEquals(2.0, root.get("lengthSeconds").asDouble(), 1e-12); // 30 s marker is not content; vox clip ends at 2 s
        JsonNode t = root.get("tracks").get(0);
        for (String f : List.of("id", "name", "kind", "channels", "gainDb", "pan", "mute", "solo", "output", "sends",
                "inserts", "clips")) {
            assertTrue(t.has(f), "track." + f);
        }
        assertEquals(-4.5, t.get("gainDb").asDouble(), 1e-9);
        assertEquals(-0.25, t.get("pan").asDouble(), 1e-9);
        assertEquals("b1", t.get("output").asText());
        assertEquals("b2", t.get("sends").get(0).get("to").asText());
        assertEquals(-12.0, t.get("sends").get(0).get("gainDb").asDouble(), 1e-9);
        assertEquals("eq", t.get("inserts").get(0).get("kind").asText());
        JsonNode c = t.get("clips").get(0);
        for (String f : List.of("name", "source", "sourceFound", "positionSeconds", "offsetSeconds", "lengthSeconds",
                "gainDb", "fadeInSeconds", "fadeOutSeconds", "muted")) {
            assertTrue(c.has(f), "clip." + f);
        }
        assertEquals("kick.wav", c.get("source").asText());
        assertTrue(c.get("sourceFound").asBoolean());
        assertEquals(1.0, c.get("positionSeconds").asDouble(), 1e-12);
        assertEquals(0.5, c.get("lengthSeconds").asDouble(), 1e-12);
        assertEquals(-3.0, c.get("gainDb").asDouble(), 1e-9);
        assertEquals(0.01, c.get("fadeOutSeconds").asDouble(), 1e-12);
        JsonNode vox = root.get("tracks").get(1);
        assertEquals("master", vox.get("output").asText());
        assertTrue(!vox.get("clips").get(0).get("sourceFound").asBoolean());
        assertTrue(root.get("buses").get(1).get("gainDb").isNull(), "-inf gain is null");
        assertEquals(2.0, root.get("master").get("gainDb").asDouble(), 1e-9);
        assertEquals(30.0, root.get("markers").get(0).get("positionSeconds").asDouble(), 1e-12);
    }

    @Test
    void readsBackExactly() throws Exception {
        Session s = sample(tmp);
        Path f = tmp.resolve("song.topdown.json");
        Files.writeString(f, SessionJson.toJson(s));
        ReadResult r = SessionFormats.read(f);
        Session back = r.session();
        assertEquals("topdown", r.format().id());
        assertEquals(s.tracks().size(), back.tracks().size());
        Track k = back.tracks().get(0);
        Clip c = k.clips().get(0);
        assertEquals(48000, c.positionSamples());
        assertEquals(24000, c.lengthSamples());
        assertEquals(480, c.fadeOut().lengthSamples());
        assertEquals(FadeShape.CONSTANT_POWER, c.fadeOut().shape());
        assertEquals(-3.0, c.gain().db(), 1e-9);
        assertEquals(1, c.source().channels());
        assertEquals(48000, c.source().lengthFrames());
        assertTrue(k.polarityInverted());
        assertEquals(48000, k.automation(Automation.Parameter.GAIN).points().get(1).sample());
        assertEquals(0.75, k.automation(Automation.Parameter.GAIN).valueAt(24000), 1e-12);
        assertTrue(back.buses().get(1).fader().isSilence());
        assertEquals(PanLaw.ARDOUR, back.panLaw());
        assertEquals(SessionJson.toJson(s), SessionJson.toJson(back).replace("\"format\" : \"topdown\"",
                "\"format\" : \"topdown\""));
    }

    @Test
    void playbackMusicTimeLanesAndFurtherOutputsReadBack() throws Exception {
        Session base = sample(tmp);
        Automation pan = new Automation(Automation.Parameter.PAN,
                List.of(AutomationPoint.of(0, -1), AutomationPoint.of(72000, 1)), Interpolation.LINEAR, true, true);
        Track kick = base.tracks().get(0);
        kick = new Track(kick.id(), kick.name(), kick.kind(), kick.channels(), kick.clips(), kick.fader(), kick.trim(),
                kick.pan(), kick.mute(), kick.solo(), kick.polarityInverted(), kick.output(), kick.sends(), kick.inserts(),
                List.of(pan), kick.carry(), List.of(new BusId("b2")));
        Bus drums = base.buses().get(0);
        drums = new Bus(drums.id(), drums.name(), drums.kind(), drums.channels(), drums.fader(), drums.trim(), drums.pan(),
                drums.mute(), drums.solo(), drums.polarityInverted(), drums.output(), drums.sends(), drums.inserts(),
                drums.automation(), drums.carry(), List.of(new BusId("b2")));
        Session s = new Session(base.name(), base.format(), base.formatVersion(), base.sampleRate(), 0,
                List.of(kick, base.tracks().get(1)), List.of(drums, base.buses().get(1)), base.master(), base.markers(),
                base.tempo(), base.panLaw(), 0, base.warnings(), topdown.model.Playback.ARDOUR_EXPORT);
        Path f = tmp.resolve("more.topdown.json");
        Files.writeString(f, SessionJson.toJson(s));
        Session back = SessionFormats.read(f).session();
        assertEquals(topdown.model.Playback.ARDOUR_EXPORT, back.playback());
        assertTrue(back.tracks().get(0).automation(Automation.Parameter.PAN).musicTime());
        assertEquals(List.of(new BusId("b2")), back.tracks().get(0).extraOutputs());
        assertEquals(List.of(new BusId("b2")), back.buses().get(0).extraOutputs());
        assertEquals(SessionJson.toJson(s), SessionJson.toJson(back));
        // a plain session writes none of it
        JsonNode plain = new ObjectMapper().readTree(SessionJson.toJson(base));
        assertTrue(!plain.has("playback") && !plain.get("tracks").get(0).has("extraOutputs"));
    }

    @Test
    void malformedJsonNamesFileAndLine() throws Exception {
        Path f = tmp.resolve("bad.topdown.json");
        Files.writeString(f, "{\n \"schema\": \"topdown.session/1\",\n \"tracks\": [ {,\n}");
        SessionFormatException e = assertThrows(SessionFormatException.class, () -> SessionFormats.read(f));
        assertTrue(e.getMessage().startsWith("bad.topdown.json: line 3"), e.getMessage());
    }

    @Test
    void wrongSchemaAndAbsurdValuesAreRejected() throws Exception {
        Path f = tmp.resolve("x.topdown.json");
        Files.writeString(f, "{\"schema\": \"other/2\"}");
        assertTrue(assertThrows(SessionFormatException.class, () -> SessionFormats.read(f)).getMessage()
                .contains("topdown.session/1"));
        Files.writeString(f, "{\"schema\": \"topdown.session/1\", \"sampleRate\": 999999999}");
        assertTrue(assertThrows(SessionFormatException.class, () -> SessionFormats.read(f)).getMessage()
                .contains("sample rate"));
        Files.writeString(f, "[".repeat(100_000));
        assertThrows(SessionFormatException.class, () -> SessionFormats.read(f));
    }
}
