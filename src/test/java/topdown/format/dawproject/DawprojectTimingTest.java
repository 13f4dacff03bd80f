package topdown.format.dawproject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import topdown.audio.io.WavWriter;
import topdown.format.ReadResult;
import topdown.format.SessionFormats;
import topdown.model.Automation;
import topdown.model.Clip;
import topdown.model.Gain;
import topdown.model.Interpolation;
import topdown.model.Session;
import topdown.model.Track;

/**
 * Time conversion: a tempo ramp (120 → 180 bpm over 8 beats, linear in beats), steps, a seconds lane, fades in
 * beats, nested clips with playStart, markers, automation — every position checked against the closed form.
 */
class DawprojectTimingTest {
    private static final int RATE = 48000;

    @TempDir
    Path tmp;

    /** seconds at beat b for the test's map (8·ln(1 + b/16) on the ramp, then 180 and 90 bpm steps). */
    static double sec(double b) {
        if (b <= 8) {
            return 8 * Math.log(1 + b / 16);
        }
        if (b <= 16) {
            return 8 * Math.log(1.5) + (b - 8) * 60 / 180;
        }
        return 8 * Math.log(1.5) + 8 * 60.0 / 180 + (b - 16) * 60 / 90;
    }

    private static final String PROJECT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Project version="1.0">
              <Application name="hand" version="1"/>
              <Transport><Tempo unit="bpm" value="120" id="t0"/><TimeSignature numerator="3" denominator="4" id="ts"/></Transport>
              <Structure>
                <Track id="ta" name="A" contentType="audio">
                  <Channel id="ca" role="regular" audioChannels="2" destination="cg">
                    <Pan id="pa" unit="normalized" value="0.25"/><Volume id="va" unit="linear" value="0.5"/></Channel>
                </Track>
                <Track id="tb" name="B" contentType="audio">
                  <Channel role="regular" audioChannels="2"><Volume unit="decibel" value="-6" id="vb"/></Channel>
                </Track>
                <Track id="tg" name="Group" contentType="tracks">
                  <Channel id="cg" role="submix" audioChannels="2" destination="cm"><Volume id="vg" unit="linear" value="1"/></Channel>
                  <Track id="tc" name="C (nested)" contentType="audio"><Channel id="cc" role="regular" audioChannels="1"/></Track>
                </Track>
                <Track id="tm" name="Master"><Channel id="cm" role="master" audioChannels="2"/></Track>
              </Structure>
              <Arrangement id="arr">
                <Lanes timeUnit="beats" id="l0">
                  <Lanes track="ta" id="la">
                    <Clips id="ka">
                      <Clip time="4" duration="8" playStart="0" contentTimeUnit="seconds" fadeTimeUnit="beats" fadeInTime="1" fadeOutTime="2" name="ramped">
                        <Audio id="aa" channels="2" sampleRate="48000" duration="20"><File path="tone.wav" external="true"/></Audio>
                      </Clip>
                      <Clip time="16" duration="4" contentTimeUnit="seconds" playStart="0" name="outer">
                        <Clips id="kn">
                          <Clip time="1.0" duration="2.0" playStart="0.5" contentTimeUnit="seconds">
                            <Audio id="an" channels="2" sampleRate="48000" duration="20"><File path="tone.wav" external="true"/></Audio>
                          </Clip>
                        </Clips>
                      </Clip>
                    </Clips>
                    <Points id="pv" unit="linear"><Target parameter="va"/>
                      <RealPoint time="0" value="1" interpolation="hold"/><RealPoint time="8" value="0.25" interpolation="hold"/></Points>
                  </Lanes>
                  <Lanes track="tb" id="lb" timeUnit="seconds">
                    <Clips id="kb"><Clip time="3.25" duration="1.5" playStart="2.0" enable="false">
                      <Audio id="ab" channels="2" sampleRate="48000" duration="20"><File path="tone.wav" external="true"/></Audio>
                    </Clip></Clips>
                  </Lanes>
                </Lanes>
                <Markers id="mk"><Marker time="8" name="ramp end"/><Marker time="20" name="late"/></Markers>
                <TempoAutomation id="tA" unit="bpm"><Target parameter="t0"/>
                  <RealPoint time="0" value="120" interpolation="linear"/><RealPoint time="8" value="180" interpolation="hold"/>
                  <RealPoint time="16" value="90" interpolation="hold"/></TempoAutomation>
              </Arrangement>
            </Project>
            """.stripLeading();

    private Path project() throws Exception {
        Path wav = tmp.resolve("tone.wav");
        try (WavWriter w = new WavWriter(wav, 2, RATE, WavWriter.Encoding.PCM16, 0, "tone")) {
            float[][] b = new float[2][RATE];
            for (int s = 0; s < 20; s++) {
                for (int i = 0; i < RATE; i++) {
                    b[0][i] = b[1][i] = (float) (0.25 * Math.sin(2 * Math.PI * 220 * (s * RATE + i) / RATE));
                }
                w.write(b, 0, RATE);
            }
        }
        Path p = tmp.resolve("timing.dawproject");
        try (OutputStream os = Files.newOutputStream(p); ZipOutputStream z = new ZipOutputStream(os)) {
            z.putNextEntry(new ZipEntry("project.xml"));
            z.write(PROJECT.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
            z.putNextEntry(new ZipEntry("metadata.xml"));
            z.write("<MetaData><Title>timing</Title></MetaData>".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return p;
    }

    @Test
    void tempoMapIsTheExactIntegralAndInvertible() {
        DpTempoMap m = DpTempoMap.of(120, List.of(new DpTempoMap.Point(0, false, 120, true),
                new DpTempoMap.Point(8, false, 180, false), new DpTempoMap.Point(16, false, 90, false)));
        for (double b = 0; b <= 24; b += 0.37) {
            assertEquals(sec(b), m.seconds(b), 1e-12, "beat " + b);
            assertEquals(b, m.beats(m.seconds(b)), 1e-9, "inverse at beat " + b);
        }
        // Independent check of the ramp: trapezoidal integration of 60/bpm(b) over 0..8 beats.
        double t = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double b0 = 8.0 * i / n;
            double b1 = 8.0 * (i + 1) / n;
            t += (60 / (120 + 7.5 * b0) + 60 / (120 + 7.5 * b1)) / 2 * (b1 - b0);
        }
        assertEquals(t, m.seconds(8), 1e-9);
        assertEquals(150.0, m.bpmAt(4), 1e-12);
    }

    @Test
    void clipsFadesMarkersAndAutomationLandOnTheExactFrames() throws Exception {
        ReadResult r = SessionFormats.read(project());
        Session s = r.session();
        assertEquals(RATE, s.sampleRate());
        Track a = s.trackNamed("A").orElseThrow();
        assertEquals(Gain.ofLinear(0.5), a.fader());
        assertEquals(-0.5, a.pan().position(), 1e-12);
        assertEquals("Group", s.bus(a.output()).orElseThrow().name());
        Track c = s.trackNamed("C (nested)").orElseThrow();
        assertEquals("Group", s.bus(c.output()).orElseThrow().name(), "no destination: the enclosing submix");
        Track b = s.trackNamed("B").orElseThrow();
        assertEquals(-6.0, b.fader().db(), 1e-12, "decibel unit");
        assertEquals("#1", b.carry().key(), "a channel without id is addressed by its position");

        Clip ramped = a.clips().get(0);
        long p0 = Math.round(sec(4) * RATE);
        long p1 = Math.round(sec(12) * RATE);
        assertEquals(p0, ramped.positionSamples());
        assertEquals(p1 - p0, ramped.lengthSamples());
        assertEquals(0, ramped.offsetSamples());
        assertEquals(Math.round((sec(5) - sec(4)) * RATE), ramped.fadeIn().lengthSamples());
        assertEquals(Math.round((sec(12) - sec(10)) * RATE), ramped.fadeOut().lengthSamples());

        Clip nested = a.clips().get(1);
        double outer = sec(16);
        double outerEnd = sec(20);
        assertEquals(Math.round((outer + 1.0) * RATE), nested.positionSamples());
        assertEquals(Math.round(outerEnd * RATE) - Math.round((outer + 1.0) * RATE), nested.lengthSamples(),
                "the inner clip is cut at the outer clip's end");
        assertEquals(Math.round(0.5 * RATE), nested.offsetSamples());
        assertEquals("outer", nested.name());

        Clip sc = b.clips().get(0);
        assertEquals(156_000, sc.positionSamples());
        assertEquals(72_000, sc.lengthSamples());
        assertEquals(96_000, sc.offsetSamples());
        assertTrue(sc.muted(), "enable=false");

        assertEquals(List.of(Math.round(sec(8) * RATE), Math.round(sec(20) * RATE)),
                s.markers().stream().map(m -> m.positionSamples()).toList());
        Automation g = a.automation(Automation.Parameter.GAIN);
        assertEquals(Interpolation.STEP, g.interpolation());
        assertEquals(Math.round(sec(8) * RATE), g.points().get(1).sample());
        assertEquals(0.25, g.points().get(1).value());
        assertEquals(3, s.tempo().changes().size());
        assertEquals(3, s.tempo().changes().get(0).beatsPerBar());
        assertEquals(Math.round(sec(16) * RATE), s.tempo().changes().get(2).sample());
        assertEquals(90.0, s.tempo().changes().get(2).bpm());
    }

    @Test
    void idlessChannelIsPatchedInPlaceAndTheResultValidates() throws Exception {
        ReadResult r = SessionFormats.read(project());
        Track b = r.session().trackNamed("B").orElseThrow();
        Path out = tmp.resolve("out/timing-edit.dawproject");
        r.format().write(r, r.session().withTrackFader(b.id(), Gain.ofDb(-9.5)), out);
        DpTesting.validate(out, tmp);
        List<String> x = List.of(DpTesting.canonical(PROJECT.getBytes(StandardCharsets.UTF_8)).split("\n"));
        List<String> y = List.of(DpTesting.canonical(DpTesting.entry(out, "project.xml")).split("\n"));
        List<String> diff = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            if (!x.get(i).equals(y.get(i))) {
                diff.add(y.get(i).trim());
            }
        }
        // The edited Volume (decibel unit kept), and the external file re-pointed from the new folder.
        assertEquals(List.of("<Volume id=\"vb\" unit=\"decibel\" value=\"-9.5\">",
                "<File external=\"true\" path=\"../tone.wav\">", "<File external=\"true\" path=\"../tone.wav\">",
                "<File external=\"true\" path=\"../tone.wav\">"), diff);
        Session back = SessionFormats.read(out).session();
        assertEquals(-9.5, back.trackNamed("B").orElseThrow().fader().db(), 1e-12);
        assertEquals(3, back.tracks().stream().mapToInt(t -> t.clips().size()).sum());
        assertTrue(back.tracks().stream().allMatch(t -> t.clips().stream().allMatch(cl -> cl.source().found())));
        DawprojectConvertTest.assertSameMix(r.session().withTrackFader(b.id(), Gain.ofDb(-9.5)), back);
    }
}
