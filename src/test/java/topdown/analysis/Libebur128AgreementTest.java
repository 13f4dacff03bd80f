package topdown.analysis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import topdown.testing.Shared;

/**
 * Agreement with libebur128 (the library loudgain and many players use), through a small C program
 * ({@code r128ref.c}, compiled here with gcc against the installed libebur128) fed by sox's own decoding
 * of each file to raw float: integrated loudness, LRA, max momentary and max short-term within 0.1 LU,
 * true peak within 0.2 dB, on {@link AgreementCorpus} (generated signals and the shared multitrack stems
 * and masters, each at 44.1, 48 and 96 kHz).
 *
 * <p>LRA: libebur128 takes a short-term value only once per second (its {@code ebur128_loudness_range}),
 * below the 10 Hz Tech 3342 requires, which on 20 s material moves the percentiles by whole LU. So
 * the 0.1 LU bound is applied to "LRA10": Tech 3342's gates and nearest-rank percentiles computed in the
 * C program from libebur128's short-term loudness read every 100 ms. libebur128's own 1 Hz LRA is
 * printed per file for information and held only to the EBU's LRA tolerance, 1 LU, on files of at least
 * 60 s (none here: Tech 3341 §2.4 calls LRA unstable before 60 s), i.e. it is not asserted.
 */
class Libebur128AgreementTest {
    @TempDir
    Path tmp;

    record Ref(double integrated, double lra, double truePeak, double samplePeak, double momentaryMax,
               double shortTermMax, double lra10, long frames) {
    }

    static Path compile(Path dir) throws Exception {
        Path src = dir.resolve("r128ref.c");
        try (InputStream in = Libebur128AgreementTest.class.getResourceAsStream("r128ref.c")) {
            Files.copy(in, src);
        }
        Path exe = dir.resolve("r128ref");
        Shared.run(dir, 120, "gcc", "-O2", "-o", exe.toString(), src.toString(), "-lebur128", "-lm");
        return exe;
    }

    static Ref libebur128(Path exe, Path file, Path scratch) throws Exception {
        String info = Shared.run(null, 60, "soxi", file.toString());
        int ch = Integer.parseInt(grab(info, "Channels\\s*:\\s*(\\d+)"));
        int rate = Integer.parseInt(grab(info, "Sample Rate\\s*:\\s*(\\d+)"));
        Path raw = scratch.resolve(file.getFileName() + ".f32");
        Shared.run(null, 120, "sox", "-V1", file.toString(), "-t", "raw", "-e", "floating-point", "-b", "32", "-L",
                raw.toString());
        String[] v = Shared.run(null, 120, exe.toString(), raw.toString(), String.valueOf(ch), String.valueOf(rate))
                .trim().split("\\s+");
        Files.delete(raw);
        return new Ref(num(v[0]), num(v[1]), num(v[2]), num(v[3]), num(v[4]), num(v[5]), num(v[6]), Long.parseLong(v[7]));
    }

