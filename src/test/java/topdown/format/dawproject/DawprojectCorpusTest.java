package topdown.format.dawproject;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import topdown.format.ReadResult;
import topdown.format.SessionFormatException;
import topdown.format.SessionFormats;
import topdown.model.Automation;
import topdown.model.Bus;
import topdown.model.BusKind;
import topdown.model.Clip;
import topdown.model.Insert;
import topdown.model.InsertKind;
import topdown.model.Session;
import topdown.model.Track;
import topdown.model.TrackKind;

/** Every DAWproject of the shared corpus: reads with the measured numbers, round-trips, validates. */
class DawprojectCorpusTest {
    @TempDir
    Path tmp;

    private static ReadResult read(String rel) throws Exception {
        return SessionFormats.read(DpTesting.corpus().resolve(rel));
    }

    @Test
    void everyCorpusFileReadsAndTheTableIsPrinted() throws Exception {
        List<Path> files = new java.util.ArrayList<>(DpTesting.archives());
        files.addAll(DpTesting.bareXml());
        assertEquals(8, files.size(), "5 archives and 3 bare project.xml files: " + files);
        StringBuilder table = new StringBuilder("| file | writer | tracks | channels by role | clips | devices | warnings |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (Path f : files) {
            ReadResult r = SessionFormats.read(f);
            assertEquals("dawproject", r.format().id(), f.toString());
            Session s = r.session();
            Map<String, Integer> roles = new TreeMap<>();
            roles.put("regular", s.tracks().size());
            s.buses().forEach(b -> roles.merge(b.kind() == BusKind.FX ? "effect" : "submix", 1, Integer::sum));
            roles.put("master", 1);
            int clips = s.tracks().stream().mapToInt(t -> t.clips().size()).sum();
            int devices = s.tracks().stream().mapToInt(t -> t.inserts().size()).sum()
                    + s.buses().stream().mapToInt(b -> b.inserts().size()).sum() + s.master().inserts().size();
            table.append("| ").append(f.getFileName()).append(" | ").append(s.formatVersion()).append(" | ")
                    .append(s.tracks().size()).append(" | ").append(roles).append(" | ").append(clips).append(" | ")
                    .append(devices).append(" | ").append(s.warnings().size()).append(" |\n");
        }
        System.out.println(table);
    }

    @Test
    void legacyJsonPrototypeIsRefusedClearly() {
        Path f = DpTesting.corpus().resolve("bitwig-dawproject/legacy-0.1-json-sends.dawproject");
        SessionFormatException e = assertThrows(SessionFormatException.class, () -> SessionFormats.read(f));
        assertTrue(e.getMessage().startsWith("legacy-0.1-json-sends.dawproject: entry 'project.json': a DAWproject 0.1"),
                e.getMessage());
    }

    @Test
    void audioRegionsLoopIsUnrolledAtExactFrames() throws Exception {
        Session s = read("opendaw/audio-regions.dawproject").session();
        assertEquals(44100, s.sampleRate());
        assertEquals(1, s.tracks().size());
        Track t = s.tracks().get(0);
        assertEquals("cw_154_Hash", t.name());
        assertEquals(-10.0, t.fader().db(), 1e-4, "Volume 0.316228 linear");
        // 8 beats at 110 bpm = 4.363636 s; the loop (0..1.8333 beats = 1 s) repeats: 4 whole chirps and 0.3636 s.
        assertEquals(5, t.clips().size());
        for (int i = 0; i < 5; i++) {
            Clip c = t.clips().get(i);
            assertEquals(Math.round(i * 1.8333330154418945 * 60 / 110 * 44100), c.positionSamples(), "piece " + i);
            assertEquals(0, c.offsetSamples());
            assertTrue(c.source().embedded() && c.source().found());
            assertEquals("zip:audio/chirp.wav", c.source().resolved());
        }
        assertEquals(Math.round(8 * 60.0 / 110 * 44100), t.clips().get(4).endSamples());
        assertEquals(1, t.clips().get(0).source().channels());
        assertEquals(44100, t.clips().get(0).source().lengthFrames(), "the chirp is 1 s at 44.1 kHz");
    }

    @Test
    void automationSendsAndEffectChannel() throws Exception {
        Session s = read("opendaw/automation.dawproject").session();
        Track inst = s.trackNamed("Inst 1").orElseThrow();
        assertEquals(TrackKind.MIDI, inst.kind());
        assertEquals(20 * Math.log10(0.056333), inst.fader().db(), 1e-9);
        Bus fx = s.buses().get(0);
        assertEquals(BusKind.FX, fx.kind());
        assertEquals("FX 1", fx.name());
        assertEquals(1, inst.sends().size());
        assertEquals(fx.id(), inst.sends().get(0).to());
        assertTrue(inst.sends().get(0).muted(), "Enable false");
        assertTrue(inst.sends().get(0).gain().isSilence());
        Automation pan = inst.automation(Automation.Parameter.PAN);
        Automation gain = inst.automation(Automation.Parameter.GAIN);
        Automation mute = inst.automation(Automation.Parameter.MUTE);
        // Beats 0, 2, 4 at 110 bpm = 0, 1.0909, 2.1818 s; 48 kHz (no audio in the file).
        assertEquals(List.of(0L, Math.round(2 * 60.0 / 110 * 48000), Math.round(4 * 60.0 / 110 * 48000)),
                pan.points().stream().map(p -> p.sample()).toList());
        assertEquals(List.of(0.0, -1.0, 1.0), pan.points().stream().map(p -> p.value()).toList());
        assertEquals(0.354813, gain.points().get(1).value(), 1e-12);
        assertEquals(Math.round(1.5 * 60.0 / 110 * 48000), gain.points().get(1).sample());
        assertEquals(1.0, mute.points().get(1).value());
        assertTrue(s.warnings().stream().anyMatch(w -> w.contains("note clip") && w.contains("MIDI")), s.warnings().toString());
    }

