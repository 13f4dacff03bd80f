package topdown.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import topdown.audio.io.AudioFiles;
import topdown.audio.io.AudioSource;
import topdown.dsp.TruePeakDetector;

/** Convenience: measure a whole audio file in blocks. */
public final class Loudness {
    static final int BLOCK = 16384; // the meter's energy sums group by block: keep results bit-stable

    private Loudness() {
    }

    /**
     * Measures one file. With two or more processors and a long enough file, the file is decoded once and
     * each decoded block goes to two consumers: this thread runs the loudness measurement while a second
     * thread runs the true-peak detectors on the same block (the results are bit-identical to
     * {@link #measure(AudioSource)}'s: same blocks, same order). A small fixed pool of block buffers is
     * passed between the threads, so memory stays constant.
     */
    public static LoudnessResult measure(Path file) throws IOException {
        try (AudioSource a = AudioFiles.open(file)) {
            boolean split = Runtime.getRuntime().availableProcessors() >= 2 && a.sampleRate() < 192000
                    && a.frames() > 10L * a.sampleRate();
            if (!split) {
                return measure(a);
            }
            return measureSplit(a, file);
        }
    }

    private record Block(float[][] data, int frames) {
    }

    private static final int POOL = 6;

    private static LoudnessResult measureSplit(AudioSource a, Path file) throws IOException {
        int channels = a.channels();
        ArrayBlockingQueue<float[][]> free = new ArrayBlockingQueue<>(POOL);
        ArrayBlockingQueue<Block> full = new ArrayBlockingQueue<>(POOL + 1);
        for (int i = 0; i < POOL; i++) {
            free.add(new float[channels][BLOCK]);
        }
        CompletableFuture<Double> tp = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                TruePeakDetector[] d = new TruePeakDetector[channels];
                for (int c = 0; c < channels; c++) {
                    d[c] = new TruePeakDetector(a.sampleRate());
                }
                while (true) {
                    Block b = full.take();
                    if (b.frames() < 0) {
                        break;
                    }
                    for (int c = 0; c < channels; c++) {
                        d[c].accept(b.data()[c], 0, b.frames());
                    }
                    free.put(b.data());
                }
                double peak = 0;
                for (TruePeakDetector x : d) {
                    peak = Math.max(peak, x.peak());
                }
                tp.complete(peak);
            } catch (Throwable e) {
                tp.completeExceptionally(e);
            }
        }, "true-peak " + file.getFileName());
        t.setDaemon(true);
        t.start();
        LoudnessMeter m = new LoudnessMeter(channels, a.sampleRate(), false, false);
        try {
            try {
                while (true) {
                    float[][] buf;
                    while ((buf = free.poll(50, TimeUnit.MILLISECONDS)) == null) {
                        if (tp.isDone()) {
                            return m.result(tp.get()); // failed early: get() throws its cause
                        }
                    }
                    int r = a.read(buf, 0, BLOCK);
                    if (r <= 0) {
                        break;
                    }
                    m.accept(buf, r);
                    full.put(new Block(buf, r));
                }
            } finally {
                full.put(new Block(null, -1)); // never blocks: the queue holds every buffer plus this
            }
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
