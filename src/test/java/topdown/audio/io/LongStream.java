package topdown.audio.io;

import java.nio.file.Files;
import java.nio.file.Path;

/** Child-JVM helper for the flat-memory test: writes and reads back a long 96 kHz stereo file in blocks. */
public final class LongStream {
    private LongStream() {
    }

    public static void main(String[] a) throws Exception {
        Path out = Path.of(a[0]);
        long seconds = Long.parseLong(a[1]);
        WavWriter.Encoding enc = a.length > 2 ? WavWriter.Encoding.parse(a[2]) : WavWriter.Encoding.PCM16;
        int rate = 96000;
        long total = seconds * rate;
        float[][] buf = new float[2][16384];
        try (WavWriter w = new WavWriter(out, 2, rate, enc, 0, "long", null)) {
            for (long done = 0; done < total; ) {
                int k = (int) Math.min(buf[0].length, total - done);
                for (int i = 0; i < k; i++) {
                    float v = (float) (0.25 * Math.sin(2 * Math.PI * 1000 * ((done + i) % rate) / rate));
                    buf[0][i] = v;
                    buf[1][i] = -v;
                }
                w.write(buf, 0, k);
                done += k;
            }
        }
        long frames = 0;
        double peak = 0;
        try (AudioSource s = AudioFiles.open(out)) {
            int r;
            while ((r = s.read(buf, 0, buf[0].length)) > 0) {
                frames += r;
                for (int i = 0; i < r; i++) {
                    peak = Math.max(peak, Math.abs(buf[0][i]));
                }
            }
        }
        Runtime rt = Runtime.getRuntime();
        String head;
        try (java.io.InputStream in = Files.newInputStream(out)) {
            head = new String(in.readNBytes(4), java.nio.charset.StandardCharsets.US_ASCII);
        }
        System.out.printf("container=%s frames=%d bytes=%d peak=%.3f heapUsedMB=%.1f maxHeapMB=%.0f%n", head, frames,
                Files.size(out), peak,
                (rt.totalMemory() - rt.freeMemory()) / 1e6, rt.maxMemory() / 1e6);
        Files.delete(out);
    }
}
