package topdown.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import topdown.audio.io.AudioFiles;
import topdown.audio.io.AudioSource;
import topdown.audio.io.WavWriter;
import topdown.format.MissingMediaException;
import topdown.format.ReadResult;
import topdown.format.topdown.SourceProbe;
import topdown.format.topdown.TopDownJsonFormat;
import topdown.model.Automation;
import topdown.model.AutomationPoint;
import topdown.model.Bus;
import topdown.model.BusId;
import topdown.model.Carry;
import topdown.model.Clip;
import topdown.model.Fade;
import topdown.model.FadeShape;
import topdown.model.Gain;
import topdown.model.Interpolation;
import topdown.model.Pan;
import topdown.model.PanLaw;
import topdown.model.Send;
import topdown.model.Session;
import topdown.model.Source;
import topdown.model.Tempo;
import topdown.model.Track;
import topdown.model.TrackId;
import topdown.model.TrackKind;
import topdown.report.Progress;

/** Renders small sessions built in code from constant (DC) sources, so every expected sample is exact. */
class SessionRendererTest {
    @TempDir
    Path tmp;

    private Source dc(String name, float value, int frames, int rate) throws Exception {
        float[][] a = new float[1][frames];
        java.util.Arrays.fill(a[0], value);
        Path p = tmp.resolve(name + ".wav");
        WavWriter.writeAll(p, a, rate, WavWriter.Encoding.FLOAT32);
        return SourceProbe.probe(name, name + ".wav", p, tmp);
    }

    private static float[][] read(Path p) throws Exception {
        try (AudioSource a = AudioFiles.open(p)) {
            float[][] buf = new float[a.channels()][(int) a.frames()];
            int got = 0;
            while (got < buf[0].length) {
                int r = a.read(buf, got, buf[0].length - got);
                if (r < 0) {
                    break;
                }
                got += r;
            }
            return buf;
        }
    }

    private Session session(List<Track> tracks, List<Bus> buses, Bus master, PanLaw law) {
        return new Session("t", "topdown", "1", 48000, 0, tracks, buses, master, List.of(), Tempo.DEFAULT, law, 0, List.of());
    }

    private RenderResult render(Session s) throws Exception {
        ReadResult r = new ReadResult(tmp.resolve("x.topdown.json"), new TopDownJsonFormat(), s, null, List.of(), null);
        return SessionRenderer.render(r, RenderRequest.all(tmp.resolve("out"), WavWriter.Encoding.FLOAT32), Progress.NONE);
    }

    @Test
    void clipGainFadesFaderPanAndBusesAreExact() throws Exception {
        Source one = dc("one", 0.5f, 48000, 48000);
        Clip c = Clip.of("c", one, 1000, 10000).withGain(Gain.ofDb(-6.0206))
                .withFades(Fade.of(100, FadeShape.LINEAR), Fade.of(200, FadeShape.CONSTANT_POWER));
        c = new Clip(c.name(), c.channels(), c.positionSamples(), 500, c.lengthSamples(), c.gain(), null, c.fadeIn(),
                c.fadeOut(), false, false, Carry.NONE);
        Track t = new Track(new TrackId("t1"), "T", TrackKind.AUDIO, 1, List.of(c), Gain.ofDb(-3), Gain.UNITY, Pan.of(-1),
                false, false, false, new BusId("b1"), List.of(), List.of(), List.of(), Carry.NONE);
        Bus b = Bus.group(new BusId("b1"), "G").withFader(Gain.ofDb(6.0206));
        RenderResult res = render(session(List.of(t), List.of(b), Bus.master(2), PanLaw.EQUAL_POWER_MINUS_3DB));
        float[][] m = read(res.master());
        assertEquals(11000, m[0].length, "renders to the end of the last clip");
        double clipGain = Math.pow(10, -6.0206 / 20);
        double fader = Math.pow(10, -3 / 20.0);
        double bus = Math.pow(10, 6.0206 / 20);
        assertEquals(0, m[0][999], 0);
        assertEquals(0.5 * clipGain * (50 / 100.0) * fader * bus, m[0][1050], 1e-6, "half way through the fade in");
        assertEquals(0.5 * clipGain * fader * bus, m[0][5000], 1e-6);
        assertEquals(0, m[1][5000], 1e-7, "hard left: nothing on the right");
        assertEquals(0.5 * clipGain * Math.sin(100 / 200.0 * Math.PI / 2) * fader * bus, m[0][1000 + 10000 - 100], 1e-6);
        float[][] stem = read(res.tracks().get("T"));
        assertEquals(m[0][5000] / bus, stem[0][5000], 1e-6, "track stem is post-fader, before the bus fader");
    }

