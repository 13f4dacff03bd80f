package topdown.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import topdown.audio.io.AudioFiles;
import topdown.audio.io.AudioSource;

/**
 * Everything measured on one stem (master, bus, track or a file), in one streaming pass: loudness,
 * crest factor, phase correlation, DC offset, clipping runs, long-term spectrum (mid and side), mid/side
 * per band, and critical-band energies over time (for masking).
 */
public final class StemAnalysis {
    /** Mid/side bands: sub, bass, low-mids, mids, presence, air. */
    public static final double[][] MS_BANDS = {{20, 60}, {60, 120}, {120, 500}, {500, 2000}, {2000, 6000}, {6000, 20000}};
    public static final String[] MS_NAMES = {"sub", "bass", "low-mids", "mids", "presence", "air"};

    public record MidSideBand(String name, double lowHz, double highHz, double midDb, double sideDb) {
        public double sideMinusMidDb() {
            return sideDb - midDb;
        }
    }

    public final String name;
    public final int sampleRate;
    public final int channels;
    public final LoudnessResult loudness;
    public final double crestDb;
    public final double correlation;
    public final double[] dcOffset;
    public final int clippingRuns;
    public final double[] thirdOctavesMid;
    public final double[] thirdOctavesSide;
    public final double[][] smooth;
    public final List<MidSideBand> midSide;
    public final List<float[]> barkFrames;
    public final float[] shortTerm;
    public final int bitsPerSample;

    private StemAnalysis(String name, int rate, int channels, int bits, LoudnessMeter meter, SpectrumAnalyzer spec,
                         double rmsSquareSum, long n, double peak, double lr, double ll, double rr, double[] dc, int clips) {
        this.name = name;
        this.sampleRate = rate;
        this.channels = channels;
        this.bitsPerSample = bits;
        this.loudness = meter.result();
        double rms = n == 0 ? 0 : Math.sqrt(rmsSquareSum / (n * (double) channels));
        this.crestDb = rms == 0 ? Double.NaN : 20 * Math.log10(peak / rms);
        this.correlation = channels < 2 || ll == 0 || rr == 0 ? 1.0 : lr / Math.sqrt(ll * rr);
        this.dcOffset = dc;
        this.clippingRuns = clips;
        this.thirdOctavesMid = spec.thirdOctaves(false);
        this.thirdOctavesSide = channels >= 2 ? spec.thirdOctaves(true) : null;
        this.smooth = spec.smoothCurve();
        this.midSide = new ArrayList<>();
        for (int b = 0; b < MS_BANDS.length; b++) {
            double lo = MS_BANDS[b][0];
            double hi = Math.min(MS_BANDS[b][1], rate / 2.0);
            midSide.add(new MidSideBand(MS_NAMES[b], lo, hi, spec.bandDb(lo, hi, false),
                    channels >= 2 ? spec.bandDb(lo, hi, true) : -200));
        }
        this.barkFrames = spec.barkFrames();
        this.shortTerm = meter.shortTermSeries();
    }

    public static StemAnalysis of(String name, Path file) throws IOException {
        try (AudioSource a = AudioFiles.open(file)) {
            return of(name, a);
        }
    }

    public static StemAnalysis of(String name, AudioSource a) throws IOException {
        int ch = a.channels();
        LoudnessMeter meter = new LoudnessMeter(ch, a.sampleRate(), true);
        SpectrumAnalyzer spec = new SpectrumAnalyzer(a.sampleRate(), ch, true);
        float[][] buf = new float[ch][16384];
        double sq = 0;
        double peak = 0;
        double lr = 0;
        double ll = 0;
        double rr = 0;
        double[] dc = new double[ch];
        long n = 0;
        int clips = 0;
        int[] run = new int[ch];
        int r;
        while ((r = a.read(buf, 0, buf[0].length)) > 0) {
            meter.accept(buf, r);
            spec.accept(buf, r);
            for (int c = 0; c < ch; c++) {
                float[] x = buf[c];
                for (int i = 0; i < r; i++) {
                    double v = x[i];
                    sq += v * v;
                    dc[c] += v;
                    double av = Math.abs(v);
                    if (av > peak) {
                        peak = av;
                    }
                    if (av >= 0.999) {
                        if (++run[c] == 3) {
                            clips++;
                        }
                    } else {
                        run[c] = 0;
                    }
                }
            }
            if (ch >= 2) {
                for (int i = 0; i < r; i++) {
                    double l = buf[0][i];
                    double rt = buf[1][i];
                    lr += l * rt;
                    ll += l * l;
                    rr += rt * rt;
                }
            }
            n += r;
        }
        for (int c = 0; c < ch; c++) {
            dc[c] = n == 0 ? 0 : dc[c] / n;
        }
        return new StemAnalysis(name, a.sampleRate(), ch, a.bitsPerSample(), meter, spec, sq, n, peak, lr, ll, rr, dc, clips);
    }

    /** Low end in the side signal: side within 10 dB of mid below 120 Hz (sub or bass band). */
    public boolean lowEndInSide() {
        return channels >= 2 && (midSide.get(0).sideMinusMidDb() > -10 || midSide.get(1).sideMinusMidDb() > -10);
    }

    /** Low-mid build-up: the 120–500 Hz mid band more than 3 dB above the mean of its neighbours. */
    public boolean lowMidBuildUp() {
        double lm = midSide.get(2).midDb();
        double neighbours = 10 * Math.log10((Math.pow(10, midSide.get(1).midDb() / 10) + Math.pow(10, midSide.get(3).midDb() / 10)) / 2);
        return lm - neighbours > 3;
    }
}
