package topdown.format.dawproject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import topdown.audio.io.AudioFiles;
import topdown.audio.io.AudioSource;
import topdown.audio.io.WavWriter;
import topdown.cli.Main;
import topdown.format.Loss;
import topdown.format.ReadResult;
import topdown.format.SessionFormats;
import topdown.model.Bus;
import topdown.model.Clip;
import topdown.model.Fade;
import topdown.model.FadeShape;
import topdown.model.Gain;
import topdown.model.PanLaw;
import topdown.model.Session;
import topdown.model.Track;
import topdown.render.RenderRequest;
import topdown.render.SessionRenderer;
import topdown.render.StemKind;
import topdown.report.Progress;
import topdown.testing.Shared;

/** Other formats to DAWproject (generated through JAXB) and DAWproject to TopDown's JSON, checked number by number. */
class DawprojectConvertTest {
    @TempDir
    Path tmp;

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    private static String busName(Session s, topdown.model.BusId id) {
        return id == null ? null : s.bus(id).map(Bus::name).orElse("?");
    }

    /** Same tracks, clips (exact frames), fades, gains, pans, mutes and routing (by bus name). */
    static void assertSameMix(Session a, Session b) {
        assertEquals(a.sampleRate(), b.sampleRate());
        assertEquals(a.tracks().size(), b.tracks().size());
        assertEquals(a.buses().stream().map(Bus::name).toList(), b.buses().stream().map(Bus::name).toList());
        for (int i = 0; i < a.buses().size(); i++) {
            Bus x = a.buses().get(i);
            Bus y = b.buses().get(i);
            assertEquals(x.kind(), y.kind(), x.name());
            assertEquals(x.fader().db(), y.fader().db(), 1e-9, x.name());
            assertEquals(busName(a, x.output()), busName(b, y.output()), x.name());
        }
        assertEquals(a.master().fader().db(), b.master().fader().db(), 1e-9);
        for (int i = 0; i < a.tracks().size(); i++) {
            Track x = a.tracks().get(i);
            Track y = b.tracks().get(i);
            assertEquals(x.name(), y.name());
            assertEquals(x.kind(), y.kind(), x.name());
            assertEquals(x.fader().db(), y.fader().db(), 1e-9, x.name());
            assertEquals(x.pan().position(), y.pan().position(), 1e-12, x.name());
            assertEquals(x.mute(), y.mute(), x.name());
            assertEquals(x.solo(), y.solo(), x.name());
            assertEquals(busName(a, x.output() == null ? topdown.model.BusId.MASTER : x.output()), busName(b, y.output()), x.name());
            List<Clip> xc = x.kind() == topdown.model.TrackKind.AUDIO ? x.clips() : List.of();
            assertEquals(xc.size(), y.clips().size(), x.name());
            for (int k = 0; k < xc.size(); k++) {
                Clip c = xc.get(k);
                Clip d = y.clips().get(k);
                String w = x.name() + " clip " + k;
                assertEquals(c.positionSamples(), d.positionSamples(), w);
                assertEquals(c.offsetSamples(), d.offsetSamples(), w);
                assertEquals(c.lengthSamples(), d.lengthSamples(), w);
                assertEquals(c.fadeIn().lengthSamples(), d.fadeIn().lengthSamples(), w);
                assertEquals(c.fadeOut().lengthSamples(), d.fadeOut().lengthSamples(), w);
                assertEquals(c.muted(), d.muted(), w);
                assertEquals(c.source().found(), d.source().found(), w);
            }
        }
        assertEquals(a.markers().stream().map(m -> m.name() + "@" + m.positionSamples()).toList(),
                b.markers().stream().map(m -> m.name() + "@" + m.positionSamples()).toList());
    }

