package topdown.model;

import java.util.List;
import java.util.Objects;

/**
 * A bus: group submix, FX return, or the master (id {@link BusId#MASTER}, output null). {@code extraOutputs}:
 * further buses its output is connected to, each receiving the same signal as {@code output} (see
 * {@link Track}).
 */
public record Bus(BusId id, String name, BusKind kind, int channels, Gain fader, Gain trim, Pan pan,
                  boolean mute, boolean solo, boolean polarityInverted, BusId output, List<Send> sends,
                  List<Insert> inserts, List<Automation> automation, Carry carry,
                  List<BusId> extraOutputs) {
    /** A bus with one output connection. */
    public Bus(BusId id, String name, BusKind kind, int channels, Gain fader, Gain trim, Pan pan, boolean mute,
               boolean solo, boolean polarityInverted, BusId output, List<Send> sends, List<Insert> inserts,
               List<Automation> automation, Carry carry) {
        this(id, name, kind, channels, fader, trim, pan, mute, solo, polarityInverted, output, sends, inserts,
                automation, carry, List.of());
    }

    public Bus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (channels < 1) {
            throw new IllegalArgumentException("bus '" + name + "' needs at least one channel");
        }
        Objects.requireNonNull(fader, "fader");
        trim = trim == null ? Gain.UNITY : trim;
        Objects.requireNonNull(pan, "pan");
        sends = List.copyOf(sends);
        inserts = List.copyOf(inserts);
        automation = List.copyOf(automation);
        carry = carry == null ? Carry.NONE : carry;
        extraOutputs = extraOutputs == null ? List.of() : List.copyOf(extraOutputs);
        if (output == null && !extraOutputs.isEmpty()) {
            throw new IllegalArgumentException("'" + name + "' has further outputs but no output");
        }
        if (kind == BusKind.MASTER && output != null) {
            throw new IllegalArgumentException("master bus has no output bus");
        }
    }

    public static Bus master(int channels) {
        return new Bus(BusId.MASTER, "Master", BusKind.MASTER, channels, Gain.UNITY, Gain.UNITY, Pan.CENTRE,
                false, false, false, null, List.of(), List.of(), List.of(), Carry.NONE);
    }

    public static Bus group(BusId id, String name) {
        return new Bus(id, name, BusKind.GROUP, 2, Gain.UNITY, Gain.UNITY, Pan.CENTRE, false, false, false,
                BusId.MASTER, List.of(), List.of(), List.of(), Carry.NONE);
    }

    public Automation automation(Automation.Parameter p) {
        for (Automation a : automation) {
            if (a.parameter() == p) {
                return a;
            }
        }
        return null;
    }

    public Bus withFader(Gain g) {
        return new Bus(id, name, kind, channels, g, trim, pan, mute, solo, polarityInverted, output, sends,
                inserts, automation, carry, extraOutputs);
    }

    public Bus withPan(Pan p) {
        return new Bus(id, name, kind, channels, fader, trim, p, mute, solo, polarityInverted, output, sends,
                inserts, automation, carry, extraOutputs);
    }

    public Bus withInserts(List<Insert> list) {
        return new Bus(id, name, kind, channels, fader, trim, pan, mute, solo, polarityInverted, output, sends,
                list, automation, carry, extraOutputs);
    }

    /** Routed to {@code o} alone. */
    public Bus withOutput(BusId o) {
        return new Bus(id, name, kind, channels, fader, trim, pan, mute, solo, polarityInverted, o, sends,
                inserts, automation, carry, List.of());
    }
}
