package topdown.format.reaper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import topdown.audio.io.WavWriter;
import topdown.dsp.Biquad;
import topdown.format.Loss;
import topdown.format.ReadResult;
import topdown.format.SessionFormats;
import topdown.format.UnsupportedSessionException;
import topdown.format.topdown.SourceProbe;
import topdown.mix.TopDownProcessors;
import topdown.model.Bus;
import topdown.model.BusId;
import topdown.model.BusKind;
import topdown.model.Carry;
import topdown.model.Clip;
import topdown.model.Gain;
import topdown.model.Insert;
import topdown.model.Pan;
import topdown.model.Session;
import topdown.model.Source;
import topdown.model.Track;
import topdown.model.TrackId;
import topdown.model.TrackKind;
import topdown.render.RenderRequest;
import topdown.render.RenderResult;
import topdown.render.SessionRenderer;
import topdown.render.StemKind;
import topdown.report.Progress;
import topdown.testing.Shared;

/** Writing Reaper projects: folders, re-routing, stem tracks, JS effects, mix and suggest-groups write-back. */
class ReaperWriteTest {
    @TempDir
    Path tmp;

    static final int RATE = 48000;

    // ------------------------------------------------------------------ corpus: edits and folders

    @Test
    void faderPanMuteAndBusEditsChangeOnlyTheirLinesInTheChunkTree() throws Exception {
        Path f = Shared.corpus().resolve("reaper/jonch070-reaper-config/Film Template 1.2.RPP");
        ReadResult r = SessionFormats.read(f);
        Session s = r.session();
        Track t = s.tracks().stream().filter(x -> !x.carry().key().contains(":")).findFirst().orElseThrow();
        Bus b = s.buses().get(0);
        Session edited = s.withTrack(t.id(), x -> x.withFader(Gain.ofDb(-6)).withPan(Pan.of(-0.5)).withMute(true))
                .withBus(b.id(), x -> x.withFader(Gain.ofDb(-3)))
                .withMaster(s.master().withFader(Gain.ofDb(-1.5)));
        Path out = tmp.resolve("edit.RPP");
        r.format().write(r, edited, out);
        List<String> d = RppTestKit.diff(f, out);
        String tg = RppTestKit.guidOf(r, t.carry());
        String bg = RppTestKit.guidOf(r, b.carry());
        // Each changed line appears once removed and once added: track VOLPAN+MUTESOLO, bus VOLPAN, MASTER_VOLUME.
        assertEquals(8, d.size(), d.toString());
        for (String e : d) {
            String where = e.substring(1, e.indexOf(": "));
            String key = RppTestKit.key(e);
            assertTrue(where.equals(tg) && (key.equals("VOLPAN") || key.equals("MUTESOLO"))
                    || where.equals(bg) && key.equals("VOLPAN") || where.equals("project") && key.equals("MASTER_VOLUME"), e);
        }
        Session back = SessionFormats.read(out).session();
        Track tb = back.track(t.id()).orElseThrow();
        assertEquals(-6.0, tb.fader().db(), 1e-9);
        assertEquals(-0.5, tb.pan().position(), 1e-12);
        assertTrue(tb.mute());
        assertEquals(-3.0, back.bus(b.id()).orElseThrow().fader().db(), 1e-9);
        assertEquals(-1.5, back.master().fader().db(), 1e-9);
    }

