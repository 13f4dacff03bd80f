package topdown.report;

import java.io.PrintStream;

/**
 * Progress of long work on stderr: a redrawn bar on a terminal, plain lines (every 10%) otherwise,
 * so CI logs stay readable. Thread-safe; {@link #NONE} reports nothing.
 */
public interface Progress {
    Progress NONE = new Progress() {
        @Override
        public void start(String task, long total) {
        }

        @Override
        public void advance(long delta) {
        }

        @Override
        public void done() {
        }
    };

    void start(String task, long total);

    void advance(long delta);

    void done();

    static Progress stderr() {
        return new Console(System.err, System.console() != null && System.getenv("CI") == null);
    }

    /** The default implementation. */
    final class Console implements Progress {
        private final PrintStream out;
        private final boolean terminal;
        private String task = "";
        private long total;
        private long done;
        private int lastShown = -1;
        private long startNanos;

        public Console(PrintStream out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        @Override
        public synchronized void start(String task, long total) {
            this.task = task;
            this.total = Math.max(1, total);
            this.done = 0;
            this.lastShown = -1;
            this.startNanos = System.nanoTime();
            show();
        }

        @Override
        public synchronized void advance(long delta) {
            done = Math.min(total, done + delta);
            show();
        }

        private void show() {
            int pct = (int) (100 * done / total);
            if (terminal) {
                if (pct == lastShown) {
                    return;
                }
                int width = 30;
                int fill = pct * width / 100;
                out.print("\r" + task + " [" + "#".repeat(fill) + " ".repeat(width - fill) + "] " + pct + "%");
                out.flush();
            } else {
                int decile = pct / 10 * 10;
                if (decile == lastShown) {
                    return;
                }
                pct = decile;
                out.println(task + ": " + pct + "%");
            }
            lastShown = pct;
        }

        @Override
        public synchronized void done() {
            double secs = (System.nanoTime() - startNanos) / 1e9;
            if (terminal) {
                out.print("\r" + task + " done in " + String.format("%.1f s", secs) + " ".repeat(30) + "\n");
            } else {
                out.println(task + ": done in " + String.format("%.1f s", secs));
            }
            out.flush();
        }
    }
}