    /** The model without what DAWproject cannot hold (clip gain, fade shapes, pan law), to prove the rest nulls. */
    static Session representable(Session s) {
        List<Track> tracks = new ArrayList<>();
        for (Track t : s.tracks()) {
            List<Clip> clips = new ArrayList<>();
            for (Clip c : t.clips()) {
                clips.add(c.withGain(Gain.UNITY).withFades(Fade.of(c.fadeIn().lengthSamples(), FadeShape.LINEAR),
                        Fade.of(c.fadeOut().lengthSamples(), FadeShape.LINEAR)));
            }
            tracks.add(t.withClips(clips));
        }
        return new Session(s.name(), s.format(), s.formatVersion(), s.sampleRate(), s.lengthSamples(), tracks, s.buses(),
                s.master(), s.markers(), s.tempo(), PanLaw.EQUAL_POWER_MINUS_3DB, s.timecodeStartSamples(), s.warnings());
    }

    private double nullDepth(ReadResult a, ReadResult b) throws Exception {
        Path ra = SessionRenderer.render(a, new RenderRequest(tmp.resolve("ra"), Set.of(StemKind.MASTER), WavWriter.Encoding.FLOAT32,
                0, null, 0, 0), Progress.stderr()).master();
        Path rb = SessionRenderer.render(b, new RenderRequest(tmp.resolve("rb"), Set.of(StemKind.MASTER), WavWriter.Encoding.FLOAT32,
                0, null, 0, 0), Progress.stderr()).master();
        try (AudioSource x = AudioFiles.open(ra); AudioSource y = AudioFiles.open(rb)) {
            assertEquals(x.frames(), y.frames());
            float[][] bx = new float[x.channels()][8192];
            float[][] by = new float[y.channels()][8192];
            double peak = 0;
            double sig = 0;
            int n;
            while ((n = x.read(bx, 0, 8192)) > 0) {
                y.read(by, 0, n);
                for (int c = 0; c < bx.length; c++) {
                    for (int i = 0; i < n; i++) {
                        peak = Math.max(peak, Math.abs(bx[c][i] - by[c][i]));
                        sig = Math.max(sig, Math.abs(bx[c][i]));
                    }
                }
            }
            assertTrue(sig > 0.01, "the render is not silent");
            return peak == 0 ? -400 : 20 * Math.log10(peak);
        }
    }

    @Test
    void ardourSessionConvertsValidatesAndReadsBackTheSameMix() throws Exception {
        Path ardour = Shared.corpus().resolve("ardour-generated/pop120/pop120.ardour");
        ReadResult in = SessionFormats.read(ardour);
        DawprojectFormat f = new DawprojectFormat();
        Path out = tmp.resolve("pop120.dawproject");
        f.write(null, in.session(), out);
        DpTesting.validate(out, tmp);
        ReadResult back = SessionFormats.read(out);
        assertSameMix(in.session(), back.session());
        assertEquals(3, back.session().buses().size());
        assertTrue(back.session().tracks().stream().allMatch(t -> t.clips().stream().allMatch(c -> c.source().found())));
        List<Loss> lost = f.losses(in.session());
        assertTrue(lost.stream().anyMatch(l -> l.kind().equals("clip-gain") && l.track().equals("Pad")), lost.toString());
        assertTrue(lost.stream().anyMatch(l -> l.kind().equals("pan-law")));
        assertTrue(lost.stream().noneMatch(l -> l.detail().contains("plays 2 files")), "one stereo file, channels in order");
        // What DAWproject can hold renders identically to the Ardour session.
        Session rep = representable(in.session());
        ReadResult repIn = new ReadResult(ardour, in.format(), rep, in.nativeDocument(), in.problems(), in.media());
        Path out2 = tmp.resolve("pop120-rep.dawproject");
        f.write(null, rep, out2);
        double depth = nullDepth(repIn, SessionFormats.read(out2));
        System.out.println("pop120: Ardour vs DAWproject null depth (clip gain and pan law neutralised): " + depth + " dB");
        assertTrue(depth < -120, "null depth " + depth);
    }