    /**
     * On corpus projects with and without folders: a new group bus with two tracks moved in (one of them from
     * another folder where possible) and a third track re-routed into an existing folder. Re-read, exactly those
     * outputs change, depths stay valid, sends keep their source and target (AUXRECV renumbered), and the only
     * text differences are ISBUS/MAINSEND/AUXRECV lines plus the one new folder chunk.
     */
    @ParameterizedTest
    @ValueSource(strings = {"jonch070-reaper-config/Film Template 1.2.RPP",
            "jonch070-reaper-config/BTI Reaper Template_1 Unpopulated.RPP", "jonch070-reaper-config/LS Template_01.RPP",
            "jonch070-reaper-config/CRB EXPORT Template_1.RPP", "jonch070-reaper-config/SPAT Basic Template_1.RPP",
            "jonch070-reaper-config/Discover_template.rpp", "butbkadrug-reaper/Trust In You - Lauren Daigle - G - 88 BPM.rpp",
            "butbkadrug-reaper/More Love More Power - Em - 71 BPM(Matt).rpp", "perlence-rpp/vst.RPP",
"felipeclaro654-audiotest/Paranoid.RPP",
            "jonch070-reaper-config/render 32 stereo stems in multichannel file.RTrackTemplate"})
    void newFolderAndReRoutingOnCorpusProjects(String name) throws Exception {
        Path f = Shared.corpus().resolve("reaper/" + name);
        ReadResult r = SessionFormats.read(f);
        Session s = r.session();
        Map<BusId, Integer> members = new HashMap<>();
        // Folder members are chunks: a folder's own items (modelled as a track) do not keep it a folder.
        s.tracks().stream().filter(t -> !t.carry().key().contains(":"))
                .forEach(t -> members.merge(t.output() == null ? new BusId("none") : t.output(), 1, Integer::sum));
        s.buses().forEach(b -> members.merge(b.output() == null ? new BusId("none") : b.output(), 1, Integer::sum));
        List<Track> pick = new ArrayList<>();
        for (Track t : s.tracks()) {
            boolean leavesEmptyFolder = t.output() != null && !t.output().isMaster()
                    && members.getOrDefault(t.output(), 0) <= 1;
            if (!t.carry().key().contains(":") && !leavesEmptyFolder) {
                pick.add(t);
                if (t.output() != null) {
                    members.merge(t.output(), -1, Integer::sum);
                }
            }
        }
        if (pick.size() < 2) {
            throw new AssertionError(name + ": fewer than two movable tracks");
        }
        Track first = pick.get(0);
        Track last = pick.get(pick.size() - 1);
        BusId nb = new BusId("topdown-test");
        Session edited = s.plusBus(Bus.group(nb, "TopDown Test").withFader(Gain.ofDb(-2)))
                .withTrack(first.id(), t -> t.withOutput(nb)).withTrack(last.id(), t -> t.withOutput(nb));
        Track third = null;
        Bus folder = s.buses().stream().filter(b -> b.kind() == BusKind.GROUP).findFirst().orElse(null);
        if (folder != null) {
            for (Track t : pick.subList(1, pick.size() - 1)) {
                if (!folder.id().equals(t.output())) {
                    third = t;
                    break;
                }
            }
            if (third != null) {
                edited = edited.withTrack(third.id(), t -> t.withOutput(folder.id()));
            }
        }
        Path out = tmp.resolve("grouped-" + f.getFileName());
        r.format().write(r, edited, out);

        int folders = RppTestKit.assertValidDepths(out);
        assertEquals(s.buses().stream().filter(b -> b.kind() == BusKind.GROUP).count() + 1, folders, "folders");
        ReadResult back = SessionFormats.read(out);
        Map<String, String> before = RppTestKit.outputs(r);
        Map<String, String> after = RppTestKit.outputs(back);
        String newGuid = after.keySet().stream().filter(g -> !before.containsKey(g)).findFirst().orElseThrow();
        Bus newBus = back.session().buses().stream().filter(b -> RppTestKit.guidOf(back, b.carry()).equals(newGuid))
                .findFirst().orElseThrow();
        assertEquals("TopDown Test", newBus.name());
        assertEquals(BusKind.GROUP, newBus.kind());
        assertEquals(-2.0, newBus.fader().db(), 1e-9);
        Map<String, String> expected = new LinkedHashMap<>(before);
        expected.put(RppTestKit.guidOf(r, first.carry()), newGuid);
        expected.put(RppTestKit.guidOf(r, last.carry()), newGuid);
        if (third != null) {
            expected.put(RppTestKit.guidOf(r, third.carry()), RppTestKit.guidOf(r, folder.carry()));
        }
        expected.put(newGuid, "master");
        assertEquals(expected, after, name + ": outputs by track GUID");
        assertEquals(RppTestKit.sends(r), RppTestKit.sends(back), name + ": sends keep source and target");
        assertEquals(s.tracks().size(), back.session().tracks().size());
        for (Track t : s.tracks()) {
            Track bt = back.session().tracks().stream().filter(x -> RppTestKit.guidOf(back, x.carry())
                    .equals(RppTestKit.guidOf(r, t.carry())) && x.carry().key().contains(":") == t.carry().key().contains(":"))
                    .findFirst().orElseThrow();
            assertEquals(t.clips().size(), bt.clips().size(), t.name() + " items");
            assertEquals(t.fader().db(), bt.fader().db(), 1e-12, t.name() + " fader");
        }
        List<String> d = RppTestKit.diff(f, out);
        int newChunks = 0;
        for (String e : d) {
            if (e.startsWith("new track ")) {
                newChunks++;
                continue;
            }
            assertFalse(e.startsWith("removed") || e.contains("project: "), e);
            String key = RppTestKit.key(e);
            assertTrue(Set.of("ISBUS", "MAINSEND", "AUXRECV").contains(key), name + ": unexpected change " + e);
        }
        assertEquals(1, newChunks, d.toString());
        assertTrue(d.stream().anyMatch(e -> RppTestKit.key(e).equals("ISBUS")), "the moved tracks' depths changed");
    }