    static double num(String s) {
        return switch (s) {
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "nan", "-nan" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    static String grab(String s, String re) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(re).matcher(s);
        if (!m.find()) {
            throw new AssertionError("not found: " + re + " in\n" + s);
        }
        return m.group(1);
    }

    /** Worst absolute difference per quantity and rate, for the table in docs/analysis.md. */
    static final class Worst {
        final Map<String, double[]> byQuantity = new TreeMap<>();

        void add(String quantity, int rate, double ours, double ref) {
            double[] w = byQuantity.computeIfAbsent(quantity, k -> new double[AgreementCorpus.RATES.length]);
            for (int i = 0; i < AgreementCorpus.RATES.length; i++) {
                if (AgreementCorpus.RATES[i] == rate) {
                    w[i] = Math.max(w[i], Math.abs(ours - ref));
                }
            }
        }

        String table(String title) {
            StringBuilder sb = new StringBuilder(title + " worst |difference| by rate:\n");
            sb.append(String.format("  %-28s %10s %10s %10s%n", "quantity", "44.1 kHz", "48 kHz", "96 kHz"));
            byQuantity.forEach((q, w) -> sb.append(String.format("  %-28s %10.4f %10.4f %10.4f%n", q, w[0], w[1], w[2])));
            return sb.toString();
        }
    }

    @Test
    void agreesWithLibebur128() throws Exception {
        Shared.requireTool("gcc");
        Shared.requireTool("sox");
        Shared.requireTool("soxi");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/usr/include/ebur128.h"))
                || Files.exists(Path.of("/usr/local/include/ebur128.h")), "libebur128-dev is not installed: skipping");
        Path exe = compile(tmp);
        boolean multitrack = Files.isDirectory(Path.of("/work/shared/multitrack"))
                || Files.isDirectory(Path.of(System.getProperty("user.dir")).resolve("../shared/multitrack"));
        long t0 = System.nanoTime();
        List<AgreementCorpus.Item> items = AgreementCorpus.build(tmp, multitrack);
        System.out.printf("corpus built in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<String>> rows = new ArrayList<>();
        Worst worst = new Worst();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            for (AgreementCorpus.Item it : items) {
                rows.add(pool.submit(() -> compare(exe, it, worst, failures)));
            }
            StringBuilder table = new StringBuilder("TopDown vs libebur128 (ours-ref): file, rate, dI, dLRA10, dM, dS,"
                    + " dTP, dSP; libebur128's 1 Hz LRA and ours\n");
            for (Future<String> f : rows) {
                table.append(f.get());
            }
            System.out.print(table);
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("time in TopDown's meter %.1f s, in sox + libebur128 %.1f s (summed over 2 threads)%n",
                OURS_NS.get() / 1e9, REF_NS.get() / 1e9);
        System.out.print(worst.table("TopDown vs libebur128 on " + items.size() + " files,"));
        assertTrue(failures.isEmpty(), "disagreements with libebur128:\n" + String.join("\n", failures));
        assertTrue(items.size() >= 18, "corpus too small: " + items.size());
    }

    private static String compare(Path exe, AgreementCorpus.Item it, Worst worst, List<String> failures) throws Exception {
        Path scratch = exe.getParent();
        long t0 = System.nanoTime();
        LoudnessResult ours = Loudness.measure(it.file());
        long t1 = System.nanoTime();
        Ref ref = libebur128(exe, it.file(), scratch);
        long t2 = System.nanoTime();
        OURS_NS.addAndGet(t1 - t0);
        REF_NS.addAndGet(t2 - t1);
        String what = it.name() + " @" + it.rate();
        check(failures, what, "frames", ref.frames(), Math.round(ours.durationSeconds() * it.rate()), 0);
        check(failures, what, "integrated LU", ref.integrated(), ours.integratedLufs(), 0.1);
        check(failures, what, "LRA10 LU", ref.lra10(), ours.loudnessRangeLu(), 0.1);
        check(failures, what, "max momentary LU", ref.momentaryMax(), ours.momentaryMaxLufs(), 0.1);
        check(failures, what, "max short-term LU", ref.shortTermMax(), ours.shortTermMaxLufs(), 0.1);
        check(failures, what, "true peak dB", ref.truePeak(), ours.truePeakDbtp(), 0.2);
        check(failures, what, "sample peak dB", ref.samplePeak(), ours.samplePeakDbfs(), 0.001);
        synchronized (worst) {
            worst.add("integrated (LU)", it.rate(), ours.integratedLufs(), ref.integrated());
            worst.add("LRA, 10 Hz (LU)", it.rate(), ours.loudnessRangeLu(), ref.lra10());
            worst.add("LRA, lib's 1 Hz (LU)", it.rate(), ours.loudnessRangeLu(), ref.lra());
            worst.add("max momentary (LU)", it.rate(), ours.momentaryMaxLufs(), ref.momentaryMax());
            worst.add("max short-term (LU)", it.rate(), ours.shortTermMaxLufs(), ref.shortTermMax());
            worst.add("true peak (dB)", it.rate(), ours.truePeakDbtp(), ref.truePeak());
            worst.add("sample peak (dB)", it.rate(), ours.samplePeakDbfs(), ref.samplePeak());
        }
        return String.format("  %-28s %5d  I %+.4f  LRA10 %+.4f  M %+.4f  S %+.4f  TP %+.4f  SP %+.5f   (I %.2f, LRA1Hz %.2f / %.2f)%n",
                it.name(), it.rate(), ours.integratedLufs() - ref.integrated(), ours.loudnessRangeLu() - ref.lra10(),
                ours.momentaryMaxLufs() - ref.momentaryMax(), ours.shortTermMaxLufs() - ref.shortTermMax(),
                ours.truePeakDbtp() - ref.truePeak(), ours.samplePeakDbfs() - ref.samplePeak(), ref.integrated(),
                ref.lra(), ours.loudnessRangeLu());
    }

    static final java.util.concurrent.atomic.AtomicLong OURS_NS = new java.util.concurrent.atomic.AtomicLong();
    static final java.util.concurrent.atomic.AtomicLong REF_NS = new java.util.concurrent.atomic.AtomicLong();

    static void check(List<String> failures, String what, String quantity, double ref, double ours, double tol) {
        boolean ok = Double.isNaN(ref) ? Double.isNaN(ours) : Math.abs(ours - ref) <= tol || ours == ref;
        if (!ok) {
            failures.add(String.format("%s %s: ours %.4f, reference %.4f (bound %.3f)", what, quantity, ours, ref, tol));
        }
    }
}
