package topdown.dsp;

import java.util.concurrent.ForkJoinTask;

/**
 * Runs two independent pieces of work at once: the second is forked (to the caller's fork-join pool, such as the
 * renderer's workers, or the common pool), the first runs on the calling thread, then both are done. For the
 * per-channel halves of a processor whose channels do not touch each other's state (the results are the same
 * bits as one after the other).
 */
public final class Both {
    /** Below this many samples per half the fork costs more than it saves. */
    public static final int MIN_SAMPLES = 2048;

    private Both() {
    }

    public static void run(Runnable first, Runnable second) {
        ForkJoinTask<?> t = ForkJoinTask.adapt(second).fork();
        try {
            first.run();
        } finally {
            t.join();
        }
    }
}
