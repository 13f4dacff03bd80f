package topdown.model;

import java.util.List;
import java.util.Objects;

/**
 * A clip (Ardour region, Reaper item/take, AAF SourceClip, DAWproject Clip) on a track's timeline.
 * All times are session samples: {@code positionSamples} on the timeline, {@code offsetSamples} into
 * the source (at the session rate; the renderer scales by the source rate), {@code lengthSamples}.
 * {@code gainEnvelope} (clip gain automation, values linear, times relative to the clip start) may be
 * null. {@code channels} maps each clip channel to a source channel.
 */
public record Clip(String name, List<ClipChannel> channels, long positionSamples, long offsetSamples,
                   long lengthSamples, Gain gain, Automation gainEnvelope, Fade fadeIn, Fade fadeOut,
                   boolean muted, boolean polarityInverted, Carry carry) {
    public Clip {
        Objects.requireNonNull(name, "name");
        channels = List.copyOf(channels);
        Objects.requireNonNull(gain, "gain");
        fadeIn = fadeIn == null ? Fade.NONE : fadeIn;
        fadeOut = fadeOut == null ? Fade.NONE : fadeOut;
        carry = carry == null ? Carry.NONE : carry;
        if (lengthSamples < 0 || offsetSamples < 0) {
            throw new IllegalArgumentException("clip '" + name + "': negative length or offset");
        }
    }

    /** A simple clip of one whole source, all its channels, with unity gain and no fades. */
    public static Clip of(String name, Source source, long positionSamples, long lengthSamples) {
        ClipChannel[] chans = new ClipChannel[Math.max(1, source.channels())];
        for (int c = 0; c < chans.length; c++) {
            chans[c] = new ClipChannel(source, c);
        }
        return new Clip(name, List.of(chans), positionSamples, 0, lengthSamples, Gain.UNITY, null,
                Fade.NONE, Fade.NONE, false, false, Carry.NONE);
    }

    public long endSamples() {
        return positionSamples + lengthSamples;
    }

    /** The first channel's source: what a one-file clip plays. */
    public Source source() {
        return channels.isEmpty() ? null : channels.get(0).source();
    }

    public Clip withGain(Gain g) {
        return new Clip(name, channels, positionSamples, offsetSamples, lengthSamples, g, gainEnvelope,
                fadeIn, fadeOut, muted, polarityInverted, carry);
    }

    public Clip withFades(Fade in, Fade out) {
        return new Clip(name, channels, positionSamples, offsetSamples, lengthSamples, gain, gainEnvelope,
                in, out, muted, polarityInverted, carry);
    }

    public Clip withPosition(long position) {
        return new Clip(name, channels, position, offsetSamples, lengthSamples, gain, gainEnvelope,
                fadeIn, fadeOut, muted, polarityInverted, carry);
    }
}
