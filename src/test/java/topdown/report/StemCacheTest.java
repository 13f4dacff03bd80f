package topdown.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import topdown.analysis.AnalysisReport;
import topdown.analysis.StemAnalysis;
import topdown.demo.DemoSong;
import topdown.format.ReadResult;
import topdown.format.topdown.TopDownJsonFormat;
import topdown.model.Bus;
import topdown.model.Gain;
import topdown.model.Session;
import topdown.model.Track;

/**
 * A measurement that reuses the previous one's analyses must report exactly what a full measurement of the
 * changed session reports, while writing and analysing only the stems the change reaches.
 */
class StemCacheTest {
    @TempDir
    Path tmp;

    @Test
    void aChangedTrackReanalysesOnlyItsPathToTheMaster() throws Exception {
        Session s = new DemoSong(7).write(tmp.resolve("song"));
        ReadResult in = new ReadResult(tmp.resolve("song/song.topdown.json"), new TopDownJsonFormat(), s, null, List.of(),
                null);
        SessionAnalyzer.StemCache cache = new SessionAnalyzer.StemCache();
        SessionAnalyzer.analyzeInto(in, null, null, null, tmp.resolve("a"), Progress.NONE, cache);
        assertEquals(0, cache.reused());
        // Turn the bass down 3 dB: the bass track, its group bus and the master change; nothing else does.
        Track bass = s.tracks().stream().filter(t -> t.name().equals("Bass")).findFirst().orElseThrow();
        Session changed = s.withTrackFader(bass.id(), Gain.ofDb(bass.fader().db() - 3));
        ReadResult in2 = new ReadResult(in.file(), in.format(), changed, null, List.of(), in.media());
        SessionAnalyzer.Result cached = SessionAnalyzer.analyzeInto(in2, null, null, null, tmp.resolve("b"),
                Progress.NONE, cache);
        SessionAnalyzer.Result full = SessionAnalyzer.analyzeInto(in2, null, null, null, tmp.resolve("c"),
                Progress.NONE, null);
        Bus bassGroup = changed.buses().stream().filter(b -> b.id().equals(bass.output())).findFirst().orElseThrow();
        int stems = changed.tracks().size() + changed.buses().size();
        assertEquals(stems - 2, cache.reused(), "every stem but the bass track and its group reused");
        // Only the changed stems were written.
        assertEquals(1, cached.render().tracks().size());
        assertTrue(cached.render().tracks().containsKey("Bass"));
        assertEquals(List.of(bassGroup.name()), List.copyOf(cached.render().buses().keySet()));
        assertFalse(Files.exists(tmp.resolve("b/tracks/Kick.wav")));
        same(full.report(), cached.report());
        // And the change is seen: the bass group is quieter than before.
        double before = SessionAnalyzer.analyzeInto(in, null, null, null, tmp.resolve("d"), Progress.NONE, null).report()
                .buses.stream().filter(b -> b.name.equals(bassGroup.name())).findFirst().orElseThrow().loudness.integratedLufs();
        double after = cached.report().buses.stream().filter(b -> b.name.equals(bassGroup.name())).findFirst().orElseThrow()
                .loudness.integratedLufs();
        assertTrue(after < before - 1, before + " -> " + after);
    }

    @Test
    void aMasterChainChangePlaysTheSavedMasterInputThroughTheNewChain() throws Exception {
        Session s = new DemoSong(7).write(tmp.resolve("song"));
        ReadResult in = new ReadResult(tmp.resolve("song/song.topdown.json"), new TopDownJsonFormat(), s, null, List.of(),
                null);
        topdown.render.ProcessorFactory proc = topdown.mix.TopDownProcessors.factory();
        try (SessionAnalyzer.StemCache cache = new SessionAnalyzer.StemCache()) {
            SessionAnalyzer.analyzeInto(in, null, null, proc, tmp.resolve("a"), Progress.NONE, cache);
            // A master EQ and 2 dB less gain: nothing below the master changes.
            Session changed = s.withMaster(s.master().withFader(Gain.ofDb(s.master().fader().db() - 2))
                    .withInserts(List.of(topdown.mix.TopDownProcessors.eq(topdown.dsp.Biquad.Type.PEAK, 2500, 1.0, -4))));
            ReadResult in2 = new ReadResult(in.file(), in.format(), changed, null, List.of(), in.media());
            SessionAnalyzer.Result cached = SessionAnalyzer.analyzeInto(in2, null, null, proc, tmp.resolve("b"),
                    Progress.NONE, cache);
            assertEquals(1, cache.replays());
            assertEquals(0, cached.render().tracks().size());
            assertEquals(0, cached.render().buses().size());
            SessionAnalyzer.Result full = SessionAnalyzer.analyzeInto(in2, null, null, proc, tmp.resolve("c"),
                    Progress.NONE, null);
            same(full.report(), cached.report());
            // The master stems are sample for sample the same.
            float[][] x = read(full.render().master());
            float[][] y = read(cached.render().master());
            for (int c = 0; c < x.length; c++) {
                assertArrayEquals(x[c], y[c], "master channel " + c);
            }
        }
    }

    private static float[][] read(Path p) throws Exception {
        try (topdown.audio.io.AudioSource a = topdown.audio.io.AudioFiles.open(p)) {
            float[][] x = new float[a.channels()][(int) a.frames()];
            int got = 0;
            int r;
            while (got < x[0].length && (r = a.read(x, got, x[0].length - got)) > 0) {
                got += r;
            }
            return x;
        }
    }

    private static void same(AnalysisReport a, AnalysisReport b) {
        stem(a.master, b.master);
        assertEquals(a.buses.size(), b.buses.size());
        for (int i = 0; i < a.buses.size(); i++) {
            stem(a.buses.get(i), b.buses.get(i));
        }
        assertEquals(a.tracks.size(), b.tracks.size());
        for (int i = 0; i < a.tracks.size(); i++) {
            stem(a.tracks.get(i), b.tracks.get(i));
        }
        assertEquals(a.masking.size(), b.masking.size());
        for (int i = 0; i < a.masking.size(); i++) {
            assertEquals(a.masking.get(i).a(), b.masking.get(i).a());
            assertEquals(a.masking.get(i).b(), b.masking.get(i).b());
            assertEquals(a.masking.get(i).score(), b.masking.get(i).score(), 0.0);
        }
    }

    private static void stem(StemAnalysis x, StemAnalysis y) {
        assertEquals(x.name, y.name);
        assertEquals(x.loudness.integratedLufs(), y.loudness.integratedLufs(), 0.0, x.name);
        assertEquals(x.loudness.truePeakDbtp(), y.loudness.truePeakDbtp(), 0.0, x.name);
        assertArrayEquals(x.thirdOctavesMid, y.thirdOctavesMid, 0.0, x.name);
        assertEquals(x.correlation, y.correlation, 0.0, x.name);
    }
}
