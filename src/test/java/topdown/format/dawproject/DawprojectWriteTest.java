package topdown.format.dawproject;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import topdown.audio.io.AudioSource;
import topdown.audio.io.WavWriter;
import topdown.dsp.Biquad;
import topdown.format.ReadResult;
import topdown.format.SessionFormats;
import topdown.format.topdown.SourceProbe;
import topdown.mix.TopDownProcessors;
import topdown.model.Bus;
import topdown.model.BusId;
import topdown.model.BusKind;
import topdown.model.Clip;
import topdown.model.Gain;
import topdown.model.Insert;
import topdown.model.InsertKind;
import topdown.model.Pan;
import topdown.model.Session;
import topdown.model.Source;
import topdown.model.Track;
import topdown.model.TrackId;

/** Same-format writing: patched values, built-in devices, group channels, embedded stems; XSD-valid. */
class DawprojectWriteTest {
    @TempDir
    Path tmp;

    private Path stem(String name, int frames) throws Exception {
        Path f = tmp.resolve(name);
        try (WavWriter w = new WavWriter(f, 2, 44100, WavWriter.Encoding.PCM24, 0, "test stem")) {
            float[][] b = new float[2][frames];
            for (int i = 0; i < frames; i++) {
                b[0][i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 44100.0));
                b[1][i] = -b[0][i];
            }
            w.write(b, 0, frames);
        }
        return f;
    }

    @Test
    void mixEditsArePatchedAndReadBack() throws Exception {
        Path src = DpTesting.corpus().resolve("opendaw/audio-regions.dawproject");
        byte[] original = Files.readAllBytes(src);
        ReadResult in = SessionFormats.read(src);
        Session s = in.session();
        Track t = s.tracks().get(0);
        BusId drums = new BusId("drums");
        List<Insert> chain = List.of(TopDownProcessors.eq(Biquad.Type.HIGH_PASS, 40, 0.707, 0),
                TopDownProcessors.eq(Biquad.Type.PEAK, 250, 1.2, -3.0), TopDownProcessors.eq(Biquad.Type.HIGH_SHELF, 8000, 0.7, 2.0),
                TopDownProcessors.compressor(-18, 3, 5, 100, 2));
        Session edited = s.plusBus(Bus.group(drums, "Drums").withFader(Gain.ofDb(-2.5)).withInserts(
                List.of(TopDownProcessors.compressor(-12, 2, 20, 200, 1))))
                .withTrack(t.id(), x -> x.withFader(Gain.ofDb(-6)).withPan(Pan.of(0.3)).withMute(true).withOutput(drums)
                        .withInserts(chain))
                .withMaster(s.master().withInserts(List.of(TopDownProcessors.gain(1.5), TopDownProcessors.limiter(-1.0))));
        Path wav = stem("Drums stem.wav", 22050);
        Source ss = SourceProbe.probe("stem1", wav.toString(), wav, null);
        Track stemTrack = new Track(new TrackId("topdown-stem-1"), "TopDown Drums", topdown.model.TrackKind.AUDIO, 2,
                List.of(Clip.of("TopDown Drums", ss, 44100, ss.lengthFrames())), Gain.UNITY, Gain.UNITY, Pan.CENTRE, true,
                false, false, BusId.MASTER, List.of(), List.of(), List.of(), topdown.model.Carry.NONE);
        Path clash = stem("chirp.wav", 4410);
        Source cs = SourceProbe.probe("stem2", clash.toString(), clash, null);
        Track clashTrack = Track.audio(new TrackId("topdown-stem-2"), "TopDown chirp", 2,
                List.of(Clip.of("TopDown chirp", cs, 0, cs.lengthFrames())));
        Session withStem = edited.plusTrack(stemTrack).plusTrack(clashTrack);
        Path out = tmp.resolve("mixed.dawproject");
        in.format().write(in, withStem, out);
        assertArrayEquals(original, Files.readAllBytes(src), "the input is never written");
        DpTesting.validate(out, tmp);
        assertTrue(DpTesting.names(out).contains("audio/chirp.wav"));
        assertTrue(DpTesting.names(out).contains("audio/Drums_stem.wav"), DpTesting.names(out).toString());
        assertArrayEquals(Files.readAllBytes(wav), DpTesting.entry(out, "audio/Drums_stem.wav"));

        Session r = SessionFormats.read(out).session();
        assertEquals(3, r.tracks().size());
        Clip renamed = r.tracks().get(2).clips().get(0);
        assertEquals("zip:audio/2-chirp.wav", renamed.source().resolved(), "a new stem never shadows an existing entry");
        assertEquals(4410, renamed.source().lengthFrames());
        assertEquals(44100, r.tracks().get(0).clips().get(0).source().lengthFrames(), "the original chirp is intact");
        Track t2 = r.tracks().get(0);
        assertEquals(-6.0, t2.fader().db(), 1e-9);
        assertEquals(0.3, t2.pan().position(), 1e-12);
        assertTrue(t2.mute());
        Bus g = r.bus(t2.output()).orElseThrow();
        assertEquals("Drums", g.name());
        assertEquals(BusKind.GROUP, g.kind());
        assertEquals(BusId.MASTER, g.output());
        assertEquals(-2.5, g.fader().db(), 1e-9);
        assertEquals(-12.0, g.inserts().get(0).parameters().get("thresholdDb"));
        assertEquals(5, t2.clips().size(), "the chirp clips are untouched");
        assertEquals(2, t2.inserts().size(), "three EQ bands in one Equalizer, then the Compressor");
        Insert eq = t2.inserts().get(0);
        assertEquals(InsertKind.EQ, eq.kind());
        assertEquals(0.0, eq.parameters().get("band1.type"), "highPass");
        assertEquals(40.0, eq.parameters().get("band1.freqHz"));
        assertEquals(5.0, eq.parameters().get("band2.type"), "bell");
        assertEquals(250.0, eq.parameters().get("band2.freqHz"));
        assertEquals(-3.0, eq.parameters().get("band2.gainDb"));
        assertEquals(1.2, eq.parameters().get("band2.q"));
        assertEquals(3.0, eq.parameters().get("band3.type"), "highShelf");
        assertEquals(2.0, eq.parameters().get("band3.gainDb"));
        Insert comp = t2.inserts().get(1);
        assertEquals(InsertKind.COMPRESSOR, comp.kind());
        assertEquals(-18.0, comp.parameters().get("thresholdDb"));
        assertEquals(3.0, comp.parameters().get("ratio"));
        assertEquals(5.0, comp.parameters().get("attackMs"), 1e-9);
        assertEquals(100.0, comp.parameters().get("releaseMs"), 1e-9);
        assertEquals(2.0, comp.parameters().get("outputGainDb"));
        List<Insert> m = r.master().inserts();
        assertEquals(2, m.size());
        assertEquals(1.5, m.get(0).parameters().get("outputGainDb"), "gain stage as an Equalizer's OutputGain");
        assertEquals(InsertKind.LIMITER, m.get(1).kind());
        assertEquals(-1.0, m.get(1).parameters().get("thresholdDb"));
        assertEquals(80.0, m.get(1).parameters().get("releaseMs"), 1e-9);
        Track st = r.tracks().get(1);
        assertEquals("TopDown Drums", st.name());
        assertTrue(st.mute());
        Clip sc = st.clips().get(0);
        assertEquals(44100, sc.positionSamples());
        assertEquals(22050, sc.lengthSamples());
        assertEquals("zip:audio/Drums_stem.wav", sc.source().resolved());
        assertEquals(22050, sc.source().lengthFrames());
        try (AudioSource a = SessionFormats.read(out).media().open(sc.source())) {
            float[][] b = new float[2][1000];
            a.seek(100);
            assertEquals(1000, a.read(b, 0, 1000));
            assertEquals(0.5 * Math.sin(2 * Math.PI * 440 * 100 / 44100.0), b[0][0], 1.0 / (1 << 22), "24-bit PCM from the zip");
            // Each channel was dithered on its own (TPDF, up to ±1 LSB): left and -right agree within 2 LSB.
            assertEquals(-b[0][500], b[1][500], 2.0 / (1 << 23));
        }
        // Writing onto the input itself is refused.
        Path copy = Files.copy(src, tmp.resolve("copy.dawproject"));
        ReadResult cin = SessionFormats.read(copy);
        assertThrows(IOException.class, () -> cin.format().write(cin, withStem, copy));
    }

    @Test
    void onlyTheEditedValueChangesAndUnknownElementsSurvive() throws Exception {
        String xml = new String(DpTesting.entry(DpTesting.corpus().resolve("opendaw/audio-regions.dawproject"), "project.xml"),
                StandardCharsets.UTF_8);
        String vendor = "<VendorThing xmlns:v=\"urn:vendor\" v:flavour=\"spicy\"><Deep level=\"2\">text kept</Deep></VendorThing>";
        xml = xml.replace("<Mute value=\"false\" id=\"id6\" name=\"Mute\"/>", vendor + "<Mute value=\"false\" id=\"id6\" name=\"Mute\"/>");
        xml = xml.replace("<Scenes>", "<Scenes vendorAttr=\"yes\">");
        Path in = tmp.resolve("vendor.dawproject");
        byte[] chirp = DpTesting.entry(DpTesting.corpus().resolve("opendaw/audio-regions.dawproject"), "audio/chirp.wav");
        try (OutputStream os = Files.newOutputStream(in); ZipOutputStream z = new ZipOutputStream(os)) {
            z.putNextEntry(new ZipEntry("project.xml"));
            z.write(xml.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
            z.putNextEntry(new ZipEntry("audio/chirp.wav"));
            z.write(chirp);
            z.closeEntry();
            z.putNextEntry(new ZipEntry("plugins/state.bin"));
            z.write(new byte[] {9, 8, 7});
            z.closeEntry();
        }
        ReadResult r = SessionFormats.read(in);
        assertTrue(r.session().warnings().stream().anyMatch(w -> w.contains("<VendorThing>")), r.session().warnings().toString());
        Track t = r.session().tracks().get(0);
        Path out = tmp.resolve("vendor-edit.dawproject");
        r.format().write(r, r.session().withTrackFader(t.id(), Gain.ofDb(-3)), out);
        List<String> a = List.of(DpTesting.canonical(xml.getBytes(StandardCharsets.UTF_8)).split("\n"));
        List<String> b = List.of(DpTesting.canonical(DpTesting.entry(out, "project.xml")).split("\n"));
        assertEquals(a.size(), b.size());
        List<String> diff = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                diff.add(a.get(i) + " -> " + b.get(i));
            }
        }
        assertEquals(1, diff.size(), diff.toString());
        assertTrue(diff.get(0).contains("<Volume") && diff.get(0).contains("value=\"0.7079457843841379\""), diff.get(0));
        String written = new String(DpTesting.entry(out, "project.xml"), StandardCharsets.UTF_8);
        assertTrue(written.contains("text kept") && written.contains("spicy") && written.contains("vendorAttr=\"yes\""));
        assertArrayEquals(new byte[] {9, 8, 7}, DpTesting.entry(out, "plugins/state.bin"));
        assertEquals(-3.0, SessionFormats.read(out).session().tracks().get(0).fader().db(), 1e-12);
    }
}