    @Test
    void trackAndBusAutomationIsGeneratedAsPoints() throws Exception {
        Session s = SessionFormats.read(Shared.corpus().resolve("ardour-generated/pop120/pop120.ardour")).session();
        Bus drums = s.buses().stream().filter(b -> b.name().equals("Drums")).findFirst().orElseThrow();
        Track kick = s.trackNamed("Kick").orElseThrow();
        topdown.model.Automation gain = new topdown.model.Automation(topdown.model.Automation.Parameter.GAIN,
                List.of(topdown.model.AutomationPoint.of(0, 1.0), topdown.model.AutomationPoint.of(48_000, 0.5),
                        topdown.model.AutomationPoint.of(96_000, 0.25)), topdown.model.Interpolation.LINEAR, true);
        topdown.model.Automation pan = new topdown.model.Automation(topdown.model.Automation.Parameter.PAN,
                List.of(topdown.model.AutomationPoint.of(24_000, -0.5), topdown.model.AutomationPoint.of(72_000, 0.75)),
                topdown.model.Interpolation.STEP, true);
        Bus drums2 = new Bus(drums.id(), drums.name(), drums.kind(), drums.channels(), drums.fader(), drums.trim(), drums.pan(),
                drums.mute(), drums.solo(), false, drums.output(), drums.sends(), drums.inserts(), List.of(gain), drums.carry());
        Track kick2 = new Track(kick.id(), kick.name(), kick.kind(), kick.channels(), kick.clips(), kick.fader(), kick.trim(),
                kick.pan(), kick.mute(), kick.solo(), false, kick.output(), kick.sends(), kick.inserts(), List.of(pan), kick.carry());
        Session edited = s.withBus(drums.id(), b -> drums2).withTrack(kick.id(), t -> kick2);
        Path out = tmp.resolve("auto.dawproject");
        new DawprojectFormat().write(null, edited, out);
        DpTesting.validate(out, tmp);
        Session back = SessionFormats.read(out).session();
        topdown.model.Automation g = back.buses().stream().filter(b -> b.name().equals("Drums")).findFirst().orElseThrow()
                .automation(topdown.model.Automation.Parameter.GAIN);
        assertEquals(gain.points(), g.points());
        assertEquals(topdown.model.Interpolation.LINEAR, g.interpolation());
        topdown.model.Automation p = back.trackNamed("Kick").orElseThrow().automation(topdown.model.Automation.Parameter.PAN);
        assertEquals(pan.points(), p.points());
        assertEquals(topdown.model.Interpolation.STEP, p.interpolation());
    }

    @Test
    void reaperProjectConvertsWithFoldersAsSubmixChannels() throws Exception {
        Path rpp = Shared.corpus().resolve("reaper/butbkadrug-reaper/Trust In You - Lauren Daigle - G - 88 BPM.rpp");
        ReadResult in = SessionFormats.read(rpp);
        Path out = tmp.resolve("trust.dawproject");
        new DawprojectFormat().write(null, in.session(), out);
        DpTesting.validate(out, tmp);
        Session back = SessionFormats.read(out).session();
        assertSameMix(in.session(), back);
        assertEquals(List.of("Click&Guide", "Synth", "Original Tracks"), back.buses().stream().map(Bus::name).toList());
        assertEquals(42 + 5 * 3 + 6, back.tracks().stream().mapToInt(t -> t.clips().size()).sum());
        assertEquals(19, back.markers().size());
    }

