package topdown.format.ardour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import topdown.audio.io.AudioFiles;
import topdown.audio.io.AudioSource;
import topdown.audio.io.WavWriter;
import topdown.format.ReadResult;
import topdown.format.SessionFormatException;
import topdown.format.SessionFormats;
import topdown.format.xml.SafeXml;
import topdown.model.Bus;
import topdown.model.Clip;
import topdown.model.Gain;
import topdown.model.Pan;
import topdown.model.Session;
import topdown.model.Track;
import topdown.render.RenderRequest;
import topdown.render.RenderResult;
import topdown.render.SessionRenderer;
import topdown.render.StemKind;
import topdown.report.Progress;
import topdown.testing.Shared;

class ArdourFormatTest {
    @TempDir
    Path tmp;

    static List<Path> corpusSessions() throws Exception {
        Path c = Shared.corpus();
        try (Stream<Path> s = Files.walk(c)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".ardour") || n.endsWith(".template");
            }).sorted().toList();
        }
    }

    @Test
    void everyCorpusArdourSessionReads() throws Exception {
        List<Path> files = corpusSessions();
        assertTrue(files.size() >= 20, "Ardour corpus: " + files.size());
        StringBuilder table = new StringBuilder("| file | version | tracks | buses | regions | warnings |\n|---|---|---|---|---|---|\n");
        for (Path f : files) {
            ReadResult r = SessionFormats.read(f);
            Session s = r.session();
            assertEquals("ardour", r.format().id());
            int regions = s.tracks().stream().mapToInt(t -> t.clips().size()).sum();
            table.append(String.format("| %s | %s | %d | %d | %d | %d |%n", Shared.corpus().relativize(f), s.formatVersion(),
                    s.tracks().size(), s.buses().size(), regions, s.warnings().size()));
        }
        System.out.print(table);
    }

    @Test
    void pop120ModelMatchesTheSpec() throws Exception {
        Path f = Shared.corpus().resolve("ardour-generated/pop120/pop120.ardour");
        Session s = SessionFormats.read(f).session();
        JsonNode spec = new ObjectMapper().readTree(Shared.multitrack().resolve("pop120/ardour_spec.json").toFile());
        for (JsonNode t : spec.get("tracks")) {
            Track tr = s.trackNamed(t.get("name").asText()).orElseThrow();
            assertEquals(t.path("gain_db").asDouble(0), tr.fader().db(), 1e-4, tr.name() + " fader");
            double az = t.path("pan").asDouble(0.5);
            assertEquals(2 * az - 1, tr.pan().position(), 1e-6, tr.name() + " pan");
            String out = t.path("output").asText("master");
            assertEquals(out, tr.output().isMaster() ? "master" : s.bus(tr.output()).map(Bus::name).orElse("?"), tr.name());
            assertEquals(t.get("regions").size(), tr.clips().size(), tr.name() + " regions");
        }
        assertEquals(spec.get("master").path("gain_db").asDouble(0), s.master().fader().db(), 1e-4);
        assertEquals(21.5, s.seconds(s.lengthSamples()), 1e-9, "session range end");
    }

    /** TopDown's render of pop120 against Ardour's own export of it (float WAV in the corpus). */
    @Test
    void pop120NullsAgainstArdoursExport() throws Exception {
        Path f = Shared.corpus().resolve("ardour-generated/pop120/pop120.ardour");
        ReadResult r = SessionFormats.read(f);
        RenderResult res = SessionRenderer.render(r, new RenderRequest(tmp, java.util.Set.of(StemKind.MASTER),
                WavWriter.Encoding.FLOAT32, 0, null, 0, 0), Progress.NONE);
        double peakDb = nullDepth(res.master(), Shared.corpus().resolve("ardour-generated/pop120/export/pop120_master_f32.wav"));
        System.out.printf("pop120: TopDown render minus Ardour export: %.1f dBFS peak%n", peakDb);
        assertTrue(peakDb < -120, "null depth " + peakDb);
    }

    static double nullDepth(Path a, Path b) throws Exception {
        try (AudioSource x = AudioFiles.open(a); AudioSource y = AudioFiles.open(b)) {
            assertEquals(x.frames(), y.frames(), "lengths");
            float[][] bx = new float[x.channels()][8192];
            float[][] by = new float[y.channels()][8192];
            double peak = 0;
            int r;
            while ((r = x.read(bx, 0, 8192)) > 0) {
                y.read(by, 0, r);
                for (int c = 0; c < bx.length; c++) {
                    for (int i = 0; i < r; i++) {
                        peak = Math.max(peak, Math.abs(bx[c][i] - by[c][i]));
                    }
                }
            }
            return peak == 0 ? -400 : 20 * Math.log10(peak);
        }
    }

    @Test
    void noEditWriteIsCanonicallyEqualForEveryCorpusSession() throws Exception {
        for (Path f : corpusSessions()) {
            ReadResult r = SessionFormats.read(f);
            Path out = tmp.resolve("rt-" + Math.abs(f.toString().hashCode()) + ".ardour");
            r.format().write(r, r.session(), out);
            assertEquals(canonical(SafeXml.parse(f)), canonical(SafeXml.parse(out)), f + " changed in a no-edit write");
        }
    }

    /** A canonical text of a DOM: elements with sorted attributes, text, comments, processing instructions. */
    static String canonical(Document d) {
        StringBuilder sb = new StringBuilder();
        canon(d.getDocumentElement(), sb);
        return sb.toString();
    }

    private static void canon(Node n, StringBuilder sb) {
        switch (n.getNodeType()) {
            case Node.ELEMENT_NODE: {
                sb.append('<').append(n.getNodeName());
                NamedNodeMap at = n.getAttributes();
                List<String> attrs = new ArrayList<>();
                for (int i = 0; i < at.getLength(); i++) {
                    attrs.add(at.item(i).getNodeName() + "=\"" + at.item(i).getNodeValue() + "\"");
                }
                java.util.Collections.sort(attrs);
                attrs.forEach(a -> sb.append(' ').append(a));
                sb.append('>');
                for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
                    canon(c, sb);
                }
                sb.append("</").append(n.getNodeName()).append('>');
                break;
            }
            case Node.TEXT_NODE:
            case Node.CDATA_SECTION_NODE:
                sb.append(n.getNodeValue());
                break;
            case Node.COMMENT_NODE:
                sb.append("<!--").append(n.getNodeValue()).append("-->");
                break;
            default:
                break;
        }
    }

    private Path sessionCopyWithRealAudio() throws Exception {
        Path dir = tmp.resolve("pop120");
        Path audio = dir.resolve("interchange/pop120/audiofiles");
        Files.createDirectories(audio);
        Files.copy(Shared.corpus().resolve("ardour-generated/pop120/pop120.ardour"), dir.resolve("pop120.ardour"));
        try (Stream<Path> s = Files.list(Shared.multitrack().resolve("pop120"))) {
            for (Path w : s.filter(p -> p.toString().endsWith(".wav")).toList()) {
                Files.createSymbolicLink(audio.resolve(w.getFileName()), w);
            }
        }
        return dir.resolve("pop120.ardour");
    }

    @Test
    void editsTouchOnlyTheirValuesAndRealArdourSeesThem() throws Exception {
        Path orig = sessionCopyWithRealAudio();
        byte[] before = Files.readAllBytes(orig);
        ReadResult r = SessionFormats.read(orig);
        Session s = r.session();
        Track kick = s.trackNamed("Kick").orElseThrow();
        Session edited = s.withTrack(kick.id(), t -> t.withFader(Gain.ofDb(-9.5)).withPan(Pan.of(0.5)).withMute(true));
        Path out = r.format().write(r, edited, orig.resolveSibling("topdown-edit.ardour"));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(orig)), "the original is untouched");
        // Re-read: exactly the edits.
        Session back = SessionFormats.read(out).session();
        Track k = back.trackNamed("Kick").orElseThrow();
        assertEquals(-9.5, k.fader().db(), 1e-6);
        assertEquals(0.5, k.pan().position(), 1e-9);
        assertTrue(k.mute());
        for (Track t : s.tracks()) {
            if (!t.name().equals("Kick")) {
                Track b = back.trackNamed(t.name()).orElseThrow();
                assertEquals(t.fader().db(), b.fader().db(), 1e-12, t.name());
                assertEquals(t.pan(), b.pan(), t.name());
                assertEquals(t.clips().size(), b.clips().size());
            }
        }
        // Canonical diff: only the touched attributes differ.
        String a = canonical(SafeXml.parse(orig));
        String b = canonical(SafeXml.parse(out));
        assertTrue(a.length() - b.length() < 40 && a.length() - b.length() > -40, "size changes only by the edited values");
        Shared.requireTool("ardour7-lua");
        Path json = tmp.resolve("check.json");
        Shared.run(null, 120, "python3", Shared.dir().resolve("tools/ardour-ref/ardour_ref.py").toString(), "check",
                out.toString(), "--brief", "--json", json.toString());
        JsonNode rep = new ObjectMapper().readTree(json.toFile());
        assertTrue(rep.get("accepted").asBoolean(), "Ardour loaded the snapshot");
        JsonNode kr = null;
        for (JsonNode route : rep.get("routes")) {
            if (route.get("name").asText().equals("Kick")) {
                kr = route;
            }
        }
        assertEquals(-9.5, kr.get("gain_db").asDouble(), 0.01);
        assertEquals(0.75, kr.get("pan").asDouble(), 1e-6);
        assertTrue(kr.get("muted").asBoolean());
        // Ardour's view of every route matches TopDown's model of the original for what was not edited.
        for (JsonNode route : rep.get("routes")) {
            String name = route.get("name").asText();
            if (name.equals("Kick") || !route.get("kind").asText().equals("track")) {
                continue;
            }
            Track t = s.trackNamed(name).orElseThrow();
            assertEquals(t.fader().db(), route.get("gain_db").asDouble(), 0.01, name);
            assertEquals((t.pan().position() + 1) / 2, route.get("pan").asDouble(), 1e-6, name);
            assertEquals(t.clips().size(), route.get("regions").size(), name);
            for (int i = 0; i < t.clips().size(); i++) {
                Clip c = t.clips().get(i);
                JsonNode reg = route.get("regions").get(i);
                assertEquals(c.positionSamples(), reg.get("position").asLong(), name + " region position");
                assertEquals(c.lengthSamples(), reg.get("length").asLong(), name + " region length");
            }
        }
    }

    @Test
    void newGroupBusesAndRoutingLoadInRealArdour() throws Exception {
        Path orig = sessionCopyWithRealAudio();
        Path out = orig.resolveSibling("grouped.ardour");
        topdown.cli.CliTestAccess.run("suggest-groups", orig.toString(), "--apply", "--out", out.toString(), "--no-audio");
        Session back = SessionFormats.read(out).session();
        Track bass = back.trackNamed("Bass").orElseThrow();
        assertEquals("Bass Bus", back.bus(bass.output()).orElseThrow().name(), "route names stay unique");
        assertEquals("Drums", back.bus(back.trackNamed("Kick").orElseThrow().output()).orElseThrow().name(),
                "existing sensible groups are kept");
        Shared.requireTool("ardour7-lua");
        Path json = tmp.resolve("grouped.json");
        Shared.run(null, 120, "python3", Shared.dir().resolve("tools/ardour-ref/ardour_ref.py").toString(), "check",
                out.toString(), "--brief", "--json", json.toString());
        JsonNode rep = new ObjectMapper().readTree(json.toFile());
        assertTrue(rep.get("accepted").asBoolean(), rep.toString());
        boolean bassRouted = false;
        for (JsonNode route : rep.get("routes")) {
            if (route.get("name").asText().equals("Bass")) {
                bassRouted = route.get("outputs").get(0).get("to").get(0).asText().equals("Bass Bus/audio_in 1");
            }
        }
        assertTrue(bassRouted, "Ardour sees the Bass track routed into the new Bass Bus");
    }

    /**
     * The top-down mix written back into Ardour: a new snapshot whose EQ and compressor moves are ACE
     * plugins with their parameter values, which real Ardour loads; what Ardour cannot hold (the true-peak
     * limiter, gain stages, the new stem tracks) is listed in session.loss.json.
     */
    @Test
    void mixWritesAceProcessorsThatRealArdourLoads() throws Exception {
        Path orig = sessionCopyWithRealAudio();
        Path out = tmp.resolve("mixed");
        topdown.cli.CliTestAccess.run("mix", orig.toString(), "--reference",
                Shared.multitrack().resolve("reference_master/pop120_loud_master.wav").toString(), "--target", "spotify",
                "--out", out.toString());
        Path snap = out.resolve("pop120.topdown.ardour");
        assertTrue(Files.exists(snap));
        JsonNode loss = new ObjectMapper().readTree(out.resolve("session.loss.json").toFile());
        assertTrue(loss.get("lost").toString().contains("True-Peak Limiter"), "the limiter is listed as lost");
        Shared.requireTool("ardour7-lua");
        Path json = tmp.resolve("mixcheck.json");
        Shared.run(null, 120, "python3", Shared.dir().resolve("tools/ardour-ref/ardour_ref.py").toString(), "check",
                snap.toString(), "--brief", "--json", json.toString());
        JsonNode rep = new ObjectMapper().readTree(json.toFile());
        assertTrue(rep.get("accepted").asBoolean(), rep.toString());
        int ace = 0;
        Session mixed = SessionFormats.read(out.resolve("pop120.topdown.json")).session();
        for (JsonNode route : rep.get("routes")) {
            for (JsonNode p : route.get("processors")) {
                if (p.path("unique_id").asText().startsWith("urn:ardour:a-")) {
                    ace++;
                }
            }
            if (route.get("kind").asText().equals("bus")) {
                Bus b = mixed.buses().stream().filter(x -> x.name().equals(route.get("name").asText())).findFirst().orElseThrow();
                assertEquals(b.fader().db(), route.get("gain_db").asDouble(), 0.01, b.name() + " fader");
            }
        }
        assertTrue(ace >= 2, "ACE plugins seen by Ardour: " + ace);
        int stemTracks = 0;
        for (JsonNode route : rep.get("routes")) {
            if (route.get("name").asText().startsWith("TopDown ")) {
                stemTracks++;
                assertTrue(route.get("muted").asBoolean(), "stem tracks are muted so they do not double the mix");
                assertEquals(1, route.get("regions").size());
                assertEquals(mixed.lengthSamples() > 0 ? mixed.lengthSamples() : 1032000,
                        route.get("regions").get(0).get("length").asLong());
            }
        }
        assertTrue(stemTracks >= 4, "processed group stems and master as tracks: " + stemTracks);
    }

    @Test
    void hostileXmlFailsFast() throws Exception {
        Path xxe = tmp.resolve("xxe.ardour");
        Files.writeString(xxe, "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Session version=\"7002\" sample-rate=\"48000\">&x;</Session>");
        Path bomb = tmp.resolve("bomb.ardour");
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY a \"aaaaaaaaaa\">");
        for (int i = 1; i < 10; i++) {
            sb.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        sb.append("]><Session version=\"7002\" sample-rate=\"48000\">&a9;</Session>");
        Files.writeString(bomb, sb.toString());
        Path deep = tmp.resolve("deep.ardour");
        Files.writeString(deep, "<Session version=\"7002\" sample-rate=\"48000\">" + "<Routes>".repeat(400)
                + "</Routes>".repeat(400) + "</Session>");
        Path huge = tmp.resolve("huge.ardour");
        try (RandomAccessFile raf = new RandomAccessFile(huge.toFile(), "rw")) {
            raf.setLength(SafeXml.MAX_BYTES + 1); // sparse: stands for a 2 GB attribute without writing it
        }
        Path truncated = tmp.resolve("truncated.ardour");
        String full = Files.readString(Shared.corpus().resolve("ardour-generated/pop120/pop120.ardour"));
        Files.writeString(truncated, full.substring(0, full.length() / 2));
        for (Path p : List.of(xxe, bomb, deep, huge, truncated)) {
            SessionFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(SessionFormatException.class, () -> SessionFormats.read(p)));
            assertTrue(e.getMessage().startsWith(p.getFileName().toString()), e.getMessage());
        }
    }
}
