package topdown.format;

import java.nio.file.Path;

/** Where in an input file something is: a line, an element path, or a byte offset (any may be absent). */
public record SourceLocation(Path file, int line, String element, long byteOffset) {
    public static SourceLocation file(Path file) {
        return new SourceLocation(file, 0, null, -1);
    }

    public static SourceLocation line(Path file, int line) {
        return new SourceLocation(file, line, null, -1);
    }

    public static SourceLocation element(Path file, String element) {
        return new SourceLocation(file, 0, element, -1);
    }

    public static SourceLocation offset(Path file, long offset) {
        return new SourceLocation(file, 0, null, offset);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file == null ? "<input>" : String.valueOf(file.getFileName()));
        if (line > 0) {
            sb.append(": line ").append(line);
        }
        if (element != null) {
            sb.append(": ").append(element);
        }
        if (byteOffset >= 0) {
            sb.append(": offset ").append(byteOffset);
        }
        return sb.toString();
    }
}