    @Test
    void cliConvertDawprojectToTopdownJsonNullsAndSuggestGroupsApplyWritesDawproject() throws Exception {
        Path src = DpTesting.corpus().resolve("opendaw/audio-regions.dawproject");
        Path json = tmp.resolve("regions.topdown.json");
        String[] r = run("convert", src.toString(), json.toString(), "--verify");
        assertEquals("0", r[0], r[2]);
        JsonNode loss = new ObjectMapper().readTree(tmp.resolve("regions.topdown.json.loss.json").toFile());
        assertEquals("dawproject", loss.get("from").asText());
        double depth = loss.get("verify").get("nullDepthDb").asDouble();
        assertTrue(depth <= -140, "embedded audio streamed out, identical render: " + depth);
        Session js = SessionFormats.read(json).session();
        assertEquals(5, js.tracks().get(0).clips().size());
        assertTrue(Files.isDirectory(tmp.resolve("regions-media")));
        // DAWproject -> DAWproject through convert patches, -> Ardour is not generated in this tree (ArdourWriter patches
        // Ardour sessions only), so that direction is not tested here.
        Path ardour = Shared.corpus().resolve("ardour-generated/pop120/pop120.ardour");
        Path grouped = tmp.resolve("grouped.dawproject");
        String[] g = run("suggest-groups", ardour.toString(), "--no-audio", "--apply", "--out", grouped.toString());
        assertEquals("0", g[0], g[2]);
        DpTesting.validate(grouped, tmp);
        Session gs = SessionFormats.read(grouped).session();
        assertEquals(9, gs.tracks().size());
        assertTrue(gs.buses().size() >= 2, gs.buses().toString());
        assertTrue(gs.tracks().stream().allMatch(t -> t.output() != null && (t.output().isMaster()
                || gs.bus(t.output()).isPresent())));
        Session in = SessionFormats.read(ardour).session();
        assertSameTrackTimes(in, gs);
    }

    @Test
    void suggestGroupsApplyOnADawprojectPatchesInSubmixChannels() throws Exception {
        Path src = DpTesting.corpus().resolve("perivar-dawproject-typescript/dawproject_bitwig_serialized.xml");
        Path out = tmp.resolve("roex-grouped.dawproject");
        String[] g = run("suggest-groups", src.toString(), "--no-audio", "--apply", "--out", out.toString());
        assertEquals("0", g[0], g[2]);
        DpTesting.validate(out, tmp);
        Session in = SessionFormats.read(src).session();
        Session gs = SessionFormats.read(out).session();
        assertEquals(in.tracks().size(), gs.tracks().size());
        assertTrue(!gs.buses().isEmpty(), "groups were added");
        for (Track t : gs.tracks()) {
            Bus b = gs.bus(t.output()).orElseThrow();
            assertTrue(b.kind() == topdown.model.BusKind.GROUP || b.kind() == topdown.model.BusKind.MASTER, t.name());
            Track o = in.trackNamed(t.name()).orElseThrow();
            assertEquals(o.fader().db(), t.fader().db(), 1e-12, "faders untouched");
            assertEquals(o.inserts().size(), t.inserts().size(), "devices kept");
        }
        String xml = new String(DpTesting.entry(out, "project.xml"), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(xml.contains("role=\"submix\""), "group buses are submix channels");
    }

    private static void assertSameTrackTimes(Session a, Session b) {
        for (int i = 0; i < a.tracks().size(); i++) {
            Clip x = a.tracks().get(i).clips().get(0);
            Clip y = b.tracks().get(i).clips().get(0);
            assertEquals(List.of(x.positionSamples(), x.offsetSamples(), x.lengthSamples()),
                    List.of(y.positionSamples(), y.offsetSamples(), y.lengthSamples()));
        }
    }

    @Test
    void mixOnADawprojectWritesAValidDawprojectWithDevicesAndEmbeddedStems() throws Exception {
        Path src = DpTesting.corpus().resolve("opendaw/audio-regions.dawproject");
        Path out = tmp.resolve("mix");
        String[] r = run("mix", src.toString(), "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        Path dp = out.resolve("audio-regions.topdown.dawproject");
        assertTrue(Files.isRegularFile(dp), String.join("\n", r));
        DpTesting.validate(dp, tmp);
        Session s = SessionFormats.read(dp).session();
        assertTrue(s.master().inserts().stream().anyMatch(i -> i.kind() == topdown.model.InsertKind.LIMITER),
                s.master().inserts().toString());
        Track stem = s.trackNamed("TopDown master").orElseThrow();
        assertTrue(stem.mute());
        assertTrue(stem.clips().get(0).source().embedded());
        assertTrue(DpTesting.names(dp).contains("audio/master.wav"));
        try (AudioSource a = SessionFormats.read(dp).media().open(stem.clips().get(0).source());
             AudioSource b = AudioFiles.open(out.resolve("stems/processed/master.wav"))) {
            assertEquals(b.frames(), a.frames());
        }
    }
}