    @Test
    void aMonoBusIntoTheStereoMasterWritesItsOwnSignalAsItsStem() throws Exception {
        Source one = dc("mono", 0.25f, 4800, 48000);
        Track t = new Track(new TrackId("t1"), "T", TrackKind.AUDIO, 1, List.of(Clip.of("c", one, 0, 4800)), Gain.UNITY,
                Gain.UNITY, Pan.CENTRE, false, false, false, new BusId("m1"), List.of(), List.of(), List.of(), Carry.NONE);
        Bus mono = new Bus(new BusId("m1"), "Mono", topdown.model.BusKind.GROUP, 1, Gain.ofDb(-6.0206), Gain.UNITY,
                Pan.of(1), false, false, false, BusId.MASTER, List.of(), List.of(), List.of(), Carry.NONE);
        RenderResult res = render(session(List.of(t), List.of(mono), Bus.master(2), PanLaw.LINEAR_MINUS_6DB));
        float[][] stem = read(res.buses().get("Mono"));
        float[][] m = read(res.master());
        double bus = Math.pow(10, -6.0206 / 20);
        assertEquals(1, stem.length, "the bus's own layout");
        assertEquals(0.25 * bus, stem[0][2400], 1e-7, "post-fader, before the pan (was silent)");
        assertEquals(0, m[0][2400], 1e-9, "hard right");
        assertEquals(0.25 * bus, m[1][2400], 1e-7, "linear law: full level at the side");
    }

    @Test
    void sendsSoloMuteAndAutomation() throws Exception {
        Source one = dc("dc", 1f, 48000, 48000);
        BusId fx = new BusId("fx");
        Automation vol = new Automation(Automation.Parameter.GAIN,
                List.of(AutomationPoint.of(0, 0.0), AutomationPoint.of(1000, 1.0)), Interpolation.LINEAR, true);
        Track a = new Track(new TrackId("a"), "A", TrackKind.AUDIO, 1, List.of(Clip.of("a", one, 0, 2000)), Gain.UNITY,
                Gain.UNITY, Pan.CENTRE, false, true, false, BusId.MASTER, List.of(new Send(fx, Gain.ofDb(-6.0206), true,
                false, Carry.NONE)), List.of(), List.of(vol), Carry.NONE);
        Track b = Track.audio(new TrackId("b"), "B", 1, List.of(Clip.of("b", one, 0, 2000)));
        Bus fxBus = new Bus(fx, "FX", topdown.model.BusKind.FX, 2, Gain.UNITY, Gain.UNITY, Pan.CENTRE, false, false, false,
                BusId.MASTER, List.of(), List.of(), List.of(), Carry.NONE);
        RenderResult res = render(session(List.of(a, b), List.of(fxBus), Bus.master(2), PanLaw.LINEAR_MINUS_6DB));
        float[][] m = read(res.master());
        // A is soloed (B silent); at t=500 its automation is 0.5; linear law centre = 0.5 per side;
        // the pre-fader send adds 1.0 * 0.5 (send gain) * 0.5 (law) regardless of the fader.
        assertEquals(0.5 * 0.5 + 0.5 * 0.5, m[0][500], 1e-6);
        assertEquals(1.0 * 0.5 + 0.25, m[0][1500], 1e-6);
    }

