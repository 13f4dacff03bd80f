package topdown.grouping;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import topdown.audio.io.AudioFiles;
import topdown.audio.io.AudioSource;
import topdown.testing.Shared;

/**
 * The audio model alone, on the shared multitrack songs with their names taken away (Audio 1..9).
 * Expected groups come from each song's spec.json roles: kick, snare, overheads = drums; bass = bass;
 * keys, pad = keys; guitar = guitars; lead = vocals (the lead line takes the vocal's place in the mix);
 * backing = backings.
 */
class AudioModelTest {
    static final String[] STEMS = {"kick", "snare", "overheads", "bass", "keys", "pad", "guitar", "lead", "backing"};
    static final Group[] WANT = {Group.DRUMS, Group.DRUMS, Group.DRUMS, Group.BASS, Group.KEYS, Group.KEYS, Group.GUITARS,
        Group.VOCALS, Group.BACKINGS};

    @Test
    void audioModelAloneOnTheMultitrackSongs() throws Exception {
        Path mt = Shared.multitrack();
        Map<Group, Map<Group, Integer>> confusion = new EnumMap<>(Group.class);
        int ok = 0;
        int total = 0;
        for (String song : new String[] {"pop120", "rock140", "soul90"}) {
            for (int i = 0; i < STEMS.length; i++) {
                try (AudioSource a = AudioFiles.open(mt.resolve(song).resolve(STEMS[i] + ".wav"))) {
                    AudioEvidence e = AudioFeatures.measure(a);
                    confusion.computeIfAbsent(WANT[i], k -> new EnumMap<>(Group.class)).merge(e.group(), 1, Integer::sum);
                    total++;
                    if (e.group() == WANT[i]) {
                        ok++;
                    } else {
                        System.out.println("  Audio " + (i + 1) + " (" + song + " " + STEMS[i] + "): " + e.describe());
                    }
                }
            }
        }
        StringBuilder m = new StringBuilder("audio model: " + ok + "/" + total + " correct; confusion (expected -> got):\n");
        confusion.forEach((w, row) -> m.append("  ").append(w.jsonName()).append(" -> ").append(row).append('\n'));
        System.out.print(m);
        assertTrue(ok >= 0.8 * total, m.toString());
    }
}
