package topdown.format.aaf;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import topdown.format.SessionFormats;
import topdown.model.Clip;
import topdown.model.Session;
import topdown.testing.Shared;

/**
 * The AAFs from Logic, Resolve 18.5, Media Composer (OpenTimelineIO's adapter tests) and Pro Tools
 * (pyaaf2's tests) against current LibAAF's clip listings ({@code corpus/aaf/libaaf-current/*.txt}):
 * per track, each clip's start, length, source offset, and whether it has a fade in / fade out.
 */
class AafLibAafCurrentTest {
    private static final Map<String, String> FILES = Map.of(
            "LogicPro 10.7.4.5614.AAF", "libaaf-history/LogicPro 10.7.4.5614.AAF",
            "Resolve 18.5.aaf", "libaaf-history/Resolve 18.5.aaf",
            "multitrack.aaf", "otio-aaf-adapter/multitrack.aaf",
            "simple.aaf", "otio-aaf-adapter/simple.aaf",
            "transitions.aaf", "otio-aaf-adapter/transitions.aaf",
            "one_audio_clip.aaf", "otio-aaf-adapter/one_audio_clip.aaf",
            "utf8.aaf", "otio-aaf-adapter/utf8.aaf",
            "sector_size_512.aaf", "pyaaf2/sector_size_512.aaf",
            "test_file_01.aaf", "pyaaf2/test_file_01.aaf");
    private static final Pattern CLIP = Pattern.compile("Clip:\\d+\\s+Channel: \\d+.*?Start: (-?\\d+)\\s+Len: (\\d+)"
            + "\\s+End: -?\\d+\\s+Fadein: (\\S+)\\s+Fadeout: (\\S+)\\s+SrcOffset: (-?\\d+)");

    @Test
    void clipsMatchCurrentLibAaf() throws Exception {
        Path corpus = Shared.corpus().resolve("aaf");
        List<String> failures = new ArrayList<>();
        int clips = 0;
        for (Map.Entry<String, String> f : FILES.entrySet()) {
            Path txt = corpus.resolve("libaaf-current/" + f.getKey() + ".txt");
            List<List<String[]>> want = new ArrayList<>();
            long compStart = 0;
            long endEu = 0;
            long endNum = 0;
            long endDen = 1;
            long endSamples = 0;
            boolean pendingXfadeIn = false;
            for (String line : Files.readAllLines(txt)) {
                if (line.contains("Composition Start (samples)")) {
                    compStart = Long.parseLong(line.replaceAll(".*: *", "").trim());
                } else if (line.contains("Composition End (samples)")) {
                    endSamples = Long.parseLong(line.replaceAll(".*: *", "").trim());
                } else if (line.contains("Composition End (EU)")) {
                    Matcher m = Pattern.compile(": (\\d+) \\(EditRate: (\\d+)/(\\d+)\\)").matcher(line);
                    if (m.find()) {
                        endEu = Long.parseLong(m.group(1));
                        endNum = Long.parseLong(m.group(2));
                        endDen = Long.parseLong(m.group(3));
                    }
                } else if (line.matches("^Track\\s+\\(\\d+\\).*")) {
                    want.add(new ArrayList<>());
                } else if (line.trim().startsWith("xfade:") && !want.isEmpty() && !want.get(want.size() - 1).isEmpty()) {
                    // A crossfade: TopDown holds it as the fade out of the clip before and the fade in of the next.
                    List<String[]> tr = want.get(want.size() - 1);
                    tr.get(tr.size() - 1)[3] = "XFADE";
                    pendingXfadeIn = true;
                } else {
                    Matcher m = CLIP.matcher(line);
                    if (m.find() && !want.isEmpty()) {
                        want.get(want.size() - 1).add(new String[] {m.group(1), m.group(2),
                                pendingXfadeIn ? "XFADE" : m.group(3), m.group(4), m.group(5)});
                        pendingXfadeIn = false;
                    }
                }
            }
            double rate = Math.round(endSamples / (endEu * (double) endDen / endNum));
            Session s = SessionFormats.read(corpus.resolve(f.getValue())).session();
            String name = f.getKey();
            if (want.size() != s.tracks().size()) {
                failures.add(name + ": " + want.size() + " tracks expected, " + s.tracks().size() + " read");
                continue;
            }
            double tol = 1.0 / Math.min(rate, s.sampleRate()) + 1e-9;
            for (int t = 0; t < want.size(); t++) {
                List<Clip> got = s.tracks().get(t).clips();
                if (got.size() != want.get(t).size()) {
                    failures.add(name + " track " + (t + 1) + ": " + want.get(t).size() + " clips expected, " + got.size());
                    continue;
                }
                for (int c = 0; c < got.size(); c++) {
                    String[] w = want.get(t).get(c);
                    Clip k = got.get(c);
                    clips++;
                    String where = name + " track " + (t + 1) + " clip " + (c + 1) + ": ";
                    double start = (Long.parseLong(w[0]) - compStart) / rate;
                    check(failures, where + "start", s.seconds(k.positionSamples()), start, tol);
                    check(failures, where + "length", s.seconds(k.lengthSamples()), Long.parseLong(w[1]) / rate, tol);
                    check(failures, where + "offset", s.seconds(k.offsetSamples()), Long.parseLong(w[4]) / rate, tol);
                    if (!k.fadeIn().isNone() != !w[2].equals("none")) {
                        failures.add(where + "fade in " + k.fadeIn() + ", LibAAF " + w[2]);
                    }
                    if (!k.fadeOut().isNone() != !w[3].equals("none")) {
                        failures.add(where + "fade out " + k.fadeOut() + ", LibAAF " + w[3]);
                    }
                }
            }
        }
        System.out.println("AAF vs current LibAAF: " + clips + " clips compared, " + failures.size() + " differences");
        failures.forEach(x -> System.out.println("  " + x));
        assertTrue(clips > 100, "clips compared: " + clips);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static void check(List<String> failures, String what, double got, double want, double tol) {
        if (Math.abs(got - want) > tol) {
            failures.add(what + " " + got + " s, LibAAF " + want + " s");
        }
    }
}
