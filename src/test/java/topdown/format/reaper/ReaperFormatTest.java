package topdown.format.reaper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import topdown.format.ReadResult;
import topdown.format.SessionFormatException;
import topdown.format.SessionFormats;
import topdown.model.Bus;
import topdown.model.BusId;
import topdown.model.Gain;
import topdown.model.Pan;
import topdown.model.Session;
import topdown.model.Track;
import topdown.testing.Shared;

class ReaperFormatTest {
    @TempDir
    Path tmp;

    static List<Path> corpus() throws Exception {
        try (Stream<Path> s = Files.walk(Shared.corpus().resolve("reaper"))) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase();
                return n.endsWith(".rpp") || n.endsWith(".rpp-bak") || n.endsWith(".rtracktemplate");
            }).sorted().toList();
        }
    }

    @Test
    void everyCorpusProjectReadsAndRoundTripsByteForByte() throws Exception {
        List<Path> files = corpus();
        assertTrue(files.size() >= 30, "Reaper corpus: " + files.size());
        for (Path f : files) {
            ReadResult r = SessionFormats.read(f);
            assertEquals("reaper", r.format().id());
            Path out = tmp.resolve("rt-" + Math.abs(f.toString().hashCode()) + ".rpp");
            r.format().write(r, r.session(), out);
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(out), f + " changed in a no-edit write");
        }
    }

    @Test
    void foldersBecomeGroupBusesWithValidDepth() throws Exception {
        Path f = Shared.corpus().resolve("reaper/jonch070-reaper-config/Film Template 1.2.RPP");
        Session s = SessionFormats.read(f).session();
        assertEquals(3, s.buses().stream().filter(b -> b.kind() == topdown.model.BusKind.GROUP).count());
        for (Track t : s.tracks()) {
            assertTrue(t.output() == null || t.output().isMaster() || s.bus(t.output()).isPresent(), t.name());
        }
        // Depths sum to zero in the file, and every track sits in the folder it follows.
        int sum = 0;
        for (String line : Files.readAllLines(f, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            String t = line.trim();
            if (t.startsWith("ISBUS ")) {
                String[] v = t.split("\\s+");
                sum += Integer.parseInt(v[1]) == 1 ? 1 : Integer.parseInt(v[1]) == 2 ? Integer.parseInt(v[2]) : 0;
            }
        }
        assertEquals(0, sum);
    }

    @Test
    void editsChangeOnlyTheirLines() throws Exception {
        Path f = Shared.corpus().resolve("reaper/felipeclaro654-audiotest/Paranoid.RPP");
        ReadResult r = SessionFormats.read(f);
        Session s = r.session();
        Track t = s.tracks().get(1);
        Session edited = s.withTrack(t.id(), x -> x.withFader(Gain.ofDb(-6)).withPan(Pan.of(0.25)).withMute(true));
        Path out = tmp.resolve("edit.RPP");
        r.format().write(r, edited, out);
        List<String> a = Files.readAllLines(f, java.nio.charset.StandardCharsets.ISO_8859_1);
        List<String> b = Files.readAllLines(out, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(a.size(), b.size());
        int changed = 0;
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                changed++;
                assertTrue(b.get(i).trim().startsWith("VOLPAN") || b.get(i).trim().startsWith("MUTESOLO"), b.get(i));
            }
        }
        assertEquals(2, changed);
        Track back = SessionFormats.read(out).session().tracks().get(1);
        assertEquals(-6, back.fader().db(), 1e-9);
        assertEquals(0.25, back.pan().position(), 1e-12);
        assertTrue(back.mute());
    }

    @Test
    void hostileProjectsFailCleanly() throws Exception {
        Path unclosed = tmp.resolve("unclosed.RPP");
        Files.writeString(unclosed, "<REAPER_PROJECT 0.1 \"6.0\" 0\n  <TRACK\n    NAME x\n  <ITEM\n    POSITION 0\n>\n");
        Path binary = tmp.resolve("binary.RPP");
        Files.write(binary, new byte[] {'<', 'R', 0, 1, 2, 3});
        Path deep = tmp.resolve("deep.RPP");
        Files.writeString(deep, "<REAPER_PROJECT\n" + "<X\n".repeat(200) + ">\n".repeat(201));
        Path longLine = tmp.resolve("long.RPP");
        Files.writeString(longLine, "<REAPER_PROJECT\n  NAME " + "x".repeat(RppParser.MAX_LINE + 10) + "\n>\n");
        Path text = tmp.resolve("text.RPP");
        Files.writeString(text, "hello world\n");
        for (Path p : List.of(unclosed, binary, deep, longLine, text)) {
            SessionFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(SessionFormatException.class, () -> SessionFormats.read(p)));
            assertTrue(e.getMessage().startsWith(p.getFileName().toString()), e.getMessage());
        }
        assertTrue(assertThrows(SessionFormatException.class, () -> SessionFormats.read(unclosed)).getMessage()
                .contains("line 2: <TRACK block not closed"));
    }

    @Test
    void mediaPathsResolveAcrossPlatforms() throws Exception {
        Path folder = tmp.resolve("proj");
        Files.createDirectories(folder.resolve("Audio"));
        Files.writeString(folder.resolve("Audio/take1.wav"), "x");
        assertEquals(folder.resolve("Audio/take1.wav"), ReaperReader.locate(folder, "C:\\Users\\me\\Songs\\Audio\\take1.wav"));
        assertEquals(folder.resolve("Audio/take1.wav"), ReaperReader.locate(folder, "/Users/me/Music/take1.wav"));
        assertEquals(folder.resolve("Audio/take1.wav"), ReaperReader.locate(folder, "Audio/take1.wav"));
        assertEquals(null, ReaperReader.locate(folder, "D:\\nothing\\here.wav"));
    }

    static BusId unused() {
        return null;
    }

    static Bus unusedBus() {
        return null;
    }
}
