package topdown.format.reaper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import topdown.cli.CliTestAccess;
import topdown.demo.DemoSong;
import topdown.format.SessionFormats;
import topdown.grouping.GroupSuggester;
import topdown.model.Bus;
import topdown.model.BusKind;
import topdown.model.Clip;
import topdown.model.Insert;
import topdown.model.Session;
import topdown.model.Track;

/** mix, suggest-groups --apply, render and analyze on generated Reaper projects with real (synthesised) WAVs. */
class ReaperCliTest {
    @TempDir
    Path tmp;

    /** The demo song's stems as a Reaper project: one folder per group, its tracks inside. */
    private Path demoProject() throws Exception {
        Path dir = tmp.resolve("demo");
        Session demo = new DemoSong(3).write(dir);
        Map<String, List<Track>> byGroup = new LinkedHashMap<>();
        for (Track t : demo.tracks()) {
            byGroup.computeIfAbsent(demo.bus(t.output()).orElseThrow().name(), k -> new ArrayList<>()).add(t);
        }
        List<RppTestKit.T> ts = new ArrayList<>();
        for (Map.Entry<String, List<Track>> g : byGroup.entrySet()) {
            ts.add(new RppTestKit.T(g.getKey(), null, 0, "1 1", 0, 0));
            List<Track> members = g.getValue();
            for (int i = 0; i < members.size(); i++) {
                Track t = members.get(i);
                Clip c = t.clips().get(0);
                ts.add(new RppTestKit.T(t.name(), c.source().path(), c.lengthSamples() / (double) DemoSong.RATE,
                        i == members.size() - 1 ? "2 -1" : "0 0", t.fader().db(), t.pan().position()));
            }
        }
        Path f = dir.resolve("song.RPP");
        Files.writeString(f, RppTestKit.project(DemoSong.RATE, ts));
        return f;
    }

    @Test
    void mixWritesAReaperProjectWithGroupsJsEffectsAndStemTracks() throws Exception {
        Path f = demoProject();
        Session original = SessionFormats.read(f).session();
        Path out = tmp.resolve("mixed");
        CliTestAccess.run("mix", f.toString(), "--target", "spotify", "--out", out.toString());
        Path rpp = out.resolve("song.topdown.rpp");
        assertTrue(Files.exists(rpp), "the mix is written back as a Reaper project");
        RppTestKit.assertValidDepths(rpp);
        Session back = SessionFormats.read(rpp).session();
        Session mixed = SessionFormats.read(out.resolve("song.topdown.json")).session();

        Set<String> groups = new TreeSet<>();
        original.buses().stream().filter(b -> b.kind() == BusKind.GROUP).forEach(b -> groups.add(b.name()));
        Set<String> backGroups = new TreeSet<>();
        back.buses().stream().filter(b -> b.kind() == BusKind.GROUP).forEach(b -> backGroups.add(b.name()));
        assertEquals(groups, backGroups, "the folders are the groups");
        for (Bus b : mixed.buses()) {
            Bus rb = back.buses().stream().filter(x -> x.name().equals(b.name())).findFirst().orElseThrow();
            assertEquals(b.fader().db(), rb.fader().db(), 1e-9, b.name() + " fader as mixed");
        }
        for (Track t : original.tracks()) {
            Track m = mixed.trackNamed(t.name()).orElseThrow();
            Track r = back.trackNamed(t.name()).orElseThrow();
            assertEquals(m.fader().db(), r.fader().db(), 1e-9, t.name() + " fader as mixed");
            assertEquals(m.pan().position(), r.pan().position(), 1e-12, t.name() + " pan as mixed");
            assertEquals(mixed.bus(m.output()).orElseThrow().name(), back.bus(r.output()).orElseThrow().name(), t.name());
        }
        // Every TopDown processor a stock JS effect holds is in the project, with its values.
        int expectedJs = 0;
        int js = 0;
        List<List<Insert>> chains = new ArrayList<>();
        List<List<Insert>> backChains = new ArrayList<>();
        for (Track t : mixed.tracks()) {
            if (original.trackNamed(t.name()).isPresent()) {
                chains.add(t.inserts());
                backChains.add(back.trackNamed(t.name()).orElseThrow().inserts());
            }
        }
        for (Bus b : mixed.buses()) {
            chains.add(b.inserts());
            backChains.add(back.buses().stream().filter(x -> x.name().equals(b.name())).findFirst().orElseThrow().inserts());
        }
        chains.add(mixed.master().inserts());
        backChains.add(back.master().inserts());
        for (int k = 0; k < chains.size(); k++) {
            List<ReaperJs.Fx> want = new ArrayList<>();
            for (Insert i : chains.get(k)) {
                if (i.topdownProcessor() != null && ReaperJs.map(i) != null) {
                    want.add(ReaperJs.map(i));
                }
            }
            List<Insert> got = backChains.get(k).stream().filter(i -> i.pluginId().startsWith("JS:")).toList();
            assertEquals(want.size(), got.size(), "JS effects in chain " + k);
            for (int i = 0; i < want.size(); i++) {
                assertEquals(want.get(i).path(), got.get(i).name());
                for (int sl = 0; sl < want.get(i).sliders().length; sl++) {
                    assertEquals(want.get(i).sliders()[sl], got.get(i).parameters().get("slider" + (sl + 1)), 1e-9,
                            want.get(i).path() + " slider" + (sl + 1));
                }
            }
            expectedJs += want.size();
            js += got.size();
        }
        assertTrue(js >= 4, "JS effects written: " + js);
        assertEquals(expectedJs, js);
        assertTrue(back.master().inserts().stream().anyMatch(i -> i.name().equals("loser/masterLimiter")), "delivery limiter");
        assertEquals(mixed.master().fader().db(), back.master().fader().db(), 1e-9, "the master chain carries the old fader");

        long stems = mixed.tracks().stream().filter(t -> t.name().startsWith("TopDown ")).count();
        assertTrue(stems >= 3, "processed stems as tracks: " + stems);
        List<Track> backStems = back.tracks().stream().filter(t -> t.name().startsWith("TopDown ")).toList();
        assertEquals(stems, backStems.size());
        for (Track t : backStems) {
            assertTrue(t.mute(), t.name() + " is muted so it does not double the mix");
            assertEquals(1, t.clips().size());
            assertTrue(t.clips().get(0).source().found(), t.name() + " stem file found from the project");
            assertTrue(t.clips().get(0).source().path().startsWith("stems/processed/"), t.clips().get(0).source().path());
        }
        JsonNode loss = new ObjectMapper().readTree(out.resolve("session.loss.json").toFile());
        assertEquals("reaper", loss.get("to").asText());
        for (JsonNode l : loss.get("lost")) {
            assertFalse(l.get("kind").asText().equals("routing"), "no routing is lost: " + l);
        }
    }

