package topdown.format;

import java.io.IOException;

/** The input is understood but TopDown cannot handle it (newer major version, no audio). CLI exit 3. */
public class UnsupportedSessionException extends IOException {
    public UnsupportedSessionException(String message) {
        super(message);
    }
}
