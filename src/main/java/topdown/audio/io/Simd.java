package topdown.audio.io;

/**
 * Whether the SIMD kernels ({@link Pcm24Vector}, {@link DitherVector}) are used. They need the JVM started with
 * {@code --add-modules jdk.incubator.vector} (the {@code topdown} launcher, the bench scripts and the tests do)
 * and 256-bit vectors; {@code -Dtopdown.simd=false} turns them off. Either way the results are the same bits.
 *
 * <p>Vector code is fast only once C2 has compiled it: interpreted or C1-compiled, every vector operation
 * allocates. Warming the kernels up costs about 2 core-seconds (measured: a one-shot master render of the
 * 48-track, 5-minute benchmark session took 3.5 s with the kernels against 2.5 s without), and they save about
 * 0.85 ns per decoded sample and more per dithered output sample. So the work to come is announced
 * ({@link #expect}); once the announced samples pass {@code topdown.simd.after} (default 1.5 G, about 20 minutes
 * of 48 tracks at 48 kHz), a daemon thread drives each kernel over small buffers until the JIT has compiled it,
 * and {@link #on} holds from then. The scalar loops run until it does.
 */
public final class Simd {
    /** The module is there and the CPU has 256-bit vectors. */
    static final boolean AVAILABLE = available();
    private static final long AFTER = Long.getLong("topdown.simd.after", 1_500_000_000L);
    private static final java.util.concurrent.atomic.AtomicLong EXPECTED = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicBoolean STARTED =
            new java.util.concurrent.atomic.AtomicBoolean();
    private static volatile boolean ready;

    private Simd() {
    }

    /**
     * Announces {@code samples} samples of decoding or encoding to come (frames times channels); starts the
     * warm-up once the total passes the threshold.
     */
    public static void expect(long samples) {
        if (AVAILABLE && EXPECTED.addAndGet(Math.max(0, samples)) >= AFTER && STARTED.compareAndSet(false, true)) {
            Thread t = new Thread(Simd::warmUp, "simd warm-up");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Use the SIMD kernels now. */
    static boolean on() {
        return AVAILABLE && ready;
    }

    /** The module is there, SIMD is not turned off and the CPU has 256-bit vectors. */
    static boolean available() {
        if (!Boolean.parseBoolean(System.getProperty("topdown.simd", "true"))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            return Pcm24Vector.usable();
        } catch (LinkageError e) {
            return false;
        }
    }

    /**
     * Enough calls and loop trips for C2 on every kernel (tier 4 compiles a method after 600 calls once calls
     * plus back edges pass 15,000): 1,000 calls of 32 vectors each.
     */
    private static void warmUp() {
        int n = 256;
        byte[] raw = new byte[6 * n + 64];
        float[] l = new float[n];
        float[] r = new float[n];
        double[] d = new double[2 * n];
        long[] state = new long[Dither.LANES];
        java.util.Arrays.fill(state, 1);
        for (int i = 0; i < 1_000; i++) {
            raw[i % raw.length] = (byte) i;
            Pcm24Vector.mono(raw, 0, l, 0, n);
            Pcm24Vector.stereo(raw, 0, l, r, 0, n);
            DitherVector.groups(state, d, 0, 2 * n / Dither.LANES);
            Pcm24Vector.encodeStereo(l, r, 0, n, d, n, raw, 0);
        }
        ready = true;
    }
}