    // ------------------------------------------------------------------ generated projects

    private Path generated(List<RppTestKit.T> tracks) throws Exception {
        Path dir = tmp.resolve("proj");
        Files.createDirectories(dir);
        Path f = dir.resolve("song.RPP");
        Files.writeString(f, RppTestKit.project(RATE, tracks));
        return f;
    }

    @Test
    void nestedFoldersWhenBusesRouteToBuses() throws Exception {
        List<RppTestKit.T> ts = new ArrayList<>();
        for (String n : new String[] {"A", "B", "C", "D"}) {
            ts.add(RppTestKit.T.plain(n, null, 0));
        }
        ts.add(new RppTestKit.T("Existing", null, 0, "1 1", 0, 0));
        ts.add(RppTestKit.T.plain("E", null, 0));
        ts.add(new RppTestKit.T("F", null, 0, "2 -1", 0, 0));
        Path f = generated(ts);
        ReadResult r = SessionFormats.read(f);
        Session s = r.session();
        BusId outer = new BusId("outer");
        BusId inner = new BusId("inner");
        Bus existing = s.buses().get(0);
        Session e = s.plusBus(Bus.group(outer, "Outer")).plusBus(Bus.group(inner, "Inner").withOutput(outer))
                .withTrack(s.trackNamed("A").orElseThrow().id(), t -> t.withOutput(inner))
                .withTrack(s.trackNamed("B").orElseThrow().id(), t -> t.withOutput(inner))
                .withTrack(s.trackNamed("C").orElseThrow().id(), t -> t.withOutput(outer))
                .withTrack(s.trackNamed("D").orElseThrow().id(), t -> t.withOutput(existing.id()))
                .withBus(existing.id(), b -> b.withOutput(outer));
        Path out = tmp.resolve("nested.RPP");
        r.format().write(r, e, out);
        List<String> layout = new ArrayList<>();
        for (RppNode t : RppTestKit.tracks(RppTestKit.doc(out))) {
            layout.add(t.values("NAME").get(0) + " " + String.join(" ", t.values("ISBUS")));
        }
        assertEquals(List.of("Outer 1 1", "Inner 1 1", "A 0 0", "B 2 -1", "C 0 0", "Existing 1 1", "D 0 0", "E 0 0",
                "F 2 -2"), layout);
        RppTestKit.assertValidDepths(out);
        Session back = SessionFormats.read(out).session();
        Map<String, String> parent = new LinkedHashMap<>();
        for (Track t : back.tracks()) {
            parent.put(t.name(), back.bus(t.output()).orElseThrow().name());
        }
        for (Bus b : back.buses()) {
            parent.put(b.name(), back.bus(b.output()).orElseThrow().name());
        }
        assertEquals(Map.of("A", "Inner", "B", "Inner", "C", "Outer", "D", "Existing", "E", "Existing", "F", "Existing",
                "Inner", "Outer", "Existing", "Outer", "Outer", "Master"), parent);
    }

