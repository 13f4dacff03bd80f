package topdown.render;

/** A processor the renderer can run on a block of de-interleaved float audio, in place. */
public interface BlockProcessor {
    void process(float[][] block, int frames);

    default int latencySamples() {
        return 0;
    }
}
