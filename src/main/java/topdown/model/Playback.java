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
 */
public record Playback(int cycleSamples, int outputLatencySamples, double gainSmoothingPerSecond) {
    /** Lanes evaluated at every sample and applied as they are. */
    public static final Playback EXACT = new Playback(0, 0, 0);

    /**
     * Ardour 7's headless export (ardour7-export on its "None (Dummy)" backend): 1024-sample cycles; the
     * backend reports a quarter period (256 samples) of playback latency on its physical outputs, which is
     * every route's output latency when the master feeds them; the Amp's 25 Hz smoothing
     * (libs/ardour/amp.cc).
     */
    public static final Playback ARDOUR_EXPORT = new Playback(1024, 256, 156.825);

    public Playback {
        if (cycleSamples < 0 || outputLatencySamples < 0 || gainSmoothingPerSecond < 0) {
            throw new IllegalArgumentException("negative playback parameter");
        }
        if (cycleSamples == 0 && (outputLatencySamples != 0 || gainSmoothingPerSecond != 0)) {
            throw new IllegalArgumentException("output latency and gain smoothing need a process cycle");
        }
    }

    public boolean exact() {
        return cycleSamples == 0 && outputLatencySamples == 0 && gainSmoothingPerSecond == 0;
    }
}
