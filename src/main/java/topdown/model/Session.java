package topdown.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The neutral session: what every format reads into and writes from. Immutable; edits return copies.
 * {@code lengthSamples} is the session's play range end (0 when the format does not say; see
 * {@link #contentEndSamples()}). {@code timecodeStartSamples} is the timeline origin for formats with a
 * timecode start (AAF), else 0. {@code playback}: how the DAW evaluates automation (see {@link Playback}).
 */
public record Session(String name, String format, String formatVersion, int sampleRate, long lengthSamples,
                      List<Track> tracks, List<Bus> buses, Bus master, List<Marker> markers, Tempo tempo,
                      PanLaw panLaw, long timecodeStartSamples, List<String> warnings, Playback playback) {
    /** A session its DAW plays back exactly ({@link Playback#EXACT}). */
    public Session(String name, String format, String formatVersion, int sampleRate, long lengthSamples,
                   List<Track> tracks, List<Bus> buses, Bus master, List<Marker> markers, Tempo tempo,
                   PanLaw panLaw, long timecodeStartSamples, List<String> warnings) {
        this(name, format, formatVersion, sampleRate, lengthSamples, tracks, buses, master, markers, tempo, panLaw,
                timecodeStartSamples, warnings, Playback.EXACT);
    }

    public Session {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        formatVersion = formatVersion == null ? "" : formatVersion;
        if (sampleRate < 1 || sampleRate > 1_536_000) {
            throw new IllegalArgumentException("implausible session sample rate " + sampleRate);
        }
        tracks = List.copyOf(tracks);
        buses = List.copyOf(buses);
        Objects.requireNonNull(master, "master");
        if (master.kind() != BusKind.MASTER) {
            throw new IllegalArgumentException("master must be a MASTER bus");
        }
        markers = List.copyOf(markers);
        tempo = tempo == null ? Tempo.DEFAULT : tempo;
        panLaw = panLaw == null ? PanLaw.EQUAL_POWER_MINUS_3DB : panLaw;
        warnings = List.copyOf(warnings);
        playback = playback == null ? Playback.EXACT : playback;
    }

    public Optional<Bus> bus(BusId id) {
        if (id == null) {
            return Optional.empty();
        }
        if (id.isMaster()) {
            return Optional.of(master);
        }
        return buses.stream().filter(b -> b.id().equals(id)).findFirst();
    }

    public Optional<Track> track(TrackId id) {
        return tracks.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public Optional<Track> trackNamed(String n) {
        return tracks.stream().filter(t -> t.name().equals(n)).findFirst();
    }

    /** End of the last clip, or the declared length if larger. */
    public long contentEndSamples() {
        long end = lengthSamples;
        for (Track t : tracks) {
            for (Clip c : t.clips()) {
                end = Math.max(end, c.endSamples());
            }
        }
        return end;
    }

    public double seconds(long samples) {
        return samples / (double) sampleRate;
    }

    public Session withTracks(List<Track> list) {
        return new Session(name, format, formatVersion, sampleRate, lengthSamples, list, buses, master, markers,
                tempo, panLaw, timecodeStartSamples, warnings, playback);
    }

    public Session withBuses(List<Bus> list) {
        return new Session(name, format, formatVersion, sampleRate, lengthSamples, tracks, list, master, markers,
                tempo, panLaw, timecodeStartSamples, warnings, playback);
    }

    public Session withMaster(Bus m) {
        return new Session(name, format, formatVersion, sampleRate, lengthSamples, tracks, buses, m, markers,
                tempo, panLaw, timecodeStartSamples, warnings, playback);
    }

    public Session withName(String n) {
        return new Session(n, format, formatVersion, sampleRate, lengthSamples, tracks, buses, master, markers,
                tempo, panLaw, timecodeStartSamples, warnings, playback);
    }

    public Session withWarnings(List<String> w) {
        return new Session(name, format, formatVersion, sampleRate, lengthSamples, tracks, buses, master, markers,
                tempo, panLaw, timecodeStartSamples, w, playback);
    }

    public Session withTrack(TrackId id, UnaryOperator<Track> edit) {
        List<Track> out = new ArrayList<>(tracks.size());
        boolean found = false;
        for (Track t : tracks) {
            if (t.id().equals(id)) {
                out.add(edit.apply(t));
                found = true;
            } else {
                out.add(t);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no track " + id);
        }
        return withTracks(out);
    }

    public Session withBus(BusId id, UnaryOperator<Bus> edit) {
        if (id.isMaster()) {
            return withMaster(edit.apply(master));
        }
        List<Bus> out = new ArrayList<>(buses.size());
        boolean found = false;
        for (Bus b : buses) {
            if (b.id().equals(id)) {
                out.add(edit.apply(b));
                found = true;
            } else {
                out.add(b);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no bus " + id);
        }
        return withBuses(out);
    }

    public Session withTrackFader(TrackId id, Gain g) {
        return withTrack(id, t -> t.withFader(g));
    }

    public Session plusBus(Bus b) {
        List<Bus> out = new ArrayList<>(buses);
        out.add(b);
        return withBuses(out);
    }

    public Session plusTrack(Track t) {
        List<Track> out = new ArrayList<>(tracks);
        out.add(t);
        return withTracks(out);
    }
}
