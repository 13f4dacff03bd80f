package topdown.format.aaf.cfb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import topdown.format.SessionFormatException;
import topdown.testing.Shared;

class CompoundFileTest {
    @TempDir
    Path tmp;

    static List<Path> corpusAafs() throws IOException {
        Path aaf = Shared.corpus().resolve("aaf");
        try (Stream<Path> s = Files.walk(aaf)) {
            return s.filter(p -> p.toString().toLowerCase().endsWith(".aaf")).sorted().toList();
        }
    }

    private static int walk(CompoundFile cf, DirectoryEntry dir, int depth) throws IOException {
        int n = 1;
        for (DirectoryEntry e : cf.children(dir)) {
            if (e.isStorage()) {
                n += walk(cf, e, depth + 1);
            } else if (e.type() == DirectoryEntry.Type.STREAM) {
                try (StreamReader r = cf.openStream(e)) {
                    byte[] buf = new byte[(int) Math.min(r.size(), 1 << 16)];
                    r.readFully(0, buf, 0, buf.length);
                }
                n++;
            }
        }
        return n;
    }

    @Test
    void everyCorpusAafOpensAndEveryStreamReads() throws Exception {
        List<Path> files = corpusAafs();
        assertTrue(files.size() >= 20, "expected the AAF corpus, found " + files.size());
        for (Path f : files) {
            try (CompoundFile cf = CompoundFile.open(f)) {
                int entries = walk(cf, cf.root(), 0);
                assertTrue(entries > 5, f + ": " + entries);
                // Every AAF has a Header object holding the object model's root properties.
                DirectoryEntry header = cf.child(cf.root(), "Header-2");
                assertNotNull(header, f + " has no Header-2 storage");
                assertNotNull(cf.child(cf.root(), "properties"), f + " root has no properties stream");
            }
        }
    }

    @Test
    void truncatedAndBitFlippedCopiesFailCleanly() throws Exception {
        Path src = corpusAafs().get(0);
        byte[] data = Files.readAllBytes(src);
        Random rnd = new Random(42);
        for (int round = 0; round < 40; round++) {
            byte[] copy = data.clone();
            if (round % 2 == 0) {
                copy = java.util.Arrays.copyOf(copy, rnd.nextInt(copy.length));
            } else {
                for (int k = 0; k < 8; k++) {
                    int at = rnd.nextInt(Math.min(copy.length, 8192));
                    copy[at] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            Path f = tmp.resolve("fuzz" + round + ".aaf");
            Files.write(f, copy);
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try (CompoundFile cf = CompoundFile.open(f)) {
                    walk(cf, cf.root(), 0);
                } catch (SessionFormatException | java.io.EOFException expected) {
                    assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
                }
            });
        }
    }

    @Test
    void notACompoundFile() throws Exception {
        Path f = tmp.resolve("x.aaf");
        Files.write(f, new byte[1024]);
        SessionFormatException e = assertThrows(SessionFormatException.class, () -> CompoundFile.open(f));
        assertTrue(e.getMessage().startsWith("x.aaf: offset 0"), e.getMessage());
        assertEquals("x.aaf", e.location().file().getFileName().toString());
    }
}
