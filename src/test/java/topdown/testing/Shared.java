package topdown.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Test access to {@code ../shared} (corpus, multitrack songs, Ardour harness) and to outside tools.
 * Tests call {@link #dir()} / {@link #corpus()} / {@link #requireTool(String)} which skip the test with
 * a clear reason when the thing is absent.
 */
public final class Shared {
    private Shared() {
    }

    /** The shared folder: {@code <project>/../shared}, else {@code /work/shared}; skips when absent. */
    public static Path dir() {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p : new Path[] {root.resolve("../shared").normalize(), Path.of("/work/shared")}) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        assumeTrue(false, "../shared is not present beside the checkout: skipping corpus/multitrack test");
        return null;
    }

    public static Path corpus() {
        Path c = dir().resolve("corpus");
        assumeTrue(Files.isDirectory(c), "../shared/corpus is absent: skipping corpus test");
        return c;
    }

    public static Path multitrack() {
        Path c = dir().resolve("multitrack");
        assumeTrue(Files.isDirectory(c), "../shared/multitrack is absent: skipping multitrack test");
        return c;
    }

    /** True when an executable is on the PATH. */
    public static boolean hasTool(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
                return true;
            }
        }
        return false;
    }

    /** Skips the test unless the tool is installed ({@code .ci/run} installs it for CI). */
    public static void requireTool(String name) {
        assumeTrue(hasTool(name), name + " is not installed: skipping (CI installs it via .ci/run)");
    }

    /** Runs a command, returns its combined output; fails the test on a non-zero exit or a timeout. */
    public static String run(Path workDir, long timeoutSeconds, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + ": timed out");
        }
        String s = new String(out, java.nio.charset.StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + ": exit " + p.exitValue() + "\n" + s);
        }
        return s;
    }
}
