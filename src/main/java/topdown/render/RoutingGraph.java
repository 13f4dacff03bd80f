package topdown.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import topdown.format.SessionFormatException;
import topdown.format.SourceLocation;
import topdown.model.Bus;
import topdown.model.BusId;
import topdown.model.Send;
import topdown.model.Session;
import topdown.model.Track;

/**
 * The bus graph in processing order: every bus after all buses that feed it (through outputs, further
 * output connections or sends), the master last. A cycle is an error naming the buses involved.
 */
final class RoutingGraph {
    private final List<Bus> order;

    private RoutingGraph(List<Bus> order) {
        this.order = order;
    }

    static RoutingGraph of(Session s) throws SessionFormatException {
        Map<BusId, Bus> byId = new LinkedHashMap<>();
        for (Bus b : s.buses()) {
            byId.put(b.id(), b);
        }
        Map<BusId, List<BusId>> feeds = new HashMap<>(); // bus -> buses it feeds
        for (Bus b : s.buses()) {
            List<BusId> out = new ArrayList<>();
            if (b.output() != null && !b.output().isMaster()) {
                out.add(b.output());
            }
            for (BusId x : b.extraOutputs()) {
                if (!x.isMaster()) {
                    out.add(x);
                }
            }
            for (Send sd : b.sends()) {
                if (!sd.to().isMaster()) {
                    out.add(sd.to());
                }
            }
            feeds.put(b.id(), out);
        }
        for (Track t : s.tracks()) {
            if (t.output() != null && s.bus(t.output()).isEmpty()) {
                throw new SessionFormatException(SourceLocation.element(null, "track " + t.name()),
                        "routes to bus '" + t.output() + "' that the session does not have");
            }
            for (BusId x : t.extraOutputs()) {
                if (s.bus(x).isEmpty()) {
                    throw new SessionFormatException(SourceLocation.element(null, "track " + t.name()),
                            "routes to bus '" + x + "' that the session does not have");
                }
            }
        }
        List<Bus> order = new ArrayList<>();
        Map<BusId, Integer> state = new HashMap<>(); // 1 visiting, 2 done
        for (Bus b : s.buses()) {
            visit(b.id(), byId, feeds, state, order, new ArrayList<>());
        }
        java.util.Collections.reverse(order);
        return new RoutingGraph(order);
    }

    private static void visit(BusId id, Map<BusId, Bus> byId, Map<BusId, List<BusId>> feeds, Map<BusId, Integer> state,
                              List<Bus> order, List<String> path) throws SessionFormatException {
        Integer st = state.get(id);
        if (st != null && st == 2) {
            return;
        }
        Bus b = byId.get(id);
        if (b == null) {
            throw new SessionFormatException(SourceLocation.element(null, "bus " + id),
                    "routing refers to a bus that does not exist");
        }
        if (st != null && st == 1) {
            path.add(b.name());
            throw new SessionFormatException(SourceLocation.element(null, "routing"),
                    "feedback loop between buses: " + String.join(" -> ", path));
        }
        state.put(id, 1);
        path.add(b.name());
        for (BusId next : feeds.getOrDefault(id, List.of())) {
            visit(next, byId, feeds, state, order, path);
        }
        path.remove(path.size() - 1);
        state.put(id, 2);
        order.add(b);
    }

    /** Buses (not the master) in processing order: sources before destinations. */
    List<Bus> order() {
        return order;
    }
}
