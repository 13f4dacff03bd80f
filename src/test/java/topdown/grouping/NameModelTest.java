package topdown.grouping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Accuracy of the name model on the labelled set in fixtures/grouping/track-names.tsv. */
class NameModelTest {
    @Test
    void accuracyOnTheLabelledNames() throws Exception {
        Path f = Path.of(System.getProperty("user.dir"), "fixtures/grouping/track-names.tsv");
        List<String> lines = Files.readAllLines(f);
        NameModel m = new NameModel();
        Map<Group, int[]> per = new EnumMap<>(Group.class);
        int instrument = 0;
        int instrumentOk = 0;
        int none = 0;
        int noneOk = 0;
        StringBuilder misses = new StringBuilder();
        for (String line : lines.subList(1, lines.size())) {
            String[] p = line.split("\t");
            Group want = Group.valueOf(p[1].toUpperCase());
            NameModel.Guess g = m.guess(p[0]);
            int[] c = per.computeIfAbsent(want, k -> new int[2]);
            c[1]++;
            boolean ok = g.group() == want;
            if (ok) {
                c[0]++;
            }
            if (want == Group.OTHER) {
                none++;
                if (g.group() == Group.OTHER || g.confidence() < 0.5) {
                    noneOk++;
                } else {
                    misses.append("  ").append(p[0]).append(": ").append(g.group().jsonName()).append(" (other)\n");
                }
            } else {
                instrument++;
                if (ok) {
                    instrumentOk++;
                } else {
                    misses.append("  ").append(p[0]).append(": ").append(g.group().jsonName()).append(" (").append(p[1]).append(")\n");
                }
            }
        }
        StringBuilder rep = new StringBuilder("name model on " + (lines.size() - 1) + " labelled names\n");
        per.forEach((g, c) -> rep.append(String.format("  %-9s %3d/%3d = %5.1f%%%n", g.jsonName(), c[0], c[1], 100.0 * c[0] / c[1])));
        double accInstr = 100.0 * instrumentOk / instrument;
        double accNone = 100.0 * noneOk / none;
        rep.append(String.format("  names with an instrument word: %.1f%% (%d/%d); names without: other or low confidence %.1f%% (%d/%d)%n",
                accInstr, instrumentOk, instrument, accNone, noneOk, none));
        System.out.print(rep);
        System.out.print("misses:\n" + misses);
        assertTrue(lines.size() - 1 >= 500);
        assertTrue(accInstr >= 95.0, rep.toString());
        assertTrue(accNone >= 95.0, rep.toString());
    }

    @Test
    void classicTraps() {
        NameModel m = new NameModel();
        assertEquals(Group.DRUMS, m.guess("Bass Drum").group());
        assertEquals(Group.BASS, m.guess("Kick Bass").group());
        assertEquals(Group.BASS, m.guess("Synth Bass").group());
        assertEquals(Group.DRUMS, m.guess("Hi Hat").group());
        assertEquals(Group.STRINGS, m.guess("High Strings").group(), "'hi' only counts as hi-hat");
        assertEquals(Group.KEYS, m.guess("LeadSynth2").group());
        assertEquals(Group.OTHER, m.guess("Audio 14").group());
        assertTrue(m.guess("Track 3").confidence() < 0.5);
        assertEquals(List.of("lead", "vox", "2"), NameModel.tokens("LeadVox2"));
    }
}
