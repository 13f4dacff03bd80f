package topdown.format;

/** Something survivable met while reading: understood-but-unsupported, unknown, or missing. */
public record Problem(Severity severity, String where, String message) {
    public enum Severity { INFO, WARNING }

    public static Problem warning(String where, String message) {
        return new Problem(Severity.WARNING, where, message);
    }

    @Override
    public String toString() {
        return (where == null || where.isEmpty() ? "" : where + ": ") + message;
    }
}