    @Test
    void editsOfAFoldersOwnItemsGoToItsNotesAndTheLosses() throws Exception {
        Path f = generated(List.of(new RppTestKit.T("Pad", "audio/pad.wav", 2, "1 1", 0, 0),
                new RppTestKit.T("Child", null, 0, "2 -1", 0, 0)));
        ReadResult r = SessionFormats.read(f);
        Track items = r.session().tracks().stream().filter(t -> t.carry().key().endsWith(":items")).findFirst().orElseThrow();
        Session e = r.session().withTrack(items.id(), t -> t.withFader(Gain.ofDb(-3))
                .withInserts(List.of(TopDownProcessors.eq(Biquad.Type.PEAK, 500, 1, -2))));
        Path out = tmp.resolve("items.RPP");
        r.format().write(r, e, out);
        List<String> d = RppTestKit.diff(f, out);
        assertEquals(4, d.size(), d.toString());
        assertTrue(d.stream().allMatch(x -> x.startsWith("+")), "only additions: " + d);
        assertTrue(d.contains("+" + RppTestKit.guidOf(r, items.carry()) + ": <NOTES"), d.toString());
        assertTrue(d.stream().anyMatch(x -> x.contains("|the folder's own items: fader -3.00 dB")), d.toString());
        assertTrue(d.stream().anyMatch(x -> x.contains("|the folder's own items: TopDown EQ peak")), d.toString());
        List<Loss> losses = r.format().losses(e);
        assertEquals(2, losses.size(), losses.toString());
        assertTrue(losses.stream().allMatch(l -> l.track().equals("Pad (folder items)")), losses.toString());
    }

    @Test
    void routingLoopsAndFxBusOutputsAreRefused() throws Exception {
        Path f = generated(List.of(RppTestKit.T.plain("A", null, 0), RppTestKit.T.plain("B", null, 0)));
        ReadResult r = SessionFormats.read(f);
        Session s = r.session();
        BusId x = new BusId("x");
        BusId y = new BusId("y");
        Session loop = s.plusBus(Bus.group(x, "X").withOutput(y)).plusBus(Bus.group(y, "Y").withOutput(x))
                .withTrack(s.tracks().get(0).id(), t -> t.withOutput(x));
        UnsupportedSessionException e = assertThrows(UnsupportedSessionException.class,
                () -> r.format().write(r, loop, tmp.resolve("loop.RPP")));
        assertTrue(e.getMessage().contains("loop"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("loop.RPP")));

        // A receive track (an FX bus in the model) is fed by sends; routing a track's output into it is refused.
        Path fx = tmp.resolve("fx/send.RPP");
        Files.createDirectories(fx.getParent());
        Files.writeString(fx, RppTestKit.project(RATE, List.of(RppTestKit.T.plain("A", null, 0), RppTestKit.T.plain("Rev",
                null, 0), RppTestKit.T.plain("B", null, 0))).replace("NAME \"Rev\"\n",
                "NAME \"Rev\"\n    AUXRECV 0 0 1 0 0 0 0 0 0 -1 0 -1\n"));
        ReadResult rf = SessionFormats.read(fx);
        Bus rev = rf.session().buses().get(0);
        assertEquals(BusKind.FX, rev.kind());
        Session into = rf.session().withTrack(rf.session().trackNamed("B").orElseThrow().id(), t -> t.withOutput(rev.id()));
        UnsupportedSessionException fe = assertThrows(UnsupportedSessionException.class,
                () -> rf.format().write(rf, into, tmp.resolve("fx/into.RPP")));
        assertTrue(fe.getMessage().contains("receive (FX) track"), fe.getMessage());
        // Moving A (the send's source) behind B renumbers the receive: the send still comes from A.
        BusId g = new BusId("g");
        Session moved = rf.session().plusBus(Bus.group(g, "G")).withTrack(rf.session().trackNamed("B").orElseThrow().id(),
                t -> t.withOutput(g)).withTrack(rf.session().trackNamed("A").orElseThrow().id(), t -> t.withOutput(g));
        Path mv = tmp.resolve("fx/moved.RPP");
        rf.format().write(rf, moved, mv);
        List<String> order = new ArrayList<>();
        for (RppNode t : RppTestKit.tracks(RppTestKit.doc(mv))) {
            order.add(t.values("NAME").get(0) + (t.line("AUXRECV") == null ? "" : " <- " + t.values("AUXRECV").get(0)));
        }
        assertEquals(List.of("G", "A", "B", "Rev <- 1"), order, "the receive follows A to index 1");
        assertEquals(RppTestKit.sends(rf), RppTestKit.sends(SessionFormats.read(mv)));
    }

