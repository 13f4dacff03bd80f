package topdown.format.ardour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import topdown.audio.io.AudioFiles;
import topdown.audio.io.AudioSource;
import topdown.audio.io.WavWriter;
import topdown.dsp.Biquad;
import topdown.format.ReadResult;
import topdown.format.SessionFormats;
import topdown.format.topdown.SourceProbe;
import topdown.format.topdown.TopDownJsonFormat;
import topdown.mix.TopDownProcessors;
import topdown.model.Bus;
import topdown.model.BusId;
import topdown.model.Carry;
import topdown.model.Clip;
import topdown.model.Gain;
import topdown.model.Insert;
import topdown.model.Pan;
import topdown.model.PanLaw;
import topdown.model.Session;
import topdown.model.Source;
import topdown.model.Tempo;
import topdown.model.Track;
import topdown.model.TrackId;
import topdown.model.TrackKind;
import topdown.render.RenderRequest;
import topdown.render.RenderResult;
import topdown.render.SessionRenderer;
import topdown.render.StemKind;
import topdown.report.Progress;
import topdown.testing.Shared;

/**
 * ACE equivalence, measured per plugin: one-track sessions with a single TopDown insert, generated as Ardour
 * sessions (the insert becomes a-EQ / a-Comp), exported by real Ardour and nulled against TopDown's render of the
 * same session.
 */
class AceEquivalenceTest {
    @TempDir
    Path tmp;

    static final int RATE = 48000;

