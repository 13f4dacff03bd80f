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

    /** TopDown's render of the session and TopDown's render of the Ardour session read back, each against Ardour. */
    record Pair(Null topdown, Null model) {
    }

    /**
     * Writes the session as Ardour, exports it with real Ardour and nulls the export against TopDown's render of the
     * session (TopDown's own processors) and against TopDown's render of the written Ardour session read back (its
     * a-EQ / a-Comp through {@link topdown.dsp.AceEq} / {@link topdown.dsp.AceComp}).
     */
    Pair measure(String label, float[][] audio, List<Insert> inserts) throws Exception {
        String name = label.replaceAll("[^A-Za-z0-9]+", "_");
        Source src = wav(tmp.resolve(name), "source", audio);
        Session s = session(name, src, audio[0].length, inserts);
        Path ardour = tmp.resolve(name).resolve(name + ".ardour");
        SessionFormats.byId("ardour").orElseThrow().write(null, s, ardour);
        Path exported = tmp.resolve(name + "-ardour.wav");
        export(ardour.getParent(), name, exported);
        ReadResult in = new ReadResult(tmp.resolve(name).resolve(name + ".topdown.json"), new TopDownJsonFormat(), s, null,
                List.of(), null);
        RenderResult res = SessionRenderer.render(in, new RenderRequest(tmp.resolve(name + "-render"),
                Set.of(StemKind.MASTER), WavWriter.Encoding.FLOAT32, 0, TopDownProcessors.factory(), 0, 0), Progress.NONE);
        assertTrue(res.skippedInserts().isEmpty(), "TopDown rendered every insert: " + res.skippedInserts());
        ReadResult back = SessionFormats.read(ardour);
        RenderResult model = SessionRenderer.render(back, new RenderRequest(tmp.resolve(name + "-model"),
                Set.of(StemKind.MASTER), WavWriter.Encoding.FLOAT32, 0, TopDownProcessors.factory(), 0, 0), Progress.NONE);
        assertTrue(model.skippedInserts().isEmpty(), "the ACE models rendered every insert: " + model.skippedInserts());
        Pair p = new Pair(compare(label, res.master(), exported), compare(label + " (model)", model.master(), exported));
        System.out.println("ACE " + p.topdown() + "\nACE " + p.model());
        return p;
    }

    /**
     * {@code ardour7-export} with its own configuration folder (Ardour rewrites ~/.config/ardour7 on every start).
     * Ardour 7.3's headless export aborts now and then on this machine, with or without plugins in the session
     * ("double free" / "free(): invalid next size" at "Exporting Audio 0.0%", exit 134 or 139; measured 1 in 8
     * exports of the plugin-free demo session, 2 in 10 of a one-track a-Comp session, on a loaded 2-core machine),
     * and once hung (and 4 crashes in a row of one export in the null test at stop 15): a crash or hang is
     * retried, up to eight attempts.
     */
    void export(Path dir, String snapshot, Path wav) throws Exception {
        ardour(snapshot + "-export", "ardour7-export", "-b", "float", "-o", wav.toString(), dir.toString(), snapshot);
    }

    /** Runs an Ardour tool (or the harness that starts one) with this test's own Ardour configuration folder. */
    void ardour(String logName, String... cmd) throws Exception {
        Path log = tmp.resolve(logName + ".log");
        for (int attempt = 0; ; attempt++) {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("XDG_CONFIG_HOME", Files.createDirectories(tmp.resolve("ardour-config")).toString());
            Process p = pb.start();
            boolean done = p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly().waitFor();
            }
            if (done && p.exitValue() == 0) {
                return;
            }
            if (attempt >= 7 || done && p.exitValue() < 128) {
                throw new AssertionError(String.join(" ", cmd) + ": " + (done ? "exit " + p.exitValue() : "timed out")
                        + "\n" + Files.readString(log));
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

    /** A sine whose level steps every 0.25 s between -30 and -6 dBFS (so a compressor attacks and releases). */
    static float[][] steppedSine(int frames, double hz) {
        float[][] a = new float[1][frames];
        double[] levels = {-30, -6, -18, -9, -24, -6};
        for (int i = 0; i < frames; i++) {
            double db = levels[(i / (RATE / 4)) % levels.length];
            a[0][i] = (float) (Math.pow(10, db / 20) * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return a;
    }

    static float[][] stereo(float[][] l, float[][] r) {
        return new float[][] {l[0], r[0]};
    }

    static Insert peakCompressor(double thr, double ratio, double att, double rel, double makeup) {
        Insert c = TopDownProcessors.compressor(thr, ratio, att, rel, makeup);
        java.util.Map<String, Double> p = new java.util.LinkedHashMap<>(c.parameters());
        p.put("rms", 0.0);
        p.put("sidechainHpHz", 0.0);
        return new Insert(c.name(), c.kind(), false, true, c.pluginId(), p, null, c.topdownProcessor(), c.carry());
    }

    /**
     * Per plugin: TopDown's EQ bands (peak, both shelves) written as a-EQ and its compressor written as a-Comp,
     * exported by real Ardour and nulled against TopDown's render; and every written session read back and rendered
     * through TopDown's models of the ACE plugins.
     */
    @Test
    @Timeout(900)
    void acePluginsNullAgainstRealArdour() throws Exception {
        Shared.requireTool("ardour7-export");
        if (System.getProperty("ace.keep") != null) { // -Dace.keep=DIR keeps the sessions, exports and renders there
            tmp = Files.createDirectories(Path.of(System.getProperty("ace.keep")));
        }
        int n = RATE * 2;
        float[][] nz = noise(n, 1, 0.5);
        float[][] bass = stem("pop120", "bass.wav", n, 0);
        float[][] kick = stem("pop120", "kick.wav", n, 0);
        double shelfQ = topdown.dsp.AceEq.SHELF_Q;
        List<Pair> eq = List.of(
                measure("a-EQ peak 1 kHz +6 dB Q 1.4, noise", nz, List.of(TopDownProcessors.eq(Biquad.Type.PEAK, 1000, 1.4, 6))),
                measure("a-EQ peak 80 Hz -9 dB Q 1.6, bass stem", bass,
                        List.of(TopDownProcessors.eq(Biquad.Type.PEAK, 80, 1.6, -9))),
                measure("a-EQ low shelf 120 Hz +4 dB, bass stem", bass,
                        List.of(TopDownProcessors.eq(Biquad.Type.LOW_SHELF, 120, shelfQ, 4))),
                measure("a-EQ high shelf 8 kHz -5 dB, noise", nz,
                        List.of(TopDownProcessors.eq(Biquad.Type.HIGH_SHELF, 8000, shelfQ, -5))),
                measure("a-EQ peak 3 kHz -4 dB Q 2, stereo noise", stereo(nz, noise(n, 2, 0.5)),
                        List.of(TopDownProcessors.eq(Biquad.Type.PEAK, 3000, 2, -4))));
        Pair peakComp = measure("a-Comp, peak detector, stepped sine", steppedSine(n, 220),
                List.of(peakCompressor(-20, 4, 5, 80, 3)));
        Pair rmsComp = measure("a-Comp, TopDown RMS + 80 Hz HP, kick stem", kick,
                List.of(TopDownProcessors.compressor(-24, 3, 10, 120, 2)));
        Pair rmsCompNoise = measure("a-Comp, TopDown RMS + 80 Hz HP, noise", nz,
                List.of(TopDownProcessors.compressor(-20, 3, 10, 120, 0)));
        Pair stereoComp = measure("a-Comp stereo, peak detector, stereo sine/noise", stereo(steppedSine(n, 330),
                noise(n, 3, 0.1)), List.of(peakCompressor(-18, 3, 10, 100, 0)));
        // a-EQ: RBJ's peaking EQ and a-EQ's peaking band are the same bilinear filter for the same Q, and RBJ's shelves
        // are a-EQ's (Q 0.7071068) with the corner moved by sqrt(A); AcePlugins writes ports on which a-EQ's smoothing
        // settles exactly. What is left is float rounding between the six sections: measured -140 to -150 dBFS; two
        // exports of one session by Ardour differ by about -134 dBFS, so the render issue's -120 dBFS holds.
        for (Pair p : eq) {
            assertTrue(p.topdown().peakDbfs() < -120, p.topdown().toString());
        }
        // a-Comp with TopDown's compressor in peak mode without sidechain filter: the same gain computer (knee written
        // as width/6), in float where TopDown computes in double: measured about -100 dB; bound -80 dB re signal.
        assertTrue(peakComp.topdown().relativeDb() < -80, peakComp.topdown().toString());
        assertTrue(stereoComp.topdown().relativeDb() < -80, stereoComp.topdown().toString());
        // TopDown's default compressor detects the RMS of an 80 Hz high-passed sidechain; a-Comp has neither. No
        // parameter choice removes that (the threshold is moved by a sine's 3.01 dB RMS-to-peak): measured about
        // -17 to -24 dB re signal; bound -12 dB, which still fails the unmoved threshold and the knee as 6 x width.
        assertTrue(rmsComp.topdown().relativeDb() < -12, rmsComp.topdown().toString());
        assertTrue(rmsCompNoise.topdown().relativeDb() < -12, rmsCompNoise.topdown().toString());
        // TopDown's models of a-EQ and a-Comp rendering the Ardour sessions: measured at the float floor (-150 dBFS, as
        // with no plugin at all); bound -130 dBFS, under Ardour's own run-to-run difference.
        for (Pair p : List.of(eq.get(0), eq.get(1), eq.get(2), eq.get(3), eq.get(4), peakComp, rmsComp, rmsCompNoise,
                stereoComp)) {
            assertTrue(p.model().peakDbfs() < -130, p.model().toString());
        }
    }

    /**
     * A session generated from the model (not patched) carries TopDown's EQ and compressor inserts as ACE plugins on
     * tracks, buses and the master; real Ardour loads it without errors and its Lua API reports the plugins with the
     * parameter values written; what has no ACE equivalent (high-pass, limiter) is in the loss list, nothing else.
     */
    @Test
    @Timeout(300)
    void generatedSessionCarriesAcePluginsThatArdourLoads() throws Exception {
        int n = RATE;
        Path dir = tmp.resolve("gen");
        Source mono = wav(dir, "mono", noise(n, 4, 0.3));
        Source st = wav(dir, "stereo", stereo(noise(n, 5, 0.3), noise(n, 6, 0.3)));
        BusId busId = new BusId("g");
        Insert peak = TopDownProcessors.eq(Biquad.Type.PEAK, 2500, 1.2, -3.5);
        Insert comp = TopDownProcessors.compressor(-18, 2.5, 15, 150, 1.5);
        Insert shelf = TopDownProcessors.eq(Biquad.Type.HIGH_SHELF, 6000, topdown.dsp.AceEq.SHELF_Q, 2);
        Insert hp = TopDownProcessors.eq(Biquad.Type.HIGH_PASS, 60, 0.707, 0);
        Insert busComp = TopDownProcessors.compressor(-12, 2, 20, 200, 0);
        Insert masterShelf = TopDownProcessors.eq(Biquad.Type.LOW_SHELF, 100, topdown.dsp.AceEq.SHELF_Q, -1.5);
        Track a = new Track(new TrackId("a"), "Mono", TrackKind.AUDIO, 1, List.of(Clip.of("a", mono, 0, n)), Gain.UNITY,
                Gain.UNITY, Pan.CENTRE, false, false, false, busId, List.of(), List.of(peak, comp), List.of(), Carry.NONE);
        Track b = new Track(new TrackId("b"), "Stereo", TrackKind.AUDIO, 2, List.of(Clip.of("b", st, 0, n)), Gain.UNITY,
                Gain.UNITY, Pan.CENTRE, false, false, false, busId, List.of(), List.of(hp, shelf), List.of(), Carry.NONE);
        Bus bus = Bus.group(busId, "Group").withInserts(List.of(busComp));
        Bus master = Bus.master(2).withInserts(List.of(masterShelf, TopDownProcessors.limiter(-1)));
        Session s = new Session("gen", "topdown", "1", RATE, n, List.of(a, b), List.of(bus), master, List.of(),
                Tempo.DEFAULT, PanLaw.ARDOUR, 0, List.of());
        topdown.format.SessionFormat f = SessionFormats.byId("ardour").orElseThrow();
        Path ardour = f.write(null, s, dir.resolve("gen.ardour"));
        List<String> lost = f.losses(s).stream().map(l -> l.track() + ": " + l.detail()).toList();
        assertEquals(2, lost.size(), lost.toString());
        assertTrue(lost.get(0).startsWith("Stereo: insert 'TopDown EQ high pass'"), lost.toString());
        assertTrue(lost.get(1).startsWith("Master: insert 'TopDown True-Peak Limiter'"), lost.toString());

        Shared.requireTool("ardour7-lua");
        Path json = tmp.resolve("gen-check.json");
        ardour("gen-check", "python3", Shared.dir().resolve("tools/ardour-ref/ardour_ref.py").toString(), "check",
                ardour.toString(), "--brief", "--json", json.toString());
        com.fasterxml.jackson.databind.JsonNode rep = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertTrue(rep.get("accepted").asBoolean(), rep.toString());
        assertTrue(rep.get("ardour_errors").isEmpty(), rep.get("ardour_errors").toString());
        java.util.Map<String, List<Insert>> want = java.util.Map.of("Mono", List.of(peak, comp), "Stereo", List.of(shelf),
                "Group", List.of(busComp), "Master", List.of(masterShelf));
        java.util.Map<String, Integer> channels = java.util.Map.of("Mono", 1, "Stereo", 2, "Group", 2, "Master", 2);
        int seen = 0;
        for (com.fasterxml.jackson.databind.JsonNode route : rep.get("routes")) {
            String rn = route.get("name").asText();
            List<com.fasterxml.jackson.databind.JsonNode> plugins = new ArrayList<>();
            route.get("processors").forEach(p -> {
                if (p.path("unique_id").asText().startsWith("urn:ardour:a-")) {
                    plugins.add(p);
                }
            });
            List<Insert> expected = want.get(rn);
            assertEquals(expected.size(), plugins.size(), rn + ": " + plugins);
            for (int i = 0; i < expected.size(); i++) {
                AcePlugins.Plugin pl = AcePlugins.of(expected.get(i), channels.get(rn), RATE);
                com.fasterxml.jackson.databind.JsonNode got = plugins.get(i);
                assertEquals(pl.uri(), got.get("unique_id").asText(), rn);
                assertTrue(got.get("active").asBoolean(), rn + " plugin active");
                java.util.Map<String, Double> byLabel = new java.util.HashMap<>();
                got.get("params").forEach(p -> {
                    if (p.path("input").asBoolean() && p.has("value")) {
                        byLabel.put(p.get("label").asText(), p.get("value").asDouble());
                    }
                });
                for (String[] sl : LABELS) {
                    if (pl.ports().containsKey(sl[0])) {
                        assertEquals(Double.parseDouble(pl.ports().get(sl[0])), byLabel.getOrDefault(sl[1], Double.NaN),
                                1e-5 * Math.max(1, Math.abs(Double.parseDouble(pl.ports().get(sl[0])))),
                                rn + " " + pl.uri() + " " + sl[1] + " " + byLabel);
                        seen++;
                    }
                }
            }
        }
        assertTrue(seen >= 40, "parameter values checked in Ardour: " + seen);
    }

    /** Port symbol and Ardour's label of the ACE parameters checked. */
    static final String[][] LABELS = {{"freql", "Frequency L"}, {"gl", "Gain L"}, {"freq1", "Frequency 1"},
        {"g1", "Gain 1"}, {"bw1", "Bandwidth 1"}, {"freqh", "Frequency H"}, {"gh", "Gain H"}, {"filtogl", "Filter L"},
        {"filtog1", "Filter 1"}, {"filtogh", "Filter H"}, {"enable", "Enable"}, {"att", "Attack"}, {"rel", "Release"},
        {"kn", "Knee"}, {"rat", "Ratio"}, {"thr", "Threshold"}, {"mak", "Makeup"}};
}
