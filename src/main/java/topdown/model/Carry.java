package topdown.model;

/**
 * An opaque key from a model object back to its node in the native document a reader kept
 * (an Ardour route id, an RPP track index, a DAWproject element id). Same-format writers use it to
 * patch only what changed. {@link #NONE} marks objects that are new (added by TopDown).
 */
public record Carry(String format, String key) {
    public static final Carry NONE = new Carry("", "");

    public boolean isNew() {
        return key.isEmpty();
    }

    public static Carry of(String format, String key) {
        return new Carry(format, key);
    }
}