    @Test
    void mediaOutsideTheProjectFolderStayFoundWhenWrittenElsewhere() throws Exception {
        // REAPER projects often point at a shared sample folder beside them: FILE "../samples/tone.wav".
        Path f = generated(List.of(RppTestKit.T.plain("Tone", "../samples/tone.wav", 2),
                RppTestKit.T.plain("Inside", "audio/in.wav", 2)));
        RppTestKit.sine(tmp.resolve("samples/tone.wav"), RATE, 2, 1000, 0.25);
        RppTestKit.sine(f.resolveSibling("audio/in.wav"), RATE, 2, 500, 0.25);
        String before = RppTestKit.text(f);
        ReadResult r = SessionFormats.read(f);
        assertTrue(SessionRenderer.missingMedia(r.session()).isEmpty());
        Path out = tmp.resolve("elsewhere/deeper/song-copy.RPP");
        r.format().write(r, r.session(), out);

        List<RppNode> tracks = RppTestKit.tracks(RppTestKit.doc(out));
        assertEquals(tmp.resolve("samples/tone.wav").toAbsolutePath().normalize().toString(),
                tracks.get(0).node("ITEM").node("SOURCE").values("FILE").get(0), "absolute: it cannot be linked");
        assertEquals("audio/in.wav", tracks.get(1).node("ITEM").node("SOURCE").values("FILE").get(0),
                "inside the project folder: kept as read (its folder is linked)");
        ReadResult back = SessionFormats.read(out);
        assertTrue(SessionRenderer.missingMedia(back.session()).isEmpty(), "all media found from the new folder");
        assertEquals(before, RppTestKit.text(f), "the original is untouched");
        Path same = f.resolveSibling("song-same-folder.RPP");
        r.format().write(r, r.session(), same);
        assertEquals(before, RppTestKit.text(same), "written beside the original: byte for byte");
    }

