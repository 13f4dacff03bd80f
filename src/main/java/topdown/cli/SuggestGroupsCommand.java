package topdown.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import topdown.audio.io.AudioFiles;
import topdown.audio.io.AudioSource;
import topdown.audio.io.WavWriter;
import topdown.format.ReadResult;
import topdown.format.SessionFormat;
import topdown.format.SessionFormats;
import topdown.format.topdown.SessionJson;
import topdown.grouping.AudioEvidence;
import topdown.grouping.AudioFeatures;
import topdown.grouping.GroupSuggester;
import topdown.model.Session;
import topdown.render.RenderRequest;
import topdown.render.RenderResult;
import topdown.render.SessionRenderer;
import topdown.render.StemKind;
import topdown.report.Progress;
import topdown.report.SessionAnalyzer;

@Command(name = "suggest-groups", mixinStandardHelpOptions = true,
        description = "Proposes a group (drums, bass, vocals, backings, guitars, keys, strings, brass, fx, other) for every"
                + " track from its name, the session's own folders/buses and its audio; --apply writes a new session with"
                + " group buses and the tracks routed to them.")
final class SuggestGroupsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SESSION")
    Path session;

    @Option(names = "--json", description = "print JSON (CLI.md)")
    boolean json;

    @Option(names = "--apply", description = "write a new session with the groups")
    boolean apply;

    @Option(names = "--out", paramLabel = "FILE", description = "where --apply writes (never the input)")
    Path out;

    @Option(names = "--no-audio", description = "names and session context only")
    boolean noAudio;

    @Option(names = "--verbose", description = "stack traces on errors")
    boolean verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (apply && out == null) {
            throw new IllegalArgumentException("usage: --apply needs --out FILE");
        }
        ReadResult r = SessionFormats.read(session);
        Session s = r.session();
        Map<String, AudioEvidence> audio = new HashMap<>();
        if (!noAudio && SessionRenderer.missingMedia(s).isEmpty() && !s.tracks().isEmpty()) {
            Path scratch = Files.createTempDirectory("topdown-groups-");
            try {
                RenderResult rr = SessionRenderer.render(r, new RenderRequest(scratch, Set.of(StemKind.TRACKS),
                        WavWriter.Encoding.FLOAT32, 0, null, 0, 0), Progress.stderr());
                for (Map.Entry<String, Path> e : rr.tracks().entrySet()) {
                    try (AudioSource a = AudioFiles.open(e.getValue())) {
                        audio.put(e.getKey(), AudioFeatures.measure(a));
                    }
                }
            } finally {
                SessionAnalyzer.deleteTree(scratch);
            }
        } else if (!noAudio) {
            System.err.println("suggest-groups: media missing: names and session context only");
        }
        GroupSuggester g = new GroupSuggester();
        List<GroupSuggester.Suggestion> sug = g.suggest(s, audio);
        java.io.PrintWriter o = spec.commandLine().getOut();
        if (json) {
            ArrayNode arr = SessionJson.mapper().createArrayNode();
            for (GroupSuggester.Suggestion x : sug) {
                ObjectNode n = arr.addObject();
                n.put("track", x.track().name());
                n.put("group", x.group().jsonName());
                n.put("confidence", Math.round(x.confidence() * 100) / 100.0);
                ArrayNode reasons = n.putArray("reasons");
                x.reasons().forEach(reasons::add);
            }
            o.println(SessionJson.mapper().writeValueAsString(arr));
        } else {
            for (GroupSuggester.Suggestion x : sug) {
                o.printf("%-28s %-9s %.2f  %s%n", x.track().name(), x.group().jsonName(), x.confidence(),
                        String.join("; ", x.reasons()));
            }
        }
        if (apply) {
            Session grouped = g.apply(s, sug);
            SessionFormat f = SessionFormats.forName(out).orElse(r.format());
            ReadResult original = f.id().equals(r.format().id()) ? r : null;
            Path written = f.write(original, grouped, out);
            System.err.println("suggest-groups: wrote " + written);
        }
        return 0;
    }
}