    @Test
    void roexDevicesPanAndExternalAudio() throws Exception {
        Session s = read("perivar-dawproject-typescript/dawproject_bitwig_serialized.xml").session();
        assertEquals(44100, s.sampleRate());
        assertEquals(5, s.tracks().size());
        Track chord = s.trackNamed("masks-chord.wav").orElseThrow();
        assertEquals(0.4, chord.pan().position(), 1e-12, "normalized 0.7");
        assertEquals(20 * Math.log10(0.9), chord.fader().db(), 1e-12);
        assertEquals(2, chord.inserts().size());
        Insert eq = chord.inserts().get(0);
        assertEquals(InsertKind.EQ, eq.kind());
        assertEquals(5.0, eq.parameters().get("band1.type"), "bell");
        assertEquals(100.0, eq.parameters().get("band1.freqHz"));
        assertEquals(6.0, eq.parameters().get("band1.gainDb"));
        assertEquals(3.0, eq.parameters().get("band2.type"), "highShelf");
        assertEquals(-3.0, eq.parameters().get("band2.gainDb"));
        assertTrue(eq.nativePayload().startsWith("<Equalizer"), eq.nativePayload());
        Insert comp = chord.inserts().get(1);
        assertEquals(InsertKind.COMPRESSOR, comp.kind());
        assertEquals(10.0, comp.parameters().get("attackMs"), 1e-9, "0.01 seconds");
        assertEquals(200.0, comp.parameters().get("releaseMs"), 1e-9);
        assertEquals(-15.0, comp.parameters().get("thresholdDb"));
        Clip c = chord.clips().get(0);
        assertEquals(30 * 44100, c.lengthSamples());
        assertTrue(!c.source().found(), "masks-chord.wav is not in the corpus");
    }

    @Test
    void pluginDeviceStateAndMarkers() throws Exception {
        Session s = read("perivar-dawproject-typescript/test-complex.dawproject").session();
        Insert lim = s.master().inserts().get(0);
        assertEquals("Limiter", lim.name());
        assertEquals(InsertKind.LIMITER, lim.kind());
        assertEquals("Vst3Plugin", lim.pluginId());
        assertTrue(lim.nativePayload().contains("plugin-states/12323545.vstpreset"));
        assertTrue(s.warnings().stream().anyMatch(w -> w.contains("12323545.vstpreset") && w.contains("missing")));
        assertEquals(2, s.markers().size());
        assertEquals("Chorus", s.markers().get(1).name());
        assertEquals(12 * 48000, s.markers().get(1).positionSamples(), "24 beats at 120 bpm");
        assertEquals(3, s.tracks().size());
        assertEquals(6, s.warnings().stream().filter(w -> w.contains("note clip")).count(), "3 clips and 3 aliases");
        Bus master = s.master();
        assertEquals(0, master.fader().db());
    }

    @Test
    void noEditRoundTripKeepsEveryElement() throws Exception {
        List<Path> files = new java.util.ArrayList<>(DpTesting.archives());
        files.addAll(DpTesting.bareXml());
        for (Path f : files) {
            ReadResult r = SessionFormats.read(f);
            Path out = tmp.resolve(f.getFileName().toString().replaceFirst("\\.(xml|dawproject)$", "") + ".rt.dawproject");
            r.format().write(r, r.session(), out);
            byte[] before = r.format().id().equals("dawproject") && f.toString().endsWith(".xml") ? Files.readAllBytes(f)
                    : DpTesting.entry(f, "project.xml");
            assertEquals(DpTesting.canonical(before), DpTesting.canonical(DpTesting.entry(out, "project.xml")), f.toString());
            if (f.toString().endsWith(".dawproject")) {
                List<String> in = DpTesting.names(f);
                List<String> written = DpTesting.names(out);
                assertEquals(new java.util.TreeSet<>(in), new java.util.TreeSet<>(written), f + ": entries");
                for (String n : in) {
                    if (!n.equals("project.xml")) {
                        assertArrayEquals(DpTesting.entry(f, n), DpTesting.entry(out, n), f + ": " + n);
                    }
                }
            }
            Session a = r.session();
            Session b = SessionFormats.read(out).session();
            assertEquals(a.tracks().size(), b.tracks().size());
            for (int i = 0; i < a.tracks().size(); i++) {
                Track x = a.tracks().get(i);
                Track y = b.tracks().get(i);
                assertEquals(x.name(), y.name());
                assertEquals(x.fader(), y.fader());
                assertEquals(x.pan(), y.pan());
                assertEquals(x.inserts().size(), y.inserts().size());
                assertEquals(x.inserts().stream().map(Insert::parameters).toList(), y.inserts().stream().map(Insert::parameters).toList());
                assertEquals(x.clips().stream().map(c -> List.of(c.positionSamples(), c.offsetSamples(), c.lengthSamples())).toList(),
                        y.clips().stream().map(c -> List.of(c.positionSamples(), c.offsetSamples(), c.lengthSamples())).toList());
            }
        }
    }

    @Test
    void writtenCorpusRoundTripsValidateAgainstTheSchema() throws Exception {
        List<Path> files = new java.util.ArrayList<>(DpTesting.archives());
        files.addAll(DpTesting.bareXml());
        for (Path f : files) {
            ReadResult r = SessionFormats.read(f);
            Path out = tmp.resolve(f.getFileName() + ".rt.dawproject");
            r.format().write(r, r.session(), out);
            DpTesting.validate(out, tmp);
        }
    }
}