    @Test
    void furtherOutputConnectionsFeedEveryBus() throws Exception {
        // a track wired to buses A and B, and A wired to the master and to C: each gets the same signal
        Source one = dc("half", 0.5f, 48000, 48000);
        BusId a = new BusId("a");
        BusId b = new BusId("b");
        BusId c = new BusId("c");
        Track t = new Track(new TrackId("t"), "T", TrackKind.AUDIO, 1, List.of(Clip.of("x", one, 0, 1000)), Gain.UNITY,
                Gain.UNITY, Pan.of(-1), false, false, false, a, List.of(), List.of(), List.of(), Carry.NONE, List.of(b));
        Bus busA = new Bus(a, "A", topdown.model.BusKind.GROUP, 2, Gain.ofLinear(0.5), Gain.UNITY, Pan.CENTRE, false, false,
                false, BusId.MASTER, List.of(), List.of(), List.of(), Carry.NONE, List.of(c));
        Bus busB = Bus.group(b, "B").withFader(Gain.ofLinear(0.25));
        Bus busC = Bus.group(c, "C").withFader(Gain.ofLinear(2));
        RenderResult res = render(session(List.of(t), List.of(busC, busB, busA), Bus.master(2), PanLaw.BALANCE));
        float[][] m = read(res.master());
        // left: 0.5 through A (x0.5) to the master and on to C (x2), and through B (x0.25)
        assertEquals(0.5 * 0.5 + 0.5 * 0.5 * 2 + 0.5 * 0.25, m[0][500], 1e-7);
        assertEquals(0, m[1][500], 0, "hard left");
        assertEquals(0.5 * 0.25, read(res.buses().get("B"))[0][500], 1e-7);
    }

    @Test
    void resampledSourceAndMissingMediaAndLoops() throws Exception {
        Source at44 = dc("dc44", 0.25f, 44100, 44100);
        Track t = Track.audio(new TrackId("t"), "T", 1, List.of(Clip.of("c", at44, 0, 24000)));
        RenderResult res = render(session(List.of(t), List.of(), Bus.master(2), PanLaw.EQUAL_POWER_0DB));
        float[][] m = read(res.master());
        assertEquals(0.25, m[0][12000], 1e-5, "a 44.1 kHz DC source plays at the same level at 48 kHz");
        Track gone = Track.audio(new TrackId("g"), "G", 1, List.of(Clip.of("c", Source.missing("m", "nope.wav"), 0, 10)));
        assertThrows(MissingMediaException.class, () -> render(session(List.of(gone), List.of(), Bus.master(2),
                PanLaw.ARDOUR)));
        Bus x = Bus.group(new BusId("x"), "X").withOutput(new BusId("y"));
        Bus y = Bus.group(new BusId("y"), "Y").withOutput(new BusId("x"));
        Exception e = assertThrows(java.io.IOException.class, () -> render(session(List.of(t), List.of(x, y),
                Bus.master(2), PanLaw.ARDOUR)));
        assertTrue(e.getMessage().contains("feedback loop"), e.getMessage());
    }

    @Test
    void ardourPanLawValues() {
        double[] centre = PanLaws.mono(PanLaw.ARDOUR, 0);
        assertEquals(-3.0, 20 * Math.log10(centre[0]), 0.01);
        assertEquals(centre[0], centre[1], 1e-12);
        double[] left = PanLaws.mono(PanLaw.ARDOUR, -1);
        assertEquals(1.0, left[0], 1e-12);
        assertEquals(0.0, left[1], 1e-12);
        double[] bal = PanLaws.stereo(PanLaw.ARDOUR, 0.5); // azimuth 0.75
        assertEquals(0.5, bal[0], 1e-12);
        assertEquals(1.0, bal[1], 1e-12);
        assertEquals(Math.sqrt(0.5), FadeCurves.fadeIn(topdown.model.FadeShape.CONSTANT_POWER, 0, 0.5), 1e-12);
        assertEquals(0.5, FadeCurves.fadeIn(topdown.model.FadeShape.SYMMETRIC, 0, 0.5), 1e-12);
        assertEquals(0.25, FadeCurves.fadeIn(topdown.model.FadeShape.EXPONENTIAL, 0, 0.5), 1e-12);
    }
}
