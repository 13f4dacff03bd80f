package topdown.format;

import java.io.IOException;

/** The input is not a valid session (bad bytes, broken structure, hostile content). CLI exit 3. */
public class SessionFormatException extends IOException {
    private final transient SourceLocation location;

    public SessionFormatException(SourceLocation location, String message) {
        super(location + ": " + message);
        this.location = location;
    }

    public SessionFormatException(SourceLocation location, String message, Throwable cause) {
        super(location + ": " + message, cause);
        this.location = location;
    }

    public SourceLocation location() {
        return location;
    }
}
