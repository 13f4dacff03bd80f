package topdown.format.dawproject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import topdown.audio.io.AudioFiles;
import topdown.audio.io.AudioSource;
import topdown.audio.io.WavWriter;
import topdown.format.ReadResult;
import topdown.format.SessionFormats;
import topdown.model.Clip;
import topdown.render.RenderRequest;
import topdown.render.RenderResult;
import topdown.render.SessionRenderer;
import topdown.render.StemKind;
import topdown.report.Progress;

/** The embedded chirp of openDAW's audio-regions.dawproject, rendered from the zip, against the decoded chirp. */
class DawprojectRenderTest {
    @TempDir
    Path tmp;

    @Test
    void embeddedChirpRendersAtItsPlacementsWithFaderAndPanGain() throws Exception {
        ReadResult r = SessionFormats.read(DpTesting.corpus().resolve("opendaw/audio-regions.dawproject"));
        Clip first = r.session().tracks().get(0).clips().get(0);
        float[] chirp;
        try (AudioSource a = r.media().open(first.source())) {
            assertEquals(1, a.channels());
            assertEquals(44100, a.frames());
            float[][] b = new float[1][44100];
            assertEquals(44100, a.read(b, 0, 44100));
            chirp = b[0];
        }
        double chirpEnergy = 0;
        double chirpPeak = 0;
        for (float v : chirp) {
            chirpEnergy += v * v;
            chirpPeak = Math.max(chirpPeak, Math.abs(v));
        }
        assertTrue(chirpPeak > 0.1, "the chirp is not silent: " + chirpPeak);
        RenderResult rr = SessionRenderer.render(r, new RenderRequest(tmp.resolve("r"), Set.of(StemKind.MASTER),
                WavWriter.Encoding.FLOAT32, 0, null, 0, 0), Progress.stderr());
        // Volume 0.316228 (linear); the channel is stereo (audioChannels=2), so the mono file plays on both sides and the
        // centre pan is a balance control at unity (PanLaws: stereo channels use the balance form).
        double g = 0.316228;
        long total = Math.round(8 * 60.0 / 110 * 44100);
        try (AudioSource m = AudioFiles.open(rr.master())) {
            assertEquals(2, m.channels());
            assertTrue(m.frames() >= total, "rendered " + m.frames());
            float[][] b = new float[2][(int) m.frames()];
            m.read(b, 0, b[0].length);
            for (int piece = 0; piece < 5; piece++) {
                long pos = Math.round(piece * 1.8333330154418945 * 60 / 110 * 44100);
                int n = (int) Math.min(44100, total - pos);
                double dot = 0;
                double cc = 0;
                double err = 0;
                for (int i = 0; i < n; i++) {
                    double x = chirp[i];
                    double y = b[0][(int) pos + i];
                    dot += x * y;
                    cc += x * x;
                }
                double gain = dot / cc;
                for (int i = 0; i < n; i++) {
                    double d = b[0][(int) pos + i] - g * chirp[i];
                    err += d * d;
                }
                assertEquals(g, gain, 1e-5, "piece " + piece + " gain");
                assertTrue(10 * Math.log10(err / (g * g * cc)) < -100, "piece " + piece + " residual " + 10 * Math.log10(err / (g * g * cc)));
                assertEquals(b[0][(int) pos + 1000], b[1][(int) pos + 1000], 1e-7, "centre");
            }
            double energy = 0;
            for (int i = 0; i < 44100; i++) {
                energy += b[0][i] * b[0][i];
            }
            assertEquals(chirpEnergy * g * g, energy, chirpEnergy * g * g * 1e-4, "first second: the chirp's energy times g^2");
            for (long i = total; i < b[0].length; i++) {
                assertEquals(0f, b[0][(int) i], "silence after the 8-beat clip ends at " + total);
            }
        }
    }
}
