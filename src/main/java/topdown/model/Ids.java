package topdown.model;

/** Namespace for the small identifier helpers; see {@link TrackId} and {@link BusId}. */
final class Ids {
    private Ids() {
    }

    static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }
}
