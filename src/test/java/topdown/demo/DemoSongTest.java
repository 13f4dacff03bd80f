package topdown.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import topdown.audio.io.AudioFiles;
import topdown.audio.io.AudioSource;
import topdown.model.Session;

class DemoSongTest {
    @TempDir
    Path tmp;

    private static double lowBandRms(float[] x, int rate) {
        // Two cascaded one-pole low-passes at 120 Hz, then RMS: energy below about 120 Hz.
        double a = Math.exp(-2 * Math.PI * 120 / rate);
        double y1 = 0;
        double y2 = 0;
        double sum = 0;
        for (float v : x) {
            y1 = (1 - a) * v + a * y1;
            y2 = (1 - a) * y1 + a * y2;
            sum += y2 * y2;
        }
        return Math.sqrt(sum / x.length);
    }

    @Test
    void songIsDeterministicAndHasEveryPart() throws Exception {
        Session s = new DemoSong(7).write(tmp.resolve("a"));
        new DemoSong(7).write(tmp.resolve("b"));
        List<String> names = s.tracks().stream().map(t -> t.name()).toList();
        assertEquals(List.of("Kick", "Snare", "Overheads", "Bass", "Keys", "Strings Pad", "Lead Synth", "Backing Ooh"),
                names);
        double secs = s.seconds(s.contentEndSamples());
        assertTrue(secs >= 20 && secs <= 40, "length " + secs);
        for (String f : List.of("Kick.wav", "Bass.wav", "Backing_Ooh.wav")) {
            try (AudioSource a = AudioFiles.open(tmp.resolve("a/audio/" + f));
                 AudioSource b = AudioFiles.open(tmp.resolve("b/audio/" + f))) {
                assertEquals(48000, a.sampleRate());
                assertEquals(24, a.bitsPerSample());
                assertEquals(a.frames(), b.frames());
                float[][] x = new float[a.channels()][(int) a.frames()];
                float[][] y = new float[b.channels()][(int) b.frames()];
                a.read(x, 0, x[0].length);
                b.read(y, 0, y[0].length);
                for (int c = 0; c < x.length; c++) {
                    assertArrayEquals(x[c], y[c], f + " audio differs between two runs with the same seed");
                }
            }
        }
    }

    @Test
    void deliberateProblemsArePresent() {
        DemoSong song = new DemoSong(1);
        int n = (int) Math.round(DemoSong.lengthSeconds() * DemoSong.RATE);
        float[][] bass = song.bass(n);
        float[] mid = new float[n];
        float[] side = new float[n];
        for (int i = 0; i < n; i++) {
            mid[i] = (bass[0][i] + bass[1][i]) / 2;
            side[i] = (bass[0][i] - bass[1][i]) / 2;
        }
        double sideMinusMidDb = 20 * Math.log10(lowBandRms(side, DemoSong.RATE) / lowBandRms(mid, DemoSong.RATE));
        assertTrue(sideMinusMidDb > -12, "bass should carry low end in the side signal, side-mid = " + sideMinusMidDb);
        // Kick and bass share the low band and hit on the same downbeats.
        float[] kick = song.kick(n)[0];
        double kickLow = lowBandRms(kick, DemoSong.RATE);
        double bassLow = lowBandRms(mid, DemoSong.RATE);
        assertTrue(kickLow > 0.05 && bassLow > 0.05, "both kick and bass are strong below 120 Hz");
    }
}
