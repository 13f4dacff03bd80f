package topdown.format.dawproject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import topdown.format.SessionFormatException;
import topdown.format.SessionFormats;

/** Hostile archives and documents: each must fail with a SessionFormatException naming file and entry, quickly. */
class DawprojectHostileTest {
    private static final String MINIMAL = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Project version=\"1.0\">"
            + "<Application name=\"t\" version=\"1\"/><Structure/></Project>\n";

    @TempDir
    Path tmp;

    private interface Filler {
        void fill(ZipOutputStream z) throws Exception;
    }

    private Path zip(String name, Filler f) throws Exception {
        Path p = tmp.resolve(name);
        try (OutputStream os = Files.newOutputStream(p); ZipOutputStream z = new ZipOutputStream(os)) {
            f.fill(z);
        }
        return p;
    }

    private static void entry(ZipOutputStream z, String name, byte[] data) throws Exception {
        z.putNextEntry(new ZipEntry(name));
        z.write(data);
        z.closeEntry();
    }

    private static String refused(Path file) {
        SessionFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(SessionFormatException.class, () -> SessionFormats.read(file)));
        assertTrue(e.getMessage().startsWith(file.getFileName().toString() + ": "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void minimalArchiveReads() throws Exception {
        Path ok = zip("ok.dawproject", z -> entry(z, "project.xml", MINIMAL.getBytes(StandardCharsets.UTF_8)));
        assertTrue(SessionFormats.read(ok).session().tracks().isEmpty());
    }

    @Test
    void zipBombByRatioIsRefusedFromTheDirectory() throws Exception {
        Path bomb = zip("bomb.dawproject", z -> {
            entry(z, "project.xml", MINIMAL.getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("audio/zeros.wav"));
            byte[] mib = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                z.write(mib);
            }
            z.closeEntry();
        });
        String m = refused(bomb);
        assertTrue(m.contains("entry 'audio/zeros.wav'") && m.contains("ratio"), m);
    }

    @Test
    void entryThatLiesAboutItsSizeIsStoppedWhileStreaming() throws Exception {
        StringBuilder big = new StringBuilder(MINIMAL.substring(0, MINIMAL.length() - "</Project>\n".length()));
        big.append(" ".repeat(8 << 20)).append("</Project>\n");
        byte[] xml = big.toString().getBytes(StandardCharsets.UTF_8);
        Path p = zip("liar.dawproject", z -> entry(z, "project.xml", xml));
        byte[] b = Files.readAllBytes(p);
        // Central directory record of project.xml: uncompressed size at offset 24 of the record; claim 200 bytes.
        int cen = lastIndexOf(b, new byte[] {0x50, 0x4b, 0x01, 0x02});
        b[cen + 24] = (byte) 200;
        b[cen + 25] = 0;
        b[cen + 26] = 0;
        b[cen + 27] = 0;
        Files.write(p, b);
        String m = refused(p);
        assertTrue(m.contains("entry 'project.xml'"), m);
    }

    @Test
    void traversalAndAbsoluteNamesAreRefused() throws Exception {
        for (String bad : new String[] {"../x.wav", "audio/../../x.wav", "/etc/passwd", "C:/Windows/x.wav", "..\\x.wav"}) {
            Path p = zip("bad" + Math.abs(bad.hashCode()) + ".dawproject", z -> {
                entry(z, "project.xml", MINIMAL.getBytes(StandardCharsets.UTF_8));
                entry(z, bad, new byte[] {1, 2, 3});
            });
            String m = refused(p);
            assertTrue(m.contains("entry '" + bad + "'") && (m.contains("..") || m.contains("absolute")), m);
        }
    }

    @Test
    void duplicateEntriesAreRefused() throws Exception {
        Path p = zip("dup.dawproject", z -> {
            entry(z, "project.xml", MINIMAL.getBytes(StandardCharsets.UTF_8));
            entry(z, "projecT.xml", "<Project version=\"1.0\"><Application name=\"evil\" version=\"1\"/></Project>"
                    .getBytes(StandardCharsets.UTF_8));
        });
        byte[] b = Files.readAllBytes(p);
        byte[] from = "projecT.xml".getBytes(StandardCharsets.US_ASCII);
        byte[] to = "project.xml".getBytes(StandardCharsets.US_ASCII);
        for (int i = indexOf(b, from, 0); i >= 0; i = indexOf(b, from, i + 1)) {
            System.arraycopy(to, 0, b, i, to.length);
        }
        Files.write(p, b);
        String m = refused(p);
        assertTrue(m.contains("duplicate") && m.contains("entry 'project.xml'"), m);
    }

    @Test
    void tooManyEntriesAreRefused() throws Exception {
        Path p = zip("many.dawproject", z -> {
            entry(z, "project.xml", MINIMAL.getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 10_001; i++) {
                z.putNextEntry(new ZipEntry("plugins/" + i));
                z.closeEntry();
            }
        });
        String m = refused(p);
        assertTrue(m.contains("more than 10000 entries"), m);
    }

    @Test
    void truncatedArchiveIsRefused() throws Exception {
        Path src = DpTesting.corpus().resolve("opendaw/audio-regions.dawproject");
        byte[] b = Files.readAllBytes(src);
        Path p = Files.write(tmp.resolve("truncated.dawproject"), Arrays.copyOf(b, b.length / 2));
        String m = refused(p);
        assertTrue(m.contains("truncated or damaged"), m);
    }

    @Test
    void externalEntitiesAndEntityBombsInProjectXmlAreRefused() throws Exception {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE Project [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Project version=\"1.0\"><Application name=\"&x;\" version=\"1\"/></Project>";
        Path p = zip("xxe.dawproject", z -> entry(z, "project.xml", xxe.getBytes(StandardCharsets.UTF_8)));
        String m = refused(p);
        assertTrue(m.contains("entry 'project.xml'") && m.contains("DOCTYPE"), m);
        StringBuilder lol = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE Project [<!ENTITY a \"aaaaaaaaaa\">");
        for (int i = 1; i < 10; i++) {
            lol.append("<!ENTITY ").append((char) ('a' + i)).append(" \"").append(("&" + (char) ('a' + i - 1) + ";").repeat(10))
                    .append("\">");
        }
        lol.append("]><Project version=\"1.0\"><Application name=\"&j;\" version=\"1\"/></Project>");
        Path q = zip("lol.dawproject", z -> entry(z, "project.xml", lol.toString().getBytes(StandardCharsets.UTF_8)));
        assertTrue(refused(q).contains("DOCTYPE"));
        // Bare project.xml too.
        Path bare = Files.writeString(tmp.resolve("xxe-project.xml"), xxe);
        SessionFormatException e = assertThrows(SessionFormatException.class,
                () -> new DawprojectFormat().read(bare));
        assertTrue(e.getMessage().startsWith("xxe-project.xml: line 1: DOCTYPE"), e.getMessage());
    }

    @Test
    void archiveWithoutProjectXmlAndMalformedXml() throws Exception {
        Path p = zip("empty.dawproject", z -> entry(z, "metadata.xml", "<MetaData/>".getBytes(StandardCharsets.UTF_8)));
        assertTrue(refused(p).contains("no project.xml"));
        Path q = zip("broken.dawproject", z -> entry(z, "project.xml", "<Project version=\"1.0\">\n<Structure>"
                .getBytes(StandardCharsets.UTF_8)));
        String m = refused(q);
        assertTrue(m.startsWith("broken.dawproject: line 2: entry 'project.xml': "), m);
        Path r = zip("badnumber.dawproject", z -> entry(z, "project.xml", ("<Project version=\"1.0\"><Application name=\"a\""
                + " version=\"1\"/><Arrangement><Markers><Marker time=\"soon\" name=\"x\"/></Markers></Arrangement></Project>")
                .getBytes(StandardCharsets.UTF_8)));
        String m2 = refused(r);
        assertTrue(m2.contains("entry 'project.xml'") && m2.contains("invalid DAWproject content"), m2);
    }

    @Test
    void hugeTempoMapsAndNestedLoopBombsStayBounded() throws Exception {
        StringBuilder x = new StringBuilder("<Project version=\"1.0\"><Application name=\"a\" version=\"1\"/>"
                + "<Transport><Tempo unit=\"bpm\" value=\"120\" id=\"t\"/></Transport><Structure><Track id=\"tr\" name=\"x\""
                + " contentType=\"audio\"><Channel id=\"c\" role=\"regular\"/></Track></Structure><Arrangement>"
                + "<Lanes timeUnit=\"beats\"><Lanes track=\"tr\"><Clips>"
                + "<Clip time=\"0\" duration=\"100000\" loopStart=\"0\" loopEnd=\"0.001\"><Clips>"
                + "<Clip time=\"0\" duration=\"0.001\" loopStart=\"0\" loopEnd=\"0.0000001\">"
                + "<Audio channels=\"1\" sampleRate=\"48000\" duration=\"1\"><File path=\"a.wav\" external=\"true\"/></Audio>"
                + "</Clip></Clips></Clip></Clips></Lanes></Lanes><TempoAutomation><Target parameter=\"t\"/>");
        for (int i = 0; i < 50_000; i++) {
            x.append("<RealPoint time=\"").append(i).append("\" value=\"").append(120 + i % 2).append("\" interpolation=\"hold\"/>");
        }
        x.append("</TempoAutomation></Arrangement></Project>");
        Path p = zip("loops.dawproject", z -> entry(z, "project.xml", x.toString().getBytes(StandardCharsets.UTF_8)));
        topdown.model.Session s = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> SessionFormats.read(p).session());
        assertTrue(s.warnings().stream().anyMatch(w -> w.contains("clip pieces")), s.warnings().toString());
        assertTrue(s.warnings().size() <= 502, "warnings are capped: " + s.warnings().size());
        assertEquals(50_000, s.tempo().changes().size());
    }

    private static int indexOf(byte[] b, byte[] pat, int from) {
        outer:
        for (int i = from; i <= b.length - pat.length; i++) {
            for (int j = 0; j < pat.length; j++) {
                if (b[i + j] != pat[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lastIndexOf(byte[] b, byte[] pat) {
        int last = -1;
        for (int i = indexOf(b, pat, 0); i >= 0; i = indexOf(b, pat, i + 1)) {
            last = i;
        }
        return last;
    }

    static byte[] bytes(ByteArrayOutputStream o) {
        return o.toByteArray();
    }
}
