package topdown.format.aaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
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
import topdown.audio.io.AudioSource;
import topdown.format.ReadResult;
import topdown.format.SessionFormats;
import topdown.model.Clip;
import topdown.model.Marker;
import topdown.model.Session;
import topdown.testing.Shared;

class AafFormatTest {
    @TempDir
    Path tmp;

    private static Path libaaf(String name) {
        return Shared.corpus().resolve("aaf/libaaf/" + name);
    }

    @Test
    void everyCorpusAafReads() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Shared.corpus().resolve("aaf"))) {
            files = s.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".aaf")).sorted().toList();
        }
        assertTrue(files.size() >= 40, "AAF corpus: " + files.size());
        int clips = 0;
        for (Path f : files) {
            ReadResult r = SessionFormats.read(f);
            assertEquals("aaf", r.format().id());
            clips += r.session().tracks().stream().mapToInt(t -> t.clips().size()).sum();
        }
        assertTrue(clips > 200, "clips read from the corpus: " + clips);
    }

    @Test
    void markersAndTimecodeOrigin() throws Exception {
        Session dr = SessionFormats.read(libaaf("DR_Markers.aaf")).session();
        assertEquals(3600.0, dr.seconds(dr.timecodeStartSamples()), 1e-9, "Resolve timeline starts at 01:00:00:00");
        List<Marker> m = dr.markers();
        assertEquals(2, m.size());
        // The marker comments state their own positions: 01:01:00:00 (1 frame) and 01:01:30:00 (10 frames).
        assertTrue(m.get(0).name().contains("01:01:00:00"));
        assertEquals(60.0, dr.seconds(m.get(0).positionSamples()), 1e-9);
        assertEquals(90.0, dr.seconds(m.get(1).positionSamples()), 1e-9);
        assertEquals(10 / 24.0, dr.seconds(m.get(1).endSamples() - m.get(1).positionSamples()), 1e-9);
        Session mc = SessionFormats.read(libaaf("MC_Markers.aaf")).session();
        assertEquals(10 * 1001 / 30000.0, mc.seconds(mc.markers().get(0).positionSamples()), 1.0 / mc.sampleRate());
        assertEquals(29 * 1001 / 30000.0, mc.seconds(mc.markers().get(1).positionSamples()), 1.0 / mc.sampleRate());
    }

    @Test
    void clipGainMuteSoloAndPan() throws Exception {
        Session pr = SessionFormats.read(libaaf("PR_Audio_Levels-noBTM.aaf")).session();
        List<Clip> c = pr.tracks().get(0).clips();
        assertEquals(6.0, c.get(1).gain().db(), 0.01);
        assertTrue(c.get(3).gainEnvelope() != null && c.get(3).gainEnvelope().points().size() > 2,
                "clip 4 carries a volume envelope");
        Session mc = SessionFormats.read(libaaf("MC_Track_Solo_Mute.aaf")).session();
        assertTrue(mc.tracks().get(0).solo() && !mc.tracks().get(0).mute());
        assertTrue(mc.tracks().get(1).mute() && !mc.tracks().get(1).solo());
        assertTrue(SessionFormats.read(libaaf("MC_Clip_Mute.aaf")).session().tracks().get(0).clips().get(0).muted());
        Session pan = SessionFormats.read(libaaf("PR_Audio_Pan-noBTM.aaf")).session();
        // LibAAF: "Pan: 0.25" on AudioTrack 1 (AAF 0..1, left to right) is -0.5 in TopDown's -1..+1.
        assertEquals(-0.5, pan.tracks().get(0).pan().position(), 1e-9);
    }

    /** Embedded test tones are 1 kHz sines at -18 dBFS peak (the LibAAF test media's name says so). */
    @Test
    void embeddedEssenceStreamsOut() throws Exception {
        for (String f : List.of("PT_PCM_Internal.aaf", "PR_WAV_Internal.aaf")) {
            ReadResult r = SessionFormats.read(libaaf(f));
            Clip clip = r.session().tracks().get(0).clips().get(0);
            assertTrue(clip.source().embedded() && clip.source().found(), f);
            try (AudioSource a = r.media().open(clip.source())) {
                int n = (int) Math.min(a.frames(), a.sampleRate());
                float[][] buf = new float[a.channels()][n];
                int got = a.read(buf, 0, n);
                assertEquals(n, got);
                double peak = 0;
                int crossings = 0;
                for (int i = 0; i < n; i++) {
                    peak = Math.max(peak, Math.abs(buf[0][i]));
                    if (i > 0 && (buf[0][i - 1] < 0) != (buf[0][i] < 0)) {
                        crossings++;
                    }
                }
                double hz = crossings / 2.0 * a.sampleRate() / n;
                assertEquals(-18.0, 20 * Math.log10(peak), 0.2, f + " peak");
                assertEquals(1000.0, hz, 5.0, f + " frequency");
            }
        }
    }

    @Test
    void externalEssenceResolvesBesideTheAaf() throws Exception {
        for (String f : List.of("PT_WAV_External_same_directory.aaf", "PT_WAV_External_sub_directory.aaf")) {
            Clip c = SessionFormats.read(libaaf(f)).session().tracks().get(0).clips().get(0);
            assertTrue(c.source().found(), f + ": " + c.source().path());
        }
        Session missing = SessionFormats.read(libaaf("PT_WAV_External.aaf")).session();
        assertTrue(missing.warnings().stream().anyMatch(w -> w.contains("missing media")), missing.warnings().toString());
    }

    @Test
    void truncatedAndBitFlippedFilesFailCleanly() throws Exception {
        Random rnd = new Random(7);
        int rejected = 0;
        for (String name : List.of("PT_Fades.aaf", "MC_Audio_Levels.aaf", "PR_WAV_Internal.aaf")) {
            byte[] data = Files.readAllBytes(libaaf(name));
            for (int round = 0; round < 30; round++) {
                byte[] copy = data.clone();
                if (round % 3 == 0) {
                    copy = java.util.Arrays.copyOf(copy, rnd.nextInt(copy.length));
                } else {
                    for (int k = 0; k < 1 + rnd.nextInt(32); k++) {
                        copy[rnd.nextInt(copy.length)] ^= (byte) (1 << rnd.nextInt(8));
                    }
                }
                Path f = tmp.resolve("fuzz-" + round + "-" + name);
                Files.write(f, copy);
                boolean[] failed = {false};
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                    try {
                        SessionFormats.read(f);
                    } catch (IOException e) {
                        failed[0] = true;
                        assertTrue(e.getMessage() != null && e.getMessage().contains(f.getFileName().toString()),
                                "error must name the file: " + e.getMessage());
                    }
                });
                if (failed[0]) {
                    rejected++;
                }
            }
        }
        assertTrue(rejected > 10, "most damaged files are rejected: " + rejected);
    }
}
