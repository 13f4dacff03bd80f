package topdown.model;

/** Identifies a bus; {@link #MASTER} is the master bus. */
public record BusId(String value) {
    public static final BusId MASTER = new BusId("master");

    public BusId {
        Ids.require(value, "bus id");
    }

    public boolean isMaster() {
        return MASTER.value.equals(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
