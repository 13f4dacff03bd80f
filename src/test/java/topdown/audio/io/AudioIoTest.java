package topdown.audio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import topdown.testing.Shared;

class AudioIoTest {
    @TempDir
    Path tmp;

    static float[][] signal(int ch, int n, int rate) {
        float[][] x = new float[ch][n];
        java.util.Random r = new java.util.Random(5);
        for (int c = 0; c < ch; c++) {
            for (int i = 0; i < n; i++) {
                x[c][i] = (float) (0.6 * Math.sin(2 * Math.PI * (220 + 110 * c) * i / rate) + 0.05 * r.nextGaussian());
            }
        }
        return x;
    }

    static float[][] readAll(Path p) throws Exception {
        try (AudioSource a = AudioFiles.open(p)) {
            float[][] out = new float[a.channels()][(int) a.frames()];
            int got = 0;
            while (got < out[0].length) {
                int r = a.read(out, got, Math.min(5000, out[0].length - got));
                if (r < 0) {
                    break;
                }
                got += r;
            }
            assertEquals(out[0].length, got, p + " frames");
            return out;
        }
    }

    static void assertSame(float[][] a, float[][] b, double tol, String what) {
        assertEquals(a.length, b.length, what + " channels");
        assertEquals(a[0].length, b[0].length, what + " frames");
        double worst = 0;
        for (int c = 0; c < a.length; c++) {
            for (int i = 0; i < a[c].length; i++) {
                worst = Math.max(worst, Math.abs(a[c][i] - b[c][i]));
            }
        }
        assertTrue(worst <= tol, what + ": worst difference " + worst);
    }

    @Test
    void wavWriterRoundTrips() throws Exception {
        float[][] x = signal(2, 48000, 48000);
        for (WavWriter.Encoding e : WavWriter.Encoding.values()) {
            Path p = tmp.resolve("rt-" + e + ".wav");
            WavWriter kept;
            try (WavWriter w = new WavWriter(p, 2, 48000, e, 96000, "test", null)) {
                w.write(x, 0, 30000);
                w.flushWritten(); // pushed to the disk mid-file (as renders do): the file is still a temporary
                assertTrue(!Files.exists(p), "the target appears only when the writer closes");
                w.write(x, 30000, 18000);
                kept = w;
            }
            kept.flushWritten(); // closed: nothing to do
            float[][] y = readAll(p);
            double lsb = e == WavWriter.Encoding.FLOAT32 ? 0 : e == WavWriter.Encoding.PCM16 ? 1 / 32768.0 : 1 / 8388608.0;
            assertSame(x, y, lsb * 0.5 + 1e-9, e.toString());
            try (AudioSource a = AudioFiles.open(p)) {
                assertEquals(96000, a.timeReference());
            }
        }
    }

