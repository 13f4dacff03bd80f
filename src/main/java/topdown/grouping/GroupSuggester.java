package topdown.grouping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import topdown.model.Bus;
import topdown.model.BusId;
import topdown.model.Session;
import topdown.model.Track;

/**
 * Proposes a group for every track: the name model first; the session's own context (a track already
 * routed into a bus or folder whose name says the group) when the name says nothing or agrees; audio
 * evidence when given. Also builds the session with those groups applied (group buses created, tracks
 * routed; existing buses that already name a group are kept and reused).
 */
public final class GroupSuggester {
    public record Suggestion(Track track, Group group, double confidence, List<String> reasons) {
    }

    private final NameModel names = new NameModel();

    public List<Suggestion> suggest(Session s, Map<String, AudioEvidence> audio) {
        List<Suggestion> out = new ArrayList<>();
        for (Track t : s.tracks()) {
            if (t.name().startsWith("TopDown ")) {
                continue;
            }
            NameModel.Guess g = names.guess(t.name());
            List<String> reasons = new ArrayList<>(g.evidence());
            Group group = g.group();
            double conf = g.confidence();
            Bus parent = t.output() == null || t.output().isMaster() ? null : s.bus(t.output()).orElse(null);
            if (parent != null) {
                NameModel.Guess pg = names.guess(parent.name());
                if (pg.group() != Group.OTHER) {
                    if (group == Group.OTHER || conf < 0.5) {
                        group = pg.group();
                        conf = 0.7;
                        reasons.add("context: routed into '" + parent.name() + "'");
                    } else if (pg.group() == group) {
                        conf = Math.min(0.99, conf + 0.04);
                        reasons.add("context: already in '" + parent.name() + "'");
                    }
                }
            }
            AudioEvidence a = audio == null ? null : audio.get(t.name());
            if (a != null) {
                reasons.add(a.describe());
                if (group == Group.OTHER || conf < 0.5) {
                    group = a.group();
                    conf = a.confidence();
                } else if (a.group() == group) {
                    conf = Math.min(0.99, conf + 0.03);
                }
            }
            out.add(new Suggestion(t, group, conf, reasons));
        }
        return out;
    }

    /** A new session with group buses for the suggestions (OTHER tracks stay where they are). */
    public Session apply(Session s, List<Suggestion> suggestions) {
        Map<Group, BusId> busFor = new LinkedHashMap<>();
        Session out = s;
        for (Bus b : s.buses()) {
            Group g = names.guess(b.name()).group();
            if (g != Group.OTHER && !busFor.containsKey(g)) {
                busFor.put(g, b.id());
            }
        }
        int n = 1;
        for (Suggestion sg : suggestions) {
            if (sg.group() == Group.OTHER || sg.confidence() < 0.5) {
                continue;
            }
            BusId id = busFor.get(sg.group());
            if (id == null) {
                while (out.bus(new BusId("topdown-" + n)).isPresent()) {
                    n++;
                }
                id = new BusId("topdown-" + n);
                out = out.plusBus(Bus.group(id, sg.group().busName()));
                busFor.put(sg.group(), id);
            }
            final BusId target = id;
            Track current = out.track(sg.track().id()).orElseThrow();
            if (current.output() == null || !current.output().equals(target)) {
                out = out.withTrack(current.id(), t -> t.withOutput(target));
            }
        }
        return out;
    }
}
