package topdown.model;

public record TrackId(String value) {
    public TrackId {
        Ids.require(value, "track id");
    }

    @Override
    public String toString() {
        return value;
    }
}
