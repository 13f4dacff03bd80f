package topdown.analysis;

import java.io.IOException;
import java.nio.file.Path;
import topdown.audio.io.AudioFiles;
import topdown.audio.io.AudioSource;

/** Convenience: measure a whole audio file in blocks. */
public final class Loudness {
    private Loudness() {
    }

    public static LoudnessResult measure(Path file) throws IOException {
        try (AudioSource a = AudioFiles.open(file)) {
            return measure(a);
        }
    }

    public static LoudnessResult measure(AudioSource a) throws IOException {
        LoudnessMeter m = new LoudnessMeter(a.channels(), a.sampleRate());
        float[][] buf = new float[a.channels()][16384];
        int r;
        while ((r = a.read(buf, 0, buf[0].length)) > 0) {
            m.accept(buf, r);
        }
        return m.result();
    }
}
