package topdown.model;

import java.util.Objects;

/** An aux send from a track or bus to a bus. */
public record Send(BusId to, Gain gain, boolean preFader, boolean muted, Carry carry) {
    public Send {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(gain, "gain");
        carry = carry == null ? Carry.NONE : carry;
    }

    public static Send post(BusId to, Gain gain) {
        return new Send(to, gain, false, false, Carry.NONE);
    }
}
