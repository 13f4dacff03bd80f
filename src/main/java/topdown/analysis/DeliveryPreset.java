package topdown.analysis;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Delivery targets. Loudness values are integrated LUFS with a tolerance (LU); true peak is the highest
 * allowed dBTP; {@code sampleRate}/{@code bitDepth} 0 mean "any". Each carries the source of its numbers.
 * Streaming services normalise playback rather than reject: for them the "target" is the level they
 * normalise to, and a master louder than it is turned down (so the tolerance is generous); the true-peak
 * limit is what the service recommends to avoid clipping after encoding.
 */
public record DeliveryPreset(String id, String name, double integratedLufs, double toleranceLu, double maxTruePeakDbtp,
                             int sampleRate, int bitDepth, String format, String source) {
    public static final List<DeliveryPreset> ALL = List.of(
            new DeliveryPreset("spotify", "Spotify", -14, 1.0, -1.0, 0, 16, "wav",
                    "Spotify for Artists, 'Loudness normalization' (target -14 LUFS integrated; -1 dBTP, -2 dBTP for masters louder than -14)"),
            new DeliveryPreset("apple-music", "Apple Music", -16, 1.0, -1.0, 0, 16, "wav",
                    "Apple Digital Masters / Sound Check: normalises to -16 LUFS; 'Apple Digital Masters' guide asks for <= -1 dBTP"),
            new DeliveryPreset("youtube", "YouTube", -14, 1.0, -1.0, 0, 16, "wav",
                    "YouTube playback normalisation reference -14 LUFS (AES TD1008 survey); -1 dBTP headroom for AAC/Opus encoding"),
            new DeliveryPreset("amazon-music", "Amazon Music", -14, 1.0, -2.0, 0, 16, "wav",
                    "Amazon Music normalisation -14 LUFS (AES TD1008); Amazon recommends -2 dBTP"),
            new DeliveryPreset("tidal", "Tidal", -14, 1.0, -1.0, 0, 16, "wav",
                    "Tidal loudness normalisation -14 LUFS (Tidal support, 'Loudness normalization')"),
            new DeliveryPreset("deezer", "Deezer", -15, 1.0, -1.0, 0, 16, "wav",
                    "Deezer normalisation -15 LUFS (AES TD1008 table of services)"),
            new DeliveryPreset("soundcloud", "SoundCloud", -14, 1.0, -1.0, 0, 16, "wav",
                    "SoundCloud normalisation around -14 LUFS (SoundCloud help, 'Mastering and loudness'); -1 dBTP"),
            new DeliveryPreset("ebu-r128", "EBU R128 broadcast", -23, 0.5, -1.0, 48000, 24, "wav",
                    "EBU R 128 (2020): -23.0 LUFS ±0.5 LU (±1 LU live), max true peak -1 dBTP"),
            new DeliveryPreset("atsc-a85", "ATSC A/85 (US broadcast)", -24, 2.0, -2.0, 48000, 24, "wav",
                    "ATSC A/85:2013: -24 LKFS ±2 dB, true peak -2 dBTP"),
            new DeliveryPreset("podcast", "Podcast (AES / Apple Podcasts)", -16, 1.0, -1.0, 0, 16, "wav",
                    "AES TD1004.1.15-10 (streaming and podcasts -16 to -20 LUFS) and Apple Podcasts: -16 LUFS ±1 dB, -1 dBTP"),
            new DeliveryPreset("cd", "CD master", -9, 3.0, -0.3, 44100, 16, "wav",
                    "Red Book CD: 44.1 kHz / 16-bit; no loudness standard: commercial pop masters sit around -9 LUFS; -0.3 dBTP keeps inter-sample peaks off full scale after dither"),
            new DeliveryPreset("hi-res", "Hi-res master", -14, 2.0, -1.0, 96000, 24, "wav",
                    "Hi-res delivery (e.g. Qobuz/Apple Digital Masters): 24-bit, 96 kHz; streaming-safe -14 LUFS and -1 dBTP"));

    public static Optional<DeliveryPreset> byId(String id) {
        String k = id.toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        return ALL.stream().filter(p -> p.id.equals(k) || p.id.replace("-", "").equals(k.replace("-", ""))).findFirst();
    }

    /** One delivery check. */
    public record Check(String name, String value, String limit, boolean pass) {
    }

    public List<Check> check(LoudnessResult r, int rate, int bits, String fmt) {
        double i = r.integratedLufs();
        return List.of(
                new Check("integrated loudness", String.format(Locale.ROOT, "%.1f LUFS", i),
                        String.format(Locale.ROOT, "%.1f ±%.1f LU", integratedLufs, toleranceLu),
                        !Double.isNaN(i) && Math.abs(i - integratedLufs) <= toleranceLu),
                new Check("true peak", String.format(Locale.ROOT, "%.2f dBTP", r.truePeakDbtp()),
                        String.format(Locale.ROOT, "<= %.1f dBTP", maxTruePeakDbtp), r.truePeakDbtp() <= maxTruePeakDbtp),
                new Check("sample peak", String.format(Locale.ROOT, "%.2f dBFS", r.samplePeakDbfs()), "< 0.0 dBFS",
                        r.samplePeakDbfs() < 0.0),
                new Check("sample rate", rate + " Hz", sampleRate == 0 ? "any" : sampleRate + " Hz",
                        sampleRate == 0 || rate == sampleRate),
                new Check("bit depth", bits + " bit", bitDepth == 0 ? "any" : bitDepth + " bit",
                        bitDepth == 0 || bits == bitDepth || bits > bitDepth),
                new Check("format", fmt, format, format.equalsIgnoreCase(fmt)));
    }
}
