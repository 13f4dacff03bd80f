package topdown.model;

/**
 * How the DAW that wrote a session plays its automation back, where that is not "exactly, sample by
 * sample". The format reader sets it; the renderer follows it. {@link #EXACT} (every format but Ardour)
 * evaluates each lane at each sample and applies it directly.
 *
 * <p>{@code cycleSamples} &gt; 0: the DAW evaluates lanes once per process cycle of that many samples, as a
 * vector spread evenly from the cycle's first sample to the next cycle's first (Ardour's
 * {@code Curve::get_vector}).
 *
 * <p>{@code outputLatencySamples}: the playback latency downstream of every route (Ardour aligns its disk
 * readers that much ahead of the transport). Ardour's gain stages (fader, trim) read their lanes at the
 * transport position while the audio they process is that much later on the timeline, so an automated gain
 * acts on the audio {@code outputLatencySamples} late; panners read at the audio's own position. The cycles
 * are laid out from the first sample that rolls: a first cycle of {@code outputLatencySamples mod
 * cycleSamples} samples (the end of the export's latency pre-roll), then whole cycles.
 *
 * <p>{@code gainSmoothingPerSecond} &gt; 0: an automated gain stage does not jump to the lane's values but
 * follows them through a one-pole low-pass, per sample {@code g += k/rate · (target - g)} in single precision,
 * applied before the update (Ardour's Amp: k = 156.825, about 25 Hz).
 *
 * <p>{@code diskBufferSeconds} &gt; 0: clips are read from disk in pieces, and a clip's gain envelope and
 * fades are computed per piece (a vector spread from the piece's first sample to the sample after its last,
 * as for a cycle). The pieces follow Ardour's disk reader: its playback buffer holds that many seconds
 * (rounded up, with its 8191-sample reservation, to a power of two); after the locate at the render start
 * it is filled in one read, then refilled whenever a cycle leaves 65536 samples free, each read rounded
 * down to 16 KiB of float samples (4096) and kept within 256 KiB..4 MiB. 0: each clip is read whole.
 */
public record Playback(int cycleSamples, int outputLatencySamples, double gainSmoothingPerSecond,
                       double diskBufferSeconds) {
    /** Lanes evaluated at every sample and applied as they are. */
    public static final Playback EXACT = new Playback(0, 0, 0, 0);

    /**
     * Ardour 7's headless export (ardour7-export on its "None (Dummy)" backend): 1024-sample cycles; the
     * backend reports a quarter period (256 samples) of playback latency on its physical outputs, which is
     * every route's output latency when the master feeds them; the Amp's 25 Hz smoothing
     * (libs/ardour/amp.cc); the default 5-second playback buffer (playback-buffer-seconds).
     */
    public static final Playback ARDOUR_EXPORT = new Playback(1024, 256, 156.825, 5.0);

    public Playback {
        if (cycleSamples < 0 || outputLatencySamples < 0 || gainSmoothingPerSecond < 0 || diskBufferSeconds < 0) {
            throw new IllegalArgumentException("negative playback parameter");
        }
        if (cycleSamples == 0 && (outputLatencySamples != 0 || gainSmoothingPerSecond != 0 || diskBufferSeconds != 0)) {
            throw new IllegalArgumentException("output latency, gain smoothing and disk reads need a process cycle");
        }
    }

    public boolean exact() {
        return cycleSamples == 0;
    }
}