    @Test
    void newStemTrackRendersAtItsPosition() throws Exception {
        Path f = generated(List.of(RppTestKit.T.plain("Tone", "audio/tone.wav", 4)));
        RppTestKit.sine(f.resolveSibling("audio/tone.wav"), RATE, 4, 1000, 0.25);
        Path stem = tmp.resolve("elsewhere/stems/stem.wav");
        RppTestKit.sine(stem, RATE, 1, 440, 0.5);
        ReadResult r = SessionFormats.read(f);
        Source src = SourceProbe.probe("stem", stem.toString(), stem, null);
        Clip c = Clip.of("TopDown stem", src, 2 * RATE, RATE);
        Track t = new Track(new TrackId("new-stem"), "TopDown stem", TrackKind.AUDIO, 2, List.of(c), Gain.UNITY, Gain.UNITY,
                Pan.CENTRE, false, false, false, BusId.MASTER, List.of(), List.of(), List.of(), Carry.NONE);
        Path out = tmp.resolve("elsewhere/with-stem.RPP");
        r.format().write(r, r.session().plusTrack(t), out);

        RppNode chunk = RppTestKit.tracks(RppTestKit.doc(out)).get(1);
        assertEquals("TopDown stem", chunk.values("NAME").get(0));
        assertEquals(chunk.args().get(0), chunk.values("TRACKID").get(0));
        RppNode item = chunk.node("ITEM");
        assertEquals("2", item.values("POSITION").get(0));
        assertEquals("1", item.values("LENGTH").get(0));
        assertEquals("0", item.values("SOFFS").get(0));
        assertEquals("stems/stem.wav", item.node("SOURCE").values("FILE").get(0), "relative to the project");
        String text = RppTestKit.text(out);
        for (String key : List.of("TRACKID", "IGUID", "GUID")) {
            String g = key.equals("TRACKID") ? chunk.values(key).get(0) : item.values(key).get(0);
            assertEquals(key.equals("TRACKID") ? 2 : 1, text.split(java.util.regex.Pattern.quote(g), -1).length - 1,
                    key + " " + g + " is unique in the file");
        }
        assertTrue(Files.exists(out.resolveSibling("audio")), "the original media folder is linked beside the copy");

        ReadResult back = SessionFormats.read(out);
        Track bt = back.session().trackNamed("TopDown stem").orElseThrow();
        assertEquals(2L * RATE, bt.clips().get(0).positionSamples());
        assertEquals(RATE, bt.clips().get(0).lengthSamples());
        assertTrue(SessionRenderer.missingMedia(back.session()).isEmpty(), "all media found from the new folder");
        RenderResult rr = SessionRenderer.render(back, new RenderRequest(tmp.resolve("render"), Set.of(StemKind.TRACKS,
                StemKind.MASTER), WavWriter.Encoding.FLOAT32, 0, null, 0, 0), Progress.NONE);
        Path stemOut = rr.tracks().get("TopDown stem");
        Path toneOut = rr.tracks().get("Tone");
        double inside = RppTestKit.rms(stemOut, 2.05, 2.95);
        double tone = RppTestKit.rms(toneOut, 2.05, 2.95);
        // Same pan law for both tracks: the stem (0.5 peak) is 6.02 dB above the tone (0.25 peak).
        assertEquals(20 * Math.log10(2), 20 * Math.log10(inside / tone), 0.05);
        assertTrue(RppTestKit.rms(stemOut, 0, 1.99) < 1e-6, "silent before its position");
        assertTrue(RppTestKit.rms(stemOut, 3.01, 4) < 1e-6, "silent after its end");
        assertTrue(RppTestKit.rms(rr.master(), 2.05, 2.95) > RppTestKit.rms(rr.master(), 0.05, 0.95) * 1.5,
                "the stem adds to the master at 2-3 s");
    }

