package topdown.format;

import java.io.IOException;
import java.util.List;

/** Audio the work needs is not there. CLI exit 4; the message lists every missing path. */
public class MissingMediaException extends IOException {
    private final List<String> missing;

    public MissingMediaException(String session, List<String> missing) {
        super(session + ": " + missing.size() + " missing media file(s): " + String.join(", ",
                missing.subList(0, Math.min(20, missing.size()))) + (missing.size() > 20 ? ", …" : ""));
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}