    @Test
    void suggestGroupsApplyWritesFolders() throws Exception {
        Path dir = tmp.resolve("flat");
        Files.createDirectories(dir);
        List<RppTestKit.T> ts = new ArrayList<>();
        for (String n : new String[] {"Kick In", "Lead Vocal", "Snare Top", "Bass DI", "Hi-Hat", "Acoustic Guitar",
                "Backing Vocals L", "Electric Guitar"}) {
            ts.add(RppTestKit.T.plain(n, null, 0));
        }
        Path f = dir.resolve("flat.RPP");
        Files.writeString(f, RppTestKit.project(44100, ts));
        Path out = tmp.resolve("grouped.RPP");
        CliTestAccess.run("suggest-groups", f.toString(), "--apply", "--out", out.toString(), "--no-audio");
        int folders = RppTestKit.assertValidDepths(out);
        Session s = SessionFormats.read(f).session();
        GroupSuggester g = new GroupSuggester();
        Session expected = g.apply(s, g.suggest(s, Map.of()));
        Session back = SessionFormats.read(out).session();
        assertEquals(expected.buses().size(), folders, "one folder per suggested group");
        for (Track t : expected.tracks()) {
            assertEquals(expected.bus(t.output()).orElseThrow().name(),
                    back.bus(back.trackNamed(t.name()).orElseThrow().output()).orElseThrow().name(), t.name());
        }
        assertEquals("Drums", back.bus(back.trackNamed("Kick In").orElseThrow().output()).orElseThrow().name());
        assertEquals(back.trackNamed("Kick In").orElseThrow().output(), back.trackNamed("Hi-Hat").orElseThrow().output(),
                "kick and hi-hat share the drum folder although they were apart");
    }

    @Test
    void renderAndAnalyzeAGeneratedProjectWithMedia() throws Exception {
        Path dir = tmp.resolve("ra");
        RppTestKit.sine(dir.resolve("audio/a.wav"), 48000, 3, 1000, 0.25);
        List<RppTestKit.T> ts = List.of(new RppTestKit.T("Group", null, 0, "1 1", 0, 0),
                new RppTestKit.T("Loud", "audio/a.wav", 3, "0 0", 0, 0),
                new RppTestKit.T("Quiet", "audio/a.wav", 3, "2 -1", -6, 0));
        Path f = dir.resolve("ra.RPP");
        Files.createDirectories(dir);
        Files.writeString(f, RppTestKit.project(48000, ts));
        Path out = tmp.resolve("render");
        CliTestAccess.run("render", f.toString(), "--out", out.toString(), "--bits", "32f");
        double loud = RppTestKit.rms(out.resolve("tracks/Loud.wav"), 0.5, 2.5);
        double quiet = RppTestKit.rms(out.resolve("tracks/Quiet.wav"), 0.5, 2.5);
        assertEquals(-6.0, 20 * Math.log10(quiet / loud), 0.01, "the -6 dB fader");
        double group = RppTestKit.rms(out.resolve("buses/Group.wav"), 0.5, 2.5);
        assertEquals(loud + quiet, group, 1e-4, "in-phase tracks sum in their folder");
        assertEquals(group, RppTestKit.rms(out.resolve("master.wav"), 0.5, 2.5), 1e-4, "the folder feeds the master");

        Path json = tmp.resolve("analysis.json");
        CliTestAccess.run("analyze", f.toString(), "--json", json.toString());
        JsonNode a = new ObjectMapper().readTree(json.toFile());
        Map<String, Double> lufs = new LinkedHashMap<>();
        for (JsonNode t : a.get("tracks")) {
            lufs.put(t.get("name").asText(), t.get("loudness").get("integratedLufs").asDouble());
        }
        assertEquals(6.0, lufs.get("Loud") - lufs.get("Quiet"), 0.05, "loudness follows the fader: " + lufs);
        assertEquals(1, a.get("buses").size(), "the folder is analysed as a group");
    }
}
