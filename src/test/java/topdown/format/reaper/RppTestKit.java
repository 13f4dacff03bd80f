package topdown.format.reaper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import topdown.audio.io.AudioFiles;
import topdown.audio.io.AudioSource;
import topdown.audio.io.WavWriter;
import topdown.format.ReadResult;
import topdown.model.Bus;
import topdown.model.BusId;
import topdown.model.Carry;
import topdown.model.Session;
import topdown.model.Track;

/**
 * Test helpers for Reaper projects: a small project generator (TopDown's own text, real WAVs synthesised by the
 * caller), chunk-tree diffs keyed by track GUID, folder depth checks and audio measurements.
 */
final class RppTestKit {
    private RppTestKit() {
    }

    /** One generated track: name, media file relative to the project (or null), ISBUS text, fader dB, pan. */
    record T(String name, String file, double lengthSeconds, String isbus, double faderDb, double pan) {
        static T plain(String name, String file, double len) {
            return new T(name, file, len, "0 0", 0, 0);
        }
    }

    static String project(int rate, List<T> tracks) {
        StringBuilder sb = new StringBuilder();
        sb.append("<REAPER_PROJECT 0.1 \"7.14/linux-x86_64\" 1733408379\n");
        sb.append("  RIPPLE 0\n  SAMPLERATE ").append(rate).append(" 0 0\n  TEMPO 120 4 4\n  PANLAW 1\n");
        sb.append("  MASTER_NCH 2 2\n  MASTER_VOLUME 1 0 -1 -1 1\n  MASTERMUTESOLO 0\n");
        int n = 0;
        for (T t : tracks) {
            n++;
            String g = String.format("{00000000-0000-4000-8000-%012d}", n);
            sb.append("  <TRACK ").append(g).append('\n');
            sb.append("    NAME \"").append(t.name()).append("\"\n");
            sb.append("    VOLPAN ").append(ReaperFormat.fmt(Math.pow(10, t.faderDb() / 20))).append(' ')
                    .append(ReaperFormat.fmt(t.pan())).append(" -1 -1 1\n");
            sb.append("    MUTESOLO 0 0 0\n    IPHASE 0\n    ISBUS ").append(t.isbus()).append('\n');
            sb.append("    NCHAN 2\n    FX 1\n    TRACKID ").append(g).append("\n    MAINSEND 1 0\n");
            if (t.file() != null) {
                sb.append("    <ITEM\n      POSITION 0\n      LENGTH ").append(ReaperFormat.fmt(t.lengthSeconds()))
                        .append("\n      MUTE 0 0\n      IGUID ").append(String.format("{00000000-0000-4000-9000-%012d}", n))
                        .append("\n      NAME \"").append(t.name()).append("\"\n      VOLPAN 1 0 1 -1\n      SOFFS 0\n")
                        .append("      GUID ").append(String.format("{00000000-0000-4000-a000-%012d}", n))
                        .append("\n      <SOURCE WAVE\n        FILE \"").append(t.file()).append("\"\n      >\n    >\n");
            }
            sb.append("  >\n");
        }
        sb.append(">\n");
        return sb.toString();
    }

