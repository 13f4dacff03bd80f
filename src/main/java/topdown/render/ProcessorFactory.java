package topdown.render;

import topdown.model.Insert;

/** Makes TopDown's own processors runnable; returns null for inserts it cannot run (they are skipped). */
@FunctionalInterface
public interface ProcessorFactory {
    BlockProcessor create(Insert insert, int channels, int sampleRate);
}
