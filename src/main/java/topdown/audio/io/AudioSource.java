package topdown.audio.io;

import java.io.Closeable;
import java.io.IOException;

/**
 * A streaming, seekable source of audio frames, read in blocks as float samples (full scale ±1.0),
 * de-interleaved: {@code buffer[channel][offset + i]}.
 */
public interface AudioSource extends Closeable {
    int channels();

    int sampleRate();

    /** Total frames, or -1 when unknown. */
    long frames();

    /** Bits per sample as stored (for reports; 32 for float). */
    int bitsPerSample();

    /** Short codec name: "pcm", "float", "flac", "aiff". */
    String codec();

    /** Moves the read position to a frame (0-based). */
    void seek(long frame) throws IOException;

    /**
     * Reads up to {@code frames} frames into {@code buffer[c][offset..]}. Returns frames read, or -1 at
     * the end of the audio.
     */
    int read(float[][] buffer, int offset, int frames) throws IOException;

    /** BWF time reference (sample position since midnight or the session origin), -1 when absent. */
    default long timeReference() {
        return -1;
    }
}
