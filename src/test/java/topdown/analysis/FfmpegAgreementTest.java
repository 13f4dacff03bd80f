package topdown.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import topdown.audio.io.WavWriter;
import topdown.testing.Shared;

/**
 * Agreement with ffmpeg's ebur128 filter (peak=true) within 0.1 LU (integrated) and 0.2 dB (true peak)
 * on generated signals and the shared multitrack stems, at 44.1, 48 and 96 kHz (rate variants made by
 * sox). ffmpeg's LRA is compared within 0.5 LU: it quantises short-term values differently.
 */
class FfmpegAgreementTest {
    @TempDir
    Path tmp;

    record Ref(double integrated, double lra, double truePeak) {
    }

    static Ref ffmpeg(Path f) throws Exception {
        String out = runCapture("ffmpeg", "-nostats", "-hide_banner", "-i", f.toString(), "-af", "ebur128=peak=true",
                "-f", "null", "-");
        String summary = out.substring(out.lastIndexOf("Summary:"));
        return new Ref(grab(summary, "I:\\s+(-?[\\d.]+) LUFS"), grab(summary, "LRA:\\s+(-?[\\d.]+) LU"),
                grab(summary, "Peak:\\s+(-?[\\d.]+|-inf) dBFS"));
    }

    static String runCapture(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String s = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return s;
    }

    static double grab(String s, String re) {
        Matcher m = Pattern.compile(re).matcher(s);
        if (!m.find()) {
            throw new AssertionError("not in ffmpeg output: " + re + "\n" + s);
        }
        return m.group(1).equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(m.group(1));
    }

    private Path noiseBurst(int rate) throws Exception {
        java.util.Random r = new java.util.Random(rate);
        int n = rate * 12;
        float[][] x = new float[2][n];
        for (int i = 0; i < n; i++) {
            double env = 0.2 + 0.8 * Math.abs(Math.sin(2 * Math.PI * i / (rate * 3.0)));
            x[0][i] = (float) (0.3 * env * r.nextGaussian() * 0.5);
            x[1][i] = (float) (0.25 * env * Math.sin(2 * Math.PI * 3000 * i / rate) + 0.1 * r.nextGaussian() * 0.3);
        }
        Path p = tmp.resolve("gen" + rate + ".wav");
        WavWriter.writeAll(p, x, rate, WavWriter.Encoding.FLOAT32);
        return p;
    }

    @Test
    void agreesWithFfmpegEbur128() throws Exception {
        Shared.requireTool("ffmpeg");
        Shared.requireTool("sox");
        List<Path> files = new ArrayList<>();
        for (int rate : new int[] {44100, 48000, 96000}) {
            files.add(noiseBurst(rate));
        }
        Path mt = Shared.multitrack();
        for (String s : new String[] {"pop120/overheads.wav", "pop120/bass.wav", "rock140/pad.wav",
            "reference_master/pop120_loud_master.wav"}) {
            Path src = mt.resolve(s);
            files.add(src);
            for (int rate : new int[] {44100, 96000}) {
                Path out = tmp.resolve(src.getFileName().toString().replace(".wav", "-" + rate + ".wav"));
                Shared.run(null, 60, "sox", src.toString(), "-b", "24", out.toString(), "rate", "-v", String.valueOf(rate));
                files.add(out);
            }
        }
        StringBuilder table = new StringBuilder();
        double worstI = 0;
        double worstTp = 0;
        for (Path f : files) {
            LoudnessResult ours = Loudness.measure(f);
            Ref ref = ffmpeg(f);
            worstI = Math.max(worstI, Math.abs(ours.integratedLufs() - ref.integrated()));
            worstTp = Math.max(worstTp, Math.abs(ours.truePeakDbtp() - ref.truePeak()));
            table.append(String.format("%-34s I %7.2f / %7.2f  LRA %5.2f / %5.2f  TP %6.2f / %6.2f%n",
                    f.getFileName(), ours.integratedLufs(), ref.integrated(), ours.loudnessRangeLu(), ref.lra(),
                    ours.truePeakDbtp(), ref.truePeak()));
            assertEquals(ref.integrated(), ours.integratedLufs(), 0.1, f + " integrated");
            assertEquals(ref.truePeak(), ours.truePeakDbtp(), 0.2, f + " true peak");
            assertEquals(ref.lra(), ours.loudnessRangeLu(), 0.5, f + " LRA");
        }
        System.out.print("TopDown / ffmpeg ebur128\n" + table);
        System.out.printf("worst |dI| %.3f LU, worst |dTP| %.3f dB over %d files%n", worstI, worstTp, files.size());
        assertTrue(files.size() >= 12);
    }
}
