package topdown.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import topdown.audio.io.AudioFiles;
import topdown.audio.io.AudioSource;
import topdown.dsp.TruePeakDetector;

/** Convenience: measure a whole audio file in blocks. */
public final class Loudness {
    static final int BLOCK = 16384; // the meter's energy sums group by block: keep results bit-stable

    private Loudness() {
    }

    /**
     * Measures one file. With two or more processors and a long enough file, the true peak runs on a second
     * thread reading the file on its own, while this thread runs the loudness measurement (the results are
     * the same as {@link #measure(AudioSource)}'s).
     */
    public static LoudnessResult measure(Path file) throws IOException {
        try (AudioSource a = AudioFiles.open(file)) {
            boolean split = Runtime.getRuntime().availableProcessors() >= 2 && a.sampleRate() < 192000
                    && a.frames() > 10L * a.sampleRate();
            if (!split) {
                return measure(a);
            }
            CompletableFuture<Double> tp = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    tp.complete(truePeak(file));
                } catch (Throwable e) {
                    tp.completeExceptionally(e);
                }
            }, "true-peak " + file.getFileName());
            t.setDaemon(true);
            t.start();
            LoudnessMeter m = new LoudnessMeter(a.channels(), a.sampleRate(), false, false);
            feed(a, m);
            try {
                return m.result(tp.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof IOException) {
                    throw (IOException) c;
                }
                if (c instanceof UncheckedIOException) {
                    throw ((UncheckedIOException) c).getCause();
                }
                if (c instanceof RuntimeException) {
                    throw (RuntimeException) c;
                }
                throw new IOException(c);
            }
        }
    }

    /** Linear true peak of a whole file. */
    static double truePeak(Path file) throws IOException {
        try (AudioSource a = AudioFiles.open(file)) {
            TruePeakDetector[] d = new TruePeakDetector[a.channels()];
            for (int c = 0; c < d.length; c++) {
                d[c] = new TruePeakDetector(a.sampleRate());
            }
            float[][] buf = new float[a.channels()][BLOCK];
            int r;
            while ((r = a.read(buf, 0, BLOCK)) > 0) {
                for (int c = 0; c < d.length; c++) {
                    d[c].accept(buf[c], 0, r);
                }
            }
            double tp = 0;
            for (TruePeakDetector x : d) {
                tp = Math.max(tp, x.peak());
            }
            return tp;
        }
    }

    /** Measures a source on the calling thread. */
    public static LoudnessResult measure(AudioSource a) throws IOException {
        LoudnessMeter m = new LoudnessMeter(a.channels(), a.sampleRate());
        feed(a, m);
        return m.result();
    }

    private static void feed(AudioSource a, LoudnessMeter m) throws IOException {
        float[][] buf = new float[a.channels()][BLOCK];
        int r;
        while ((r = a.read(buf, 0, BLOCK)) > 0) {
            m.accept(buf, r);
        }
    }
}
