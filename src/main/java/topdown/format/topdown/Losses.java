package topdown.format.topdown;

import java.util.ArrayList;
import java.util.List;
import topdown.format.Loss;
import topdown.model.Insert;
import topdown.model.Session;
import topdown.model.Track;

/** What TopDown's own session document cannot carry: plugin state blobs (names and parameters are kept). */
final class Losses {
    private Losses() {
    }

    static List<Loss> of(Session s) {
        List<Loss> out = new ArrayList<>();
        for (Track t : s.tracks()) {
            for (Insert i : t.inserts()) {
                if (i.nativePayload() != null) {
                    out.add(Loss.of("plugin", t.name(), i.name() + ": opaque plugin state not carried (name, bypass and"
                            + " parameters are)"));
                }
            }
        }
        return out;
    }
}
