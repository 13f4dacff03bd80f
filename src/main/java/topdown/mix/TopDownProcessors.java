package topdown.mix;

import topdown.render.ProcessorFactory;

/**
 * The processors TopDown runs itself when rendering (inserts whose {@code topdownProcessor} names one of
 * them). Every other insert is listed as skipped by the renderer.
 */
public final class TopDownProcessors {
    private TopDownProcessors() {
    }

    public static ProcessorFactory factory() {
        return (insert, channels, rate) -> {
            String kind = insert.topdownProcessor();
            if (kind == null) {
                return null;
            }
            switch (kind) {
                case "topdown.gain": {
                    double g = Math.pow(10, insert.parameters().getOrDefault("gainDb", 0.0) / 20);
                    return (block, n) -> {
                        for (float[] c : block) {
                            for (int i = 0; i < n; i++) {
                                c[i] *= (float) g;
                            }
                        }
                    };
                }
                default:
                    return null;
            }
        };
    }
}