    @Test
    void topDownProcessorsBecomeJsEffectsThatParseBack() throws Exception {
        Path f = generated(List.of(RppTestKit.T.plain("Tone", null, 0), RppTestKit.T.plain("Other", null, 0)));
        ReadResult r = SessionFormats.read(f);
        Session s = r.session();
        Track tone = s.trackNamed("Tone").orElseThrow();
        List<Insert> chain = List.of(TopDownProcessors.eq(Biquad.Type.PEAK, 250, 1.0, -3),
                TopDownProcessors.eq(Biquad.Type.HIGH_PASS, 80, 0.707, 0), TopDownProcessors.eq(Biquad.Type.LOW_SHELF, 100,
                        0.707, 2), TopDownProcessors.compressor(-18, 3, 10, 120, 2), TopDownProcessors.width(120));
        Session e = s.withTrack(tone.id(), t -> t.withInserts(chain))
                .withMaster(s.master().withInserts(List.of(TopDownProcessors.gain(2.5), TopDownProcessors.limiter(-1.3))));
        Path out = tmp.resolve("fx.RPP");
        r.format().write(r, e, out);

        Session back = SessionFormats.read(out).session();
        List<Insert> got = back.trackNamed("Tone").orElseThrow().inserts();
        assertEquals(List.of("Teej/rbj4eq-teej", "Teej/rbj4eq-teej", "sstillwell/majortom"),
                got.stream().map(Insert::name).toList());
        assertEquals(250.0, got.get(0).parameters().get("slider2"));
        assertEquals(1.0, got.get(0).parameters().get("slider3"));
        assertEquals(-3.0, got.get(0).parameters().get("slider4"));
        assertEquals(0.0, got.get(0).parameters().get("slider1"), "high-pass off in the peak instance");
        assertEquals(22000.0, got.get(0).parameters().get("slider14"), "low-pass off");
        assertEquals(80.0, got.get(1).parameters().get("slider1"));
        assertEquals(0.0, got.get(1).parameters().get("slider4"), "no peak band in the high-pass instance");
        Map<String, Double> comp = got.get(2).parameters();
        assertEquals(List.of(-18.0, 3.0, 2.0, 3.0, 0.0, 0.0, 1.0, 0.0), List.of(comp.get("slider1"), comp.get("slider2"),
                comp.get("slider3"), comp.get("slider4"), comp.get("slider5"), comp.get("slider6"), comp.get("slider7"),
                comp.get("slider8")));
        assertEquals(topdown.model.InsertKind.COMPRESSOR, got.get(2).kind());
        List<Insert> master = back.master().inserts();
        assertEquals(List.of("utility/volume", "loser/masterLimiter"), master.stream().map(Insert::name).toList());
        // utility/volume applies 2^(x/6): x = 2.5 / (20 log10 2 / 6) gives exactly +2.5 dB.
        double x = master.get(0).parameters().get("slider1");
        assertEquals(2.5, 20 * Math.log10(Math.pow(2, x / 6)), 1e-5);
        assertEquals(150.0, master.get(0).parameters().get("slider2"), "no output clamp");
        assertEquals(-1.3, master.get(1).parameters().get("slider1"));
        assertEquals(-1.3, master.get(1).parameters().get("slider6"));
        assertEquals(1000.0, master.get(1).parameters().get("slider2"), "look-ahead at its 1 ms maximum");

        RppNode track = RppTestKit.tracks(RppTestKit.doc(out)).get(0);
        RppNode fxchain = track.node("FXCHAIN");
        assertEquals(3, fxchain.nodes("JS").size());
        assertEquals(3, fxchain.lines("FXID").size());
        assertEquals(64, fxchain.nodes("JS").get(0).children().stream().filter(o -> o instanceof RppNode.Line)
                .map(o -> ((RppNode.Line) o).tokens().size()).findFirst().orElseThrow(), "64 slider slots");
        assertEquals(250.0, ReaperJs.sliders(fxchain.nodes("JS").get(0))[1]);
        String notes = String.join("\n", RppTestKit.flat(track.node("NOTES")));
        assertTrue(notes.contains("|TopDown EQ low shelf (type=1, hz=100, q=0.707, gainDb=2) is not written"), notes);
        assertTrue(notes.contains("TopDown Mono Bass"), notes);
        assertTrue(notes.contains("attack 10.0 ms and release 120 ms"), notes);
        String projectNotes = String.join("\n", RppTestKit.flat(RppTestKit.doc(out).root().node("NOTES")));
        assertTrue(projectNotes.contains("Master: TopDown True-Peak Limiter written as JS loser/masterLimiter; not held: true-peak"),
                projectNotes);
        List<Loss> losses = r.format().losses(e);
        assertTrue(losses.stream().anyMatch(l -> l.kind().equals("plugin") && l.detail().contains("EQ low shelf")), "" + losses);
        assertTrue(losses.stream().anyMatch(l -> l.detail().contains("Mono Bass")), "" + losses);
        assertFalse(losses.stream().anyMatch(l -> l.detail().contains("EQ peak") || l.detail().contains("EQ high pass")),
                "the written EQ bands are not losses: " + losses);
        assertTrue(r.format().writesProcessor(TopDownProcessors.limiter(-1.3), 2));
        assertFalse(r.format().writesProcessor(TopDownProcessors.width(120), 2));
    }

