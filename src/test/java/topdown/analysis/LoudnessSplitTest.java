package topdown.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import topdown.audio.io.AudioFiles;
import topdown.audio.io.AudioSource;
import topdown.audio.io.WavWriter;

/** The per-file measurement that shares decoded blocks with a true-peak thread gives the one-thread results. */
class LoudnessSplitTest {
    @TempDir
    Path tmp;

    @Test
    void twoThreadFileMeasurementIsBitIdenticalToOneThread() throws Exception {
        int rate = 48000;
        int n = 25 * rate; // long enough for the split path (> 10 s)
        float[][] x = new float[2][n];
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < n; i++) {
            double env = 0.2 + 0.7 * Math.abs(Math.sin(2 * Math.PI * i / (3.3 * rate)));
            x[0][i] = (float) (env * (0.25 * Math.sin(2 * Math.PI * 997 * i / rate) + 0.02 * rnd.nextGaussian()));
            // fs/4 at 45 degrees: every sample at 0.354, the waveform peaks at 0.5 between them (+3 dB).
            x[1][i] = (float) (0.5 * Math.sin(2 * Math.PI * 12000.0 * i / rate + Math.PI / 4));
        }
        Path f = tmp.resolve("x.wav");
        WavWriter.writeAll(f, x, rate, WavWriter.Encoding.FLOAT32);
        LoudnessResult split = Loudness.measure(f);
        LoudnessResult one;
        try (AudioSource a = AudioFiles.open(f)) {
            one = Loudness.measure(a);
        }
        assertEquals(one.integratedLufs(), split.integratedLufs(), 0.0);
        assertEquals(one.loudnessRangeLu(), split.loudnessRangeLu(), 0.0);
        assertEquals(one.momentaryMaxLufs(), split.momentaryMaxLufs(), 0.0);
        assertEquals(one.shortTermMaxLufs(), split.shortTermMaxLufs(), 0.0);
        assertEquals(one.samplePeakDbfs(), split.samplePeakDbfs(), 0.0);
        assertEquals(one.truePeakDbtp(), split.truePeakDbtp(), 0.0);
        // The true peak is measured: the fs/4 tone's inter-sample peaks lie 3 dB above its samples.
        // (Tech 3341 true-peak tolerance +0.2/-0.4 dB: the 24-tap interpolator reads +0.11 dB at fs/4.)
        assertEquals(20 * Math.log10(0.5), split.truePeakDbtp(), 0.2);
        assertEquals(20 * Math.log10(0.5 * Math.sqrt(0.5)), split.samplePeakDbfs(), 0.05);
    }
}
