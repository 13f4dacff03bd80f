package topdown.format.ardour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import topdown.format.SessionFormats;
import topdown.model.Bus;
import topdown.model.Clip;
import topdown.model.Session;
import topdown.model.Track;
import topdown.testing.Shared;

/**
 * For the sessions Ardour itself created (../shared/corpus/ardour-generated), TopDown's model agrees with what
 * real Ardour's Lua API reports after loading them: every route, its fader, its pan, where its output goes, and
 * every region's position, start offset, length and gain.
 */
class ArdourLuaAgreementTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(240)
    void modelMatchesArdoursOwnReport() throws Exception {
        Shared.requireTool("ardour7-lua");
        for (String song : List.of("pop120", "rock140", "soul90")) {
            Path src = Shared.corpus().resolve("ardour-generated/" + song + "/" + song + ".ardour");
            assumeTrue(Files.exists(src), song + " missing");
            // A copy whose interchange folder holds the real audio (the corpus keeps link stand-ins Ardour cannot open).
            Path dir = tmp.resolve(song);
            Path audio = dir.resolve("interchange/" + song + "/audiofiles");
            Files.createDirectories(audio);
            Files.copy(src, dir.resolve(song + ".ardour"));
            try (Stream<Path> s = Files.list(Shared.multitrack().resolve(song))) {
                for (Path w : s.filter(p -> p.toString().endsWith(".wav")).toList()) {
                    Files.createSymbolicLink(audio.resolve(w.getFileName()), w);
                }
            }
            Path json = tmp.resolve(song + ".json");
            Shared.run(null, 120, "python3", Shared.dir().resolve("tools/ardour-ref/ardour_ref.py").toString(), "check",
                    dir.resolve(song + ".ardour").toString(), "--brief", "--json", json.toString());
            JsonNode rep = new ObjectMapper().readTree(json.toFile());
            assertTrue(rep.get("accepted").asBoolean(), song + ": " + rep);
            Session s = SessionFormats.read(dir.resolve(song + ".ardour")).session();
            int tracks = 0;
            int regions = 0;
            for (JsonNode r : rep.get("routes")) {
                String name = r.get("name").asText();
                String kind = r.get("kind").asText();
                double gainDb = r.get("gain_db").asDouble();
                if (kind.equals("track")) {
                    tracks++;
                    Track t = s.trackNamed(name).orElseThrow(() -> new AssertionError(song + ": no track " + name));
                    assertEquals(gainDb, t.fader().db(), 0.01, song + " " + name + " fader");
                    assertEquals(r.get("muted").asBoolean(), t.mute(), song + " " + name + " mute");
                    JsonNode az = r.path("automation").path("pan_azimuth").path("value");
                    if (!az.isMissingNode()) {
                        assertEquals(az.asDouble(), (t.pan().position() + 1) / 2, 1e-6, song + " " + name + " pan");
                    }
                    String to = r.get("outputs").get(0).get("to").get(0).asText();
                    String bus = to.substring(0, to.indexOf('/'));
                    String ours = t.output().isMaster() ? s.master().name() : s.bus(t.output()).map(Bus::name).orElse("?");
                    assertEquals(bus, ours, song + " " + name + " output");
                    JsonNode regs = r.get("regions");
                    assertEquals(regs.size(), t.clips().size(), song + " " + name + " regions");
                    for (JsonNode g : regs) {
                        long pos = g.get("position").asLong();
                        Clip c = t.clips().stream().filter(x -> x.positionSamples() == pos).findFirst()
                                .orElseThrow(() -> new AssertionError(song + " " + name + ": no clip at " + pos));
                        assertEquals(g.get("length").asLong(), c.lengthSamples(), song + " " + name + " region length");
                        assertEquals(g.get("start").asLong(), c.offsetSamples(), song + " " + name + " region start");
                        assertEquals(g.get("scale_amplitude").asDouble(), c.gain().linear(), 1e-6,
                                song + " " + name + " region gain");
                        regions++;
                    }
                } else if (!name.equals(s.master().name())) {
                    Bus b = s.buses().stream().filter(x -> x.name().equals(name)).findFirst()
                            .orElseThrow(() -> new AssertionError(song + ": no bus " + name));
                    assertEquals(gainDb, b.fader().db(), 0.01, song + " " + name + " bus fader");
                } else {
                    assertEquals(gainDb, s.master().fader().db(), 0.01, song + " master fader");
                }
            }
            assertEquals(s.tracks().size(), tracks, song + ": every track reported");
            System.out.printf("%s: %d tracks, %d buses, %d regions agree with Ardour's Lua report%n", song, tracks,
                    s.buses().size(), regions);
        }
    }
}