    /**
     * The JS EQ's filters, computed with the formulas of Teej/rbj4eq-teej (cookbook peak with A = 10^(g/40),
     * high-pass with Q = 1/sqrt 2, low-pass with Q = 1), match TopDown's own biquads to 1e-9 dB: what TopDown
     * rendered is what REAPER plays.
     */
    @Test
    void jsEqBandsAreTheSameFiltersAsTopDowns() {
        double rate = 44100;
        for (double[] band : new double[][] {{0, 250, 1.0, -3}, {0, 3150, 2.5, 4.5}, {3, 80, Math.sqrt(0.5), 0},
                {4, 8000, 1.0, 0}}) {
            Biquad.Type type = Biquad.Type.values()[(int) band[0]];
            Insert in = TopDownProcessors.eq(type, band[1], band[2], band[3]);
            ReaperJs.Fx fx = ReaperJs.map(in);
            assertNotNull(fx, type + " is written");
            Biquad ours = new Biquad(type, rate, band[1], band[2], band[3], 1);
            double[] js = teejCoefficients(fx.sliders(), type, rate);
            for (double hz : new double[] {30, 80, 250, 1000, 3150, 8000, 16000}) {
                assertEquals(ours.magnitudeDb(hz, rate), magnitudeDb(js, hz, rate), 1e-9, type + " at " + hz + " Hz");
            }
        }
        assertEquals(null, ReaperJs.map(TopDownProcessors.eq(Biquad.Type.PEAK, 250, 1.0, 9)), "+9 dB is beyond the +6 dB range");
        assertEquals(null, ReaperJs.map(TopDownProcessors.eq(Biquad.Type.HIGH_PASS, 80, 1.2, 0)), "resonant high-pass");
    }

    /** b0 b1 b2 a1 a2 from the slider values, as rbj4eq-teej's @slider section computes them. */
    private static double[] teejCoefficients(double[] s, Biquad.Type type, double srate) {
        double b0;
        double b1;
        double b2;
        double a0;
        double a1;
        double a2;
        if (type == Biquad.Type.PEAK) {
            double a = Math.pow(10, s[3] / 40);
            double w0 = 2 * Math.PI * s[1] / srate;
            double alpha = Math.sin(w0) / (2 * s[2]);
            b0 = 1 + alpha * a; b1 = -2 * Math.cos(w0); b2 = 1 - alpha * a;
            a0 = 1 + alpha / a; a1 = -2 * Math.cos(w0); a2 = 1 - alpha / a;
        } else if (type == Biquad.Type.HIGH_PASS) {
            double q = 1 / Math.sqrt((1 + 1) * (1 / 1.0 - 1) + 2);
            double w0 = 2 * Math.PI * s[0] / srate;
            double alpha = Math.sin(w0) / (2 * q);
            b0 = (1 + Math.cos(w0)) / 2; b1 = -(1 + Math.cos(w0)); b2 = (1 + Math.cos(w0)) / 2;
            a0 = 1 + alpha; a1 = -2 * Math.cos(w0); a2 = 1 - alpha;
        } else {
            double q = 1 / Math.sqrt((1 + 1) * (1 / 2.0 - 1) + 2);
            double w0 = 2 * Math.PI * s[13] / srate;
            double alpha = Math.sin(w0) / (2 * q);
            b0 = (1 - Math.cos(w0)) / 2; b1 = 1 - Math.cos(w0); b2 = (1 - Math.cos(w0)) / 2;
            a0 = 1 + alpha; a1 = -2 * Math.cos(w0); a2 = 1 - alpha;
        }
        return new double[] {b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0};
    }

    private static double magnitudeDb(double[] c, double hz, double rate) {
        double w = 2 * Math.PI * hz / rate;
        double cr = c[0] + c[1] * Math.cos(w) + c[2] * Math.cos(2 * w);
        double ci = -(c[1] * Math.sin(w) + c[2] * Math.sin(2 * w));
        double dr = 1 + c[3] * Math.cos(w) + c[4] * Math.cos(2 * w);
        double di = -(c[3] * Math.sin(w) + c[4] * Math.sin(2 * w));
        return 10 * Math.log10((cr * cr + ci * ci) / (dr * dr + di * di));
    }
}