    /** A sine of {@code hz} at a peak amplitude, stereo, written as 24-bit WAV. */
    static void sine(Path file, int rate, double seconds, double hz, double amplitude) throws IOException {
        int n = (int) Math.round(seconds * rate);
        float[][] a = new float[2][n];
        for (int i = 0; i < n; i++) {
            a[0][i] = a[1][i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        Files.createDirectories(file.getParent());
        WavWriter.writeAll(file, a, rate, WavWriter.Encoding.FLOAT32);
    }

    /** RMS of a WAV's first channel between two times (seconds). */
    static double rms(Path wav, double from, double to) throws IOException {
        try (AudioSource a = AudioFiles.open(wav)) {
            long start = Math.round(from * a.sampleRate());
            long end = Math.min(a.frames(), Math.round(to * a.sampleRate()));
            a.seek(start);
            float[][] buf = new float[a.channels()][4096];
            double sum = 0;
            long n = 0;
            while (start + n < end) {
                int want = (int) Math.min(4096, end - start - n);
                int got = a.read(buf, 0, want);
                if (got <= 0) {
                    break;
                }
                for (int i = 0; i < got; i++) {
                    sum += buf[0][i] * (double) buf[0][i];
                }
                n += got;
            }
            return n == 0 ? 0 : Math.sqrt(sum / n);
        }
    }

    // ------------------------------------------------------------------ chunk trees

    static RppParser.Doc doc(Path f) throws IOException {
        return RppParser.parse(f, Files.readAllBytes(f));
    }

    static List<RppNode> tracks(RppParser.Doc d) {
        return d.root().tag().equals("TRACK") ? d.blocks() : d.root().nodes("TRACK");
    }

    static String guid(RppNode track) {
        // Track templates write a bare <TRACK header: their TRACKID line names them.
        return track.args().isEmpty() ? String.join("", track.values("TRACKID")) : track.args().get(0);
    }

    /** Every line of a chunk, nested chunks included, trimmed. */
    static List<String> flat(RppNode n) {
        List<String> out = new ArrayList<>();
        out.add(n.headerLine().text().trim());
        for (Object c : n.children()) {
            if (c instanceof RppNode) {
                out.addAll(flat((RppNode) c));
            } else {
                out.add(((RppNode.Line) c).text().trim());
            }
        }
        out.add(">");
        return out;
    }

    /** Project-level lines and chunks that are not tracks. */
    static List<String> projectLevel(RppParser.Doc d) {
        List<String> out = new ArrayList<>();
        if (d.root().tag().equals("TRACK")) {
            return out;
        }
        out.add(d.root().headerLine().text().trim());
        for (Object c : d.root().children()) {
            if (c instanceof RppNode) {
                if (!((RppNode) c).tag().equals("TRACK")) {
                    out.addAll(flat((RppNode) c));
                }
            } else {
                out.add(((RppNode.Line) c).text().trim());
            }
        }
        return out;
    }

    /**
     * The differences between two projects' chunk trees: "-where: line" for removed and "+where: line" for added
     * lines, where {@code where} is "project", a track GUID, or "new track GUID" for track chunks only in b
     * (then each of its lines is listed as added), "removed track GUID" for chunks only in a.
     */
    static List<String> diff(Path a, Path b) throws IOException {
        RppParser.Doc da = doc(a);
        RppParser.Doc db = doc(b);
        List<String> out = new ArrayList<>();
        lineDiff("project", projectLevel(da), projectLevel(db), out);
        Map<String, RppNode> ta = new LinkedHashMap<>();
        for (RppNode t : tracks(da)) {
            ta.put(guid(t), t);
        }
        Map<String, RppNode> tb = new LinkedHashMap<>();
        for (RppNode t : tracks(db)) {
            tb.put(guid(t), t);
        }
        for (Map.Entry<String, RppNode> e : ta.entrySet()) {
            RppNode other = tb.get(e.getKey());
            if (other == null) {
                out.add("removed track " + e.getKey());
            } else {
                lineDiff(e.getKey(), flat(e.getValue()), flat(other), out);
            }
        }
        for (Map.Entry<String, RppNode> e : tb.entrySet()) {
            if (!ta.containsKey(e.getKey())) {
                out.add("new track " + e.getKey());
            }
        }
        return out;
    }

    private static void lineDiff(String where, List<String> a, List<String> b, List<String> out) {
        int pre = 0;
        while (pre < a.size() && pre < b.size() && a.get(pre).equals(b.get(pre))) {
            pre++;
        }
        int suf = 0;
        while (suf < a.size() - pre && suf < b.size() - pre && a.get(a.size() - 1 - suf).equals(b.get(b.size() - 1 - suf))) {
            suf++;
        }
        List<String> x = a.subList(pre, a.size() - suf);
        List<String> y = b.subList(pre, b.size() - suf);
        int[][] l = new int[x.size() + 1][y.size() + 1];
        for (int i = x.size() - 1; i >= 0; i--) {
            for (int j = y.size() - 1; j >= 0; j--) {
                l[i][j] = x.get(i).equals(y.get(j)) ? l[i + 1][j + 1] + 1 : Math.max(l[i + 1][j], l[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < x.size() || j < y.size()) {
            if (i < x.size() && j < y.size() && x.get(i).equals(y.get(j))) {
                i++;
                j++;
            } else if (j < y.size() && (i == x.size() || l[i][j + 1] >= l[i + 1][j])) {
                out.add("+" + where + ": " + y.get(j++));
            } else {
                out.add("-" + where + ": " + x.get(i++));
            }
        }
    }

    /** The first token of a diff entry's line ("VOLPAN", "ISBUS", …). */
    static String key(String diffEntry) {
        String line = diffEntry.substring(diffEntry.indexOf(": ") + 2);
        int sp = line.indexOf(' ');
        return sp < 0 ? line : line.substring(0, sp);
    }

    // ------------------------------------------------------------------ folders

    /** ISBUS deltas never go below zero and sum to zero; returns the number of folders. */
    static int assertValidDepths(Path f) throws IOException {
        int sum = 0;
        int folders = 0;
        for (RppNode t : tracks(doc(f))) {
            List<String> v = t.values("ISBUS");
            int a = (int) ReaperReader.num(v, 0, 0);
            int b = (int) ReaperReader.num(v, 1, 0);
            if (a == 1) {
                sum += 1;
                folders++;
            } else if (a == 2) {
                sum += b;
            }
            assertTrue(sum >= 0, f.getFileName() + ": folder depth below zero at '" + t.values("NAME") + "'");
        }
        assertEquals(0, sum, f.getFileName() + ": ISBUS depth changes sum to zero");
        return folders;
    }

    /** The GUID of the chunk a model track or bus came from. */
    static String guidOf(ReadResult r, Carry c) {
        if (!c.format().equals("reaper")) {
            return "";
        }
        String k = c.key().contains(":") ? c.key().substring(0, c.key().indexOf(':')) : c.key();
        return guid(tracks((RppParser.Doc) r.nativeDocument()).get(Integer.parseInt(k)));
    }

    /** Where each track and bus goes, by GUID: "master", "none" or the GUID of the folder (bus) chunk. */
    static Map<String, String> outputs(ReadResult r) {
        Session s = r.session();
        Map<String, String> out = new LinkedHashMap<>();
        for (Track t : s.tracks()) {
            if (!t.carry().key().contains(":")) {
                out.put(guidOf(r, t.carry()), where(r, t.output()));
            }
        }
        for (Bus b : s.buses()) {
            out.put(guidOf(r, b.carry()), where(r, b.output()));
        }
        return out;
    }

    static String where(ReadResult r, BusId id) {
        if (id == null) {
            return "none";
        }
        if (id.isMaster()) {
            return "master";
        }
        return guidOf(r, r.session().bus(id).orElseThrow().carry());
    }

    /** Sends as "source GUID -> receiving GUID". */
    static List<String> sends(ReadResult r) {
        List<String> out = new ArrayList<>();
        for (Track t : r.session().tracks()) {
            for (topdown.model.Send s : t.sends()) {
                out.add(guidOf(r, t.carry()) + " -> " + where(r, s.to()));
            }
        }
        for (Bus b : r.session().buses()) {
            for (topdown.model.Send s : b.sends()) {
                out.add(guidOf(r, b.carry()) + " -> " + where(r, s.to()));
            }
        }
        out.sort(null);
        return out;
    }

    static String text(Path f) throws IOException {
        return Files.readString(f, StandardCharsets.ISO_8859_1);
    }
}