    /** Measured difference of one case: peak |diff| in dBFS and the diff's RMS relative to the signal's, in dB. */
    record Null(String label, double peakDbfs, double relativeDb) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%-40s peak %7.1f dBFS  rms %7.1f dB re signal", label, peakDbfs,
                    relativeDb);
        }
    }

    /** The audio as a float WAV in the session's folder (a generated session resolves media against its folder). */
    private static Source wav(Path folder, String name, float[][] audio) throws Exception {
        Path p = Files.createDirectories(folder).resolve(name + ".wav");
        WavWriter.writeAll(p, audio, RATE, WavWriter.Encoding.FLOAT32);
        return SourceProbe.probe(name, p.getFileName().toString(), p, folder);
    }

    static float[][] noise(int frames, long seed, double peak) {
        java.util.Random r = new java.util.Random(seed);
        float[][] a = new float[1][frames];
        for (int i = 0; i < frames; i++) {
            a[0][i] = (float) (peak * (2 * r.nextDouble() - 1));
        }
        return a;
    }

    static float[][] sine(int frames, double hz, double peak) {
        float[][] a = new float[1][frames];
        for (int i = 0; i < frames; i++) {
            a[0][i] = (float) (peak * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return a;
    }

    /** The first {@code frames} of a multitrack stem, channel 0. */
    static float[][] stem(String song, String file, int frames, long from) throws Exception {
        try (AudioSource s = AudioFiles.open(Shared.multitrack().resolve(song).resolve(file))) {
            float[][] buf = new float[s.channels()][frames];
            float[][] skip = new float[s.channels()][4096];
            long left = from;
            while (left > 0) {
                left -= s.read(skip, 0, (int) Math.min(4096, left));
            }
            int got = 0;
            while (got < frames) {
                int r = s.read(buf, got, frames - got);
                if (r <= 0) {
                    break;
                }
                got += r;
            }
            return new float[][] {buf[0]};
        }
    }

    private Session session(String name, Source src, int frames, List<Insert> inserts) {
        Track t = new Track(new TrackId("t"), "T", TrackKind.AUDIO, src.channels(), List.of(Clip.of("c", src, 0, frames)),
                Gain.UNITY, Gain.UNITY, Pan.CENTRE, false, false, false, BusId.MASTER, List.of(), inserts, List.of(),
                Carry.NONE);
        return new Session(name, "topdown", "1", RATE, frames, List.of(t), List.of(), Bus.master(2), List.of(),
                Tempo.DEFAULT, PanLaw.ARDOUR, 0, List.of());
    }

    /** Writes the session as Ardour, exports it with real Ardour and nulls the export against TopDown's render. */
    Null measure(String label, float[][] audio, List<Insert> inserts) throws Exception {
        String name = label.replaceAll("[^A-Za-z0-9]+", "_");
        Source src = wav(tmp.resolve(name), "source", audio);
        Session s = session(name, src, audio[0].length, inserts);
        Path ardour = tmp.resolve(name).resolve(name + ".ardour");
        SessionFormats.byId("ardour").orElseThrow().write(null, s, ardour);
        Path exported = tmp.resolve(name + "-ardour.wav");
        export(ardour.getParent(), name, exported);
        ReadResult in = new ReadResult(tmp.resolve(name).resolve(name + ".topdown.json"), new TopDownJsonFormat(), s, null, List.of(),
                null);
        RenderResult res = SessionRenderer.render(in, new RenderRequest(tmp.resolve(name + "-render"),
                Set.of(StemKind.MASTER), WavWriter.Encoding.FLOAT32, 0, TopDownProcessors.factory(), 0, 0), Progress.NONE);
        assertTrue(res.skippedInserts().isEmpty(), "TopDown rendered every insert: " + res.skippedInserts());
        Null n = compare(label, res.master(), exported);
        // The Ardour session read back: its a-EQ / a-Comp rendered by TopDown's models of them.
        ReadResult back = SessionFormats.read(ardour);
        RenderResult model = SessionRenderer.render(back, new RenderRequest(tmp.resolve(name + "-model"),
                Set.of(StemKind.MASTER), WavWriter.Encoding.FLOAT32, 0, TopDownProcessors.factory(), 0, 0), Progress.NONE);
        assertTrue(model.skippedInserts().isEmpty(), "the ACE models rendered every insert: " + model.skippedInserts());
        System.out.println("ACE model " + compare(label, model.master(), exported));
        return n;
    }

    /**
     * {@code ardour7-export} with its own configuration folder: Ardour rewrites ~/.config/ardour7 on every start, and
     * exports running at the same time as other Ardour processes sharing that folder were seen to abort ("double
     * free", exit 134) or hang. One retry covers a crash or hang that still happens.
     */
    void export(Path dir, String snapshot, Path wav) throws Exception {
        Path log = tmp.resolve(snapshot + "-export.log");
        for (int attempt = 0; ; attempt++) {
            ProcessBuilder pb = new ProcessBuilder("ardour7-export", "-b", "float", "-o", wav.toString(), dir.toString(),
                    snapshot).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("XDG_CONFIG_HOME", Files.createDirectories(tmp.resolve("ardour-config")).toString());
            Process p = pb.start();
            boolean done = p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly().waitFor();
            }
            if (done && p.exitValue() == 0) {
                return;
            }
            if (attempt >= 1 || done && p.exitValue() < 128) {
                throw new AssertionError("ardour7-export: " + (done ? "exit " + p.exitValue() : "timed out") + "\n"
                        + Files.readString(log));
            }
        }
    }

    static Null compare(String label, Path a, Path b) throws Exception {
        try (AudioSource x = AudioFiles.open(a); AudioSource y = AudioFiles.open(b)) {
            assertEquals(x.frames(), y.frames(), "lengths");
            float[][] bx = new float[x.channels()][8192];
            float[][] by = new float[y.channels()][8192];
            double peak = 0;
            double e = 0;
            double sig = 0;
            int r;
            while ((r = x.read(bx, 0, 8192)) > 0) {
                y.read(by, 0, r);
                for (int c = 0; c < bx.length; c++) {
                    for (int i = 0; i < r; i++) {
                        double d = bx[c][i] - by[c][i];
                        assertTrue(Math.abs(by[c][i]) < 16, "Ardour export sample out of range");
                        peak = Math.max(peak, Math.abs(d));
                        e += d * d;
                        sig += (double) bx[c][i] * bx[c][i];
                    }
                }
            }
            return new Null(label, peak == 0 ? -400 : 20 * Math.log10(peak), e == 0 ? -400 : 10 * Math.log10(e / sig));
        }
    }

    @Test
    @Timeout(600)
    void explore() throws Exception {
        Shared.requireTool("ardour7-export");
        if (System.getProperty("ace.keep") != null) {
            tmp = Files.createDirectories(Path.of(System.getProperty("ace.keep")));
        }
        int n = RATE * 2;
        List<Null> out = new ArrayList<>();
        float[][] nz = noise(n, 1, 0.5);
        out.add(measure("none noise", nz, List.of()));
        out.add(measure("eq peak noise", nz, List.of(TopDownProcessors.eq(Biquad.Type.PEAK, 1000, 1.4, 6))));
        out.add(measure("eq lowshelf noise", nz, List.of(TopDownProcessors.eq(Biquad.Type.LOW_SHELF, 120, 0.707, 4))));
        out.add(measure("eq highshelf noise", nz, List.of(TopDownProcessors.eq(Biquad.Type.HIGH_SHELF, 8000, 0.707, -5))));
        out.add(measure("comp noise", nz, List.of(TopDownProcessors.compressor(-20, 3, 10, 120, 0))));
        for (Null x : out) {
            System.out.println("ACE " + x);
        }
    }
}