    @Test
    void quantiserRoundsExactlyAsMathRound() {
        double[] edge = {0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994,
            8388607.5, -8388608.5, 1e-300, -1e-300, 0x1p52, -0x1p52, 0x1p52 + 1, 4503599627370495.5, Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MIN_VALUE};
        for (double v : edge) {
            assertEquals(Math.round(v), WavWriter.round(v), "round(" + v + ")");
        }
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 1_000_000; i++) {
            double v = (r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(60));
            assertEquals(Math.round(v), WavWriter.round(v), "round(" + v + ")");
            double h = Math.floor(v) + 0.5; // ties
            assertEquals(Math.round(h), WavWriter.round(h), "round(" + h + ")");
            // The 24-bit coder: nearest (ties to even), clamped.
            double c = Math.max(-8388608, Math.min(8388607, v));
            assertEquals((int) Math.rint(c), WavWriter.code24(v), "code24(" + v + ")");
            double ch = Math.max(-8388608, Math.min(8388607, h));
            assertEquals((int) Math.rint(ch), WavWriter.code24(h), "code24(" + h + ")");
        }
        assertEquals(0, WavWriter.code24(Double.NaN));
        assertEquals(8388607, WavWriter.code24(Double.POSITIVE_INFINITY));
        assertEquals(-8388608, WavWriter.code24(Double.NEGATIVE_INFINITY));
    }

    @Test
    void ditherIsTriangularWithinOneLsb() {
        Dither d = new Dither(1);
        double sum = 0;
        double sq = 0;
        double max = 0;
        int inner = 0;
        int n = 200000;
        for (int i = 0; i < n; i++) {
            double v = d.next();
            sum += v;
            sq += v * v;
            max = Math.max(max, Math.abs(v));
            if (Math.abs(v) < 0.5) {
                inner++;
            }
        }
        assertTrue(max < 1.0);
        assertEquals(0, sum / n, 0.01);
        // Triangular on [-1, 1): variance 1/6 (two uniform LSB halves, 1/12 each), 3/4 of values within ±0.5.
        assertEquals(1 / 6.0, sq / n, 0.002);
        assertEquals(0.75, inner / (double) n, 0.005);
    }

    @Test
    void decodesWhatSoxAndFlacMakeSampleExactly() throws Exception {
        Shared.requireTool("sox");
        Path src = tmp.resolve("src.wav");
        float[][] x = signal(2, 44100, 44100);
        WavWriter.writeAll(src, x, 44100, WavWriter.Encoding.PCM24);
        float[][] ref = readAll(src);
        String[][] variants = {
            {"a16.aiff", "-b", "16"}, {"a24.aiff", "-b", "24"}, {"s32.wav", "-b", "32", "-e", "signed-integer"},
            {"f32.wav", "-e", "floating-point", "-b", "32"}, {"f64.wav", "-e", "floating-point", "-b", "64"},
            {"u8.wav", "-b", "8", "-e", "unsigned-integer"}, {"c24.aifc", "-b", "24"}, {"fl24.flac", "-b", "24"},
            {"fl16.flac", "-b", "16"}};
        for (String[] v : variants) {
            Path out = tmp.resolve(v[0]);
            String[] cmd = new String[3 + v.length];
            cmd[0] = "sox";
            cmd[1] = "-D"; // no dither: the comparison is exact
            cmd[2] = src.toString();
            for (int i = 1; i < v.length; i++) {
                cmd[2 + i] = v[i];
            }
            cmd[cmd.length - 1] = out.toString();
            Shared.run(null, 60, cmd);
            int bits = v[0].startsWith("u8") ? 8 : v[0].contains("16") ? 16 : 24;
            double tol = bits >= 24 ? 1e-7 : 1.0 / (1 << (bits - 1)) + 1e-7;
            assertSame(ref, readAll(out), tol, v[0]);
        }
        // WAVE_FORMAT_EXTENSIBLE written by ffmpeg, and AIFC 'sowt' little-endian.
        if (Shared.hasTool("ffmpeg")) {
            Path ext = tmp.resolve("ext.wav");
            Shared.run(null, 60, "ffmpeg", "-y", "-loglevel", "error", "-i", src.toString(), "-c:a", "pcm_s24le",
                    "-rf64", "never", "-write_bext", "1", ext.toString());
            assertSame(ref, readAll(ext), 1e-7, "ffmpeg pcm_s24le");
            Path sowt = tmp.resolve("sowt.aifc");
            Shared.run(null, 60, "ffmpeg", "-y", "-loglevel", "error", "-i", src.toString(), "-c:a", "pcm_s16le", sowt.toString());
            assertSame(ref, readAll(sowt), 1.0 / 32768 + 1e-7, "AIFC sowt");
        }
    }

    @Test
    void bextTimeReferenceIsReadByFfprobe() throws Exception {
        Shared.requireTool("ffprobe");
        Path p = tmp.resolve("bext.wav");
        try (WavWriter w = new WavWriter(p, 1, 48000, WavWriter.Encoding.PCM24, 123456789L, "stem", null)) {
            w.write(new float[][] {new float[4800]}, 0, 4800);
        }
        String out = Shared.run(null, 30, "ffprobe", "-v", "error", "-show_entries", "format_tags=time_reference",
                "-of", "default=nw=1", p.toString());
        assertTrue(out.contains("time_reference=123456789"), out);
    }

    @Test
    void rf64IsReadWhenTheHeaderSaysSo() throws Exception {
        // A small RF64 file made by hand: RF64 header with -1 sizes, ds64 with the real data size.
        int frames = 1000;
        ByteBuffer b = ByteBuffer.allocate(12 + 36 + 24 + 8 + frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RF64".getBytes()).putInt(-1).put("WAVE".getBytes());
        b.put("ds64".getBytes()).putInt(28).putLong(b.capacity() - 8).putLong(frames * 2L).putLong(frames).putInt(0);
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(48000).putInt(96000)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(-1);
        for (int i = 0; i < frames; i++) {
            b.putShort((short) (i * 16));
        }
        Path p = tmp.resolve("rf64.wav");
        Files.write(p, b.array());
        float[][] y = readAll(p);
        assertEquals(frames, y[0].length);
        assertEquals(999 * 16 / 32768.0, y[0][999], 1e-7);
    }

    @Test
    void lyingAndTruncatedHeadersGiveClearErrors() throws Exception {
        Path good = tmp.resolve("good.wav");
        WavWriter.writeAll(good, signal(1, 10000, 48000), 48000, WavWriter.Encoding.PCM16);
        byte[] g = Files.readAllBytes(good);
        Path truncated = tmp.resolve("truncated.wav");
        Files.write(truncated, java.util.Arrays.copyOf(g, g.length - 5000));
        Path zeroCh = tmp.resolve("zero-channels.wav");
        byte[] z = g.clone();
        int fmt = indexOf(z, "fmt ");
        z[fmt + 10] = 0;
        z[fmt + 11] = 0;
        Files.write(zeroCh, z);
        Path absurd = tmp.resolve("absurd-rate.wav");
        byte[] a = g.clone();
        ByteBuffer.wrap(a, fmt + 12, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(0x7FFFFFFF);
        Files.write(absurd, a);
        Path loop = tmp.resolve("loop.wav");
        byte[] l = java.util.Arrays.copyOf(g, 60);
        ByteBuffer.wrap(l, 16, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(-8);
        Files.write(loop, l);
        Path notAudio = tmp.resolve("text.wav");
        Files.writeString(notAudio, "hello");
        Path badAiff = tmp.resolve("bad.aiff");
        Files.write(badAiff, new byte[] {'F', 'O', 'R', 'M', 0, 0, 0, 4, 'A', 'I', 'F', 'F'});
        Path badFlac = tmp.resolve("bad.flac");
        Files.write(badFlac, new byte[] {'f', 'L', 'a', 'C', 0, 0, 0, 0, 1, 2, 3});
        for (Path p : List.of(truncated, zeroCh, absurd, loop, notAudio, badAiff, badFlac)) {
            AudioFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> assertThrows(AudioFormatException.class, () -> readAll(p)));
            assertTrue(e.getMessage().startsWith(p.getFileName().toString()), e.getMessage());
        }
    }

    @Test
    void undecodableFormatsAreNamed() throws Exception {
        Shared.requireTool("ffmpeg");
        Path mp3 = tmp.resolve("x.mp3");
        Shared.run(null, 60, "ffmpeg", "-y", "-loglevel", "error", "-f", "lavfi", "-i", "sine=f=440:d=1", mp3.toString());
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioFiles.open(mp3));
        assertTrue(e.getMessage().startsWith("x.mp3") && e.getMessage().contains("MPEG"), e.getMessage());
    }

    /** Streams 30 minutes of 96 kHz stereo through the writer and reader in a child JVM with a 48 MB heap. */
    @Test
    void memoryStaysFlatForLongFiles() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = tmp.resolve("long.wav");
        Process p = new ProcessBuilder(java, "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                LongStream.class.getName(), out.toString(), "1800").redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        assertTrue(log.contains("frames=172800000"), log);
        System.out.print(log);
    }

    private static int indexOf(byte[] b, String s) {
        byte[] k = s.getBytes();
        outer:
        for (int i = 0; i + k.length <= b.length; i++) {
            for (int j = 0; j < k.length; j++) {
                if (b[i + j] != k[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
