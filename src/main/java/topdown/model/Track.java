package topdown.model;

import java.util.List;
import java.util.Objects;

/**
 * A track: its clips, fader, pan, switches, output bus ({@code null} when not connected), sends,
 * inserts and automation (lanes may be absent). {@code extraOutputs}: further buses the output is
 * connected to (Ardour: an output port wired to the inputs of several buses); each receives the same
 * post-fader, post-pan signal as {@code output}.
 */
public record Track(TrackId id, String name, TrackKind kind, int channels, List<Clip> clips, Gain fader,
                    Gain trim, Pan pan, boolean mute, boolean solo, boolean polarityInverted, BusId output,
                    List<Send> sends, List<Insert> inserts, List<Automation> automation, Carry carry,
                    List<BusId> extraOutputs) {
    /** A track with one output connection. */
    public Track(TrackId id, String name, TrackKind kind, int channels, List<Clip> clips, Gain fader, Gain trim,
                 Pan pan, boolean mute, boolean solo, boolean polarityInverted, BusId output, List<Send> sends,
                 List<Insert> inserts, List<Automation> automation, Carry carry) {
        this(id, name, kind, channels, clips, fader, trim, pan, mute, solo, polarityInverted, output, sends, inserts,
                automation, carry, List.of());
    }

    public Track {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (channels < 1) {
            throw new IllegalArgumentException("track '" + name + "' needs at least one channel");
        }
        clips = List.copyOf(clips);
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
    }

    /** A new audio track routed to master with unity gain, centred. */
    public static Track audio(TrackId id, String name, int channels, List<Clip> clips) {
        return new Track(id, name, TrackKind.AUDIO, channels, clips, Gain.UNITY, Gain.UNITY, Pan.CENTRE,
                false, false, false, BusId.MASTER, List.of(), List.of(), List.of(), Carry.NONE);
    }

    public Automation automation(Automation.Parameter p) {
        for (Automation a : automation) {
            if (a.parameter() == p) {
                return a;
            }
        }
        return null;
    }

    public Track withFader(Gain g) {
        return new Track(id, name, kind, channels, clips, g, trim, pan, mute, solo, polarityInverted, output,
                sends, inserts, automation, carry, extraOutputs);
    }

    public Track withPan(Pan p) {
        return new Track(id, name, kind, channels, clips, fader, trim, p, mute, solo, polarityInverted, output,
                sends, inserts, automation, carry, extraOutputs);
    }

    public Track withMute(boolean m) {
        return new Track(id, name, kind, channels, clips, fader, trim, pan, m, solo, polarityInverted, output,
                sends, inserts, automation, carry, extraOutputs);
    }

    /** Routed to {@code o} alone. */
    public Track withOutput(BusId o) {
        return new Track(id, name, kind, channels, clips, fader, trim, pan, mute, solo, polarityInverted, o,
                sends, inserts, automation, carry, List.of());
    }

    public Track withInserts(List<Insert> list) {
        return new Track(id, name, kind, channels, clips, fader, trim, pan, mute, solo, polarityInverted, output,
                sends, list, automation, carry, extraOutputs);
    }

    public Track withClips(List<Clip> list) {
        return new Track(id, name, kind, channels, list, fader, trim, pan, mute, solo, polarityInverted, output,
                sends, inserts, automation, carry, extraOutputs);
    }

    public Track withName(String n) {
        return new Track(id, n, kind, channels, clips, fader, trim, pan, mute, solo, polarityInverted, output,
                sends, inserts, automation, carry, extraOutputs);
    }
}
