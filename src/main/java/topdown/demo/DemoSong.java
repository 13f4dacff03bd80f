package topdown.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import topdown.audio.io.WavWriter;
import topdown.format.topdown.SourceProbe;
import topdown.model.Bus;
import topdown.model.BusId;
import topdown.model.BusKind;
import topdown.model.Carry;
import topdown.model.Clip;
import topdown.model.Fade;
import topdown.model.FadeShape;
import topdown.model.Gain;
import topdown.model.Marker;
import topdown.model.Pan;
import topdown.model.PanLaw;
import topdown.model.Session;
import topdown.model.Source;
import topdown.model.Tempo;
import topdown.model.Track;
import topdown.model.TrackId;
import topdown.model.TrackKind;

/**
 * The embedded demo song: a 10-bar groove in A minor at 96 BPM (Am–F–C–G), synthesised in code and
 * deterministic from a seed, with kick, snare, overheads (hats), bass, keys, pad (strings), lead and a
 * backing "ooh". It carries deliberate mix problems for the top-down stages to find:
 * <ol>
 * <li>the Keys group is set about 7 dB too loud;</li>
 * <li>the bass is a wide stereo track whose channels are detuned, so there is bass energy in the side;</li>
 * <li>the kick and bass share the 45–70 Hz range and hit together (masking);</li>
 * <li>the master peaks over 0 dBFS (fader gains add up).</li>
 * </ol>
 */
public final class DemoSong {
    public static final int RATE = 48_000;
    public static final double BPM = 96.0;
    public static final int BARS = 10;
    private static final double BEAT = 60.0 / BPM;
    private static final double BAR = 4 * BEAT;
    private static final double TAIL = 1.5;
    /** Chord roots per bar (MIDI notes of the bass, octave 1-2) and triads (MIDI, octave 4). */
    private static final int[] ROOTS = {33, 29, 36, 31};
    private static final int[][] TRIADS = {{57, 60, 64}, {53, 57, 60}, {55, 60, 64}, {55, 59, 62}};

    private final long seed;

    public DemoSong(long seed) {
        this.seed = seed;
    }

    public static double lengthSeconds() {
        return BARS * BAR + TAIL;
    }

    /** One synthesised stem: name, audio, and where it goes. */
    public record Stem(String name, float[][] audio, String group, double faderDb, double pan) {
    }

    /** Synthesises every stem. */
    public List<Stem> stems() {
        int n = (int) Math.round(lengthSeconds() * RATE);
        List<Stem> out = new ArrayList<>();
        out.add(new Stem("Kick", kick(n), "Drums", -5.0, 0.0));
        out.add(new Stem("Snare", snare(n), "Drums", -12.0, 0.0));
        out.add(new Stem("Overheads", overheads(n), "Drums", -17.0, 0.0));
        out.add(new Stem("Bass", bass(n), "Bass", -10.0, 0.0));
        out.add(new Stem("Keys", keys(n), "Keys", -15.0, -0.25));
        out.add(new Stem("Strings Pad", pad(n), "Keys", -17.0, 0.0));
        out.add(new Stem("Lead Synth", lead(n), "Lead", -13.0, 0.1));
        out.add(new Stem("Backing Ooh", backing(n), "Backings", -17.0, 0.35));
        return out;
    }

    private SplittableRandom rnd(int stream) {
        return new SplittableRandom(seed * 1_000_003L + stream);
    }

    private static int at(double seconds) {
        return (int) Math.round(seconds * RATE);
    }

    float[][] kick(int n) {
        SplittableRandom r = rnd(1);
        float[] x = new float[n];
        for (int bar = 0; bar < BARS; bar++) {
            double[] hits = bar % 2 == 0 ? new double[] {0, 1.5, 2} : new double[] {0, 2, 2.75};
            for (double beat : hits) {
                double vel = 0.85 + 0.15 * r.nextDouble();
                x = addKick(x, bar * BAR + beat * BEAT, vel);
            }
        }
        x = addKick(x, BARS * BAR, 1.0);
        float[][] st = {x};
        Synth.normalise(st, -1.0);
        return st;
    }

    private static float[] addKick(float[] x, double when, double vel) {
        int len = at(0.45);
        double[] k = new double[len];
        double phase = 0;
        for (int i = 0; i < len; i++) {
            double t = i / (double) RATE;
            double f = 48 + 110 * Math.exp(-t / 0.03);
            phase += 2 * Math.PI * f / RATE;
            k[i] = Math.sin(phase) * Math.exp(-t / 0.16) + 0.3 * Math.exp(-t / 0.004) * Math.sin(phase * 3);
        }
        Synth.addInto(x, k, at(when), vel);
        return x;
    }

    float[][] snare(int n) {
        SplittableRandom r = rnd(2);
        float[] x = new float[n];
        for (int bar = 0; bar < BARS; bar++) {
            for (double beat : new double[] {1, 3}) {
                addSnare(x, r, bar * BAR + beat * BEAT, 0.8 + 0.2 * r.nextDouble());
            }
            if (bar % 4 == 3) {
                addSnare(x, r, bar * BAR + 3.75 * BEAT, 0.35);
            }
        }
        float[][] st = {x};
        Synth.normalise(st, -1.0);
        return st;
    }

    private static void addSnare(float[] x, SplittableRandom r, double when, double vel) {
        int len = at(0.3);
        double[] nz = Synth.noise(r, len);
        Synth.bandpass(nz, RATE, 3500, 0.7);
        Synth.expDecay(nz, RATE, 0.06);
        double[] body = new double[len];
        for (int i = 0; i < len; i++) {
            double t = i / (double) RATE;
            body[i] = Math.sin(2 * Math.PI * 185 * t) * Math.exp(-t / 0.05);
        }
        Synth.addInto(x, nz, at(when), vel * 1.4);
        Synth.addInto(x, body, at(when), vel * 0.6);
    }

    float[][] overheads(int n) {
        SplittableRandom r = rnd(3);
        float[] left = new float[n];
        float[] right = new float[n];
        for (int bar = 0; bar < BARS; bar++) {
            for (int e = 0; e < 8; e++) {
                boolean open = e == 7 && bar % 2 == 1;
                int len = at(open ? 0.35 : 0.07);
                double[] h = Synth.noise(r, len);
                Synth.highpass(h, RATE, 7000);
                Synth.highpass(h, RATE, 7000);
                Synth.expDecay(h, RATE, open ? 0.12 : 0.02);
                double vel = (e % 2 == 0 ? 0.9 : 0.55) * (0.9 + 0.1 * r.nextDouble());
                int when = at(bar * BAR + e * BEAT / 2);
                Synth.addInto(left, h, when, vel * 0.8);
                Synth.addInto(right, h, when + at(0.0006), vel);
            }
        }
        float[][] st = {left, right};
        Synth.normalise(st, -3.0);
        return st;
    }

    /** Stereo bass whose right channel is detuned by 25 cents: low-end energy in the side signal. */
    float[][] bass(int n) {
        float[] left = new float[n];
        float[] right = new float[n];
        double[] pattern = {0, 0.75, 1.5, 2, 2.5, 3.25};
        for (int bar = 0; bar < BARS; bar++) {
            int root = ROOTS[bar % 4];
            for (int i = 0; i < pattern.length; i++) {
                double when = bar * BAR + pattern[i] * BEAT;
                int note = root + (i == 4 ? 12 : 0);
                double dur = BEAT * 0.7;
                for (int side = 0; side < 2; side++) {
                    double[] tone = Synth.additive(Synth.midiHz(note), dur, RATE, 8, 1.6, 0, 0, side == 0 ? 0 : 25);
                    Synth.lowpass(tone, RATE, 900);
                    Synth.adsr(tone, RATE, 0.005, 0.15, 0.6, 0.04);
                    Synth.addInto(side == 0 ? left : right, tone, at(when), 1.0);
                }
            }
        }
        float[][] st = {left, right};
        Synth.normalise(st, -1.0);
        return st;
    }

    float[][] keys(int n) {
        float[] x = new float[n];
        for (int bar = 0; bar < BARS; bar++) {
            int[] triad = TRIADS[bar % 4];
            for (int beat = 0; beat < 4; beat++) {
                double when = bar * BAR + beat * BEAT + (beat % 2 == 1 ? BEAT / 2 : 0);
                for (int note : triad) {
                    double[] tone = Synth.additive(Synth.midiHz(note), 0.9, RATE, 4, 2.5, 0, 0, 0);
                    Synth.expDecay(tone, RATE, 0.35);
                    Synth.adsr(tone, RATE, 0.003, 0.01, 1.0, 0.05);
                    Synth.addInto(x, tone, at(when), 0.3 * (beat == 0 ? 1.0 : 0.7));
                }
            }
        }
        float[][] st = {x};
        Synth.normalise(st, -1.0);
        return st;
    }

    float[][] pad(int n) {
        float[] left = new float[n];
        float[] right = new float[n];
        for (int bar = 0; bar < BARS; bar++) {
            int[] triad = TRIADS[bar % 4];
            double when = bar * BAR;
            for (int note : triad) {
                for (int side = 0; side < 2; side++) {
                    double[] tone = Synth.additive(Synth.midiHz(note - 12), BAR + 0.3, RATE, 20, 1.0, 5.0, 6,
                            side == 0 ? -7 : 7);
                    Synth.lowpass(tone, RATE, 2500);
                    Synth.adsr(tone, RATE, 0.6, 0.3, 0.8, 0.5);
                    Synth.addInto(side == 0 ? left : right, tone, at(when), 0.2);
                }
            }
        }
        float[][] st = {left, right};
        Synth.normalise(st, -4.0);
        return st;
    }

    float[][] lead(int n) {
        float[] x = new float[n];
        // A-minor pentatonic phrase, two bars, played in bars 3-10 with variations.
        int[] notes = {69, 72, 74, 76, 74, 72, 69, 67, 69, 72, 76, 79, 76, 74, 72, 74};
        double[] beats = {0, 1, 1.5, 2, 3, 3.5, 4, 5, 6, 6.5, 7, 8, 9, 9.5, 10, 11};
        for (int rep = 0; rep < 4; rep++) {
            double start = (2 + rep * 2) * BAR;
            for (int i = 0; i < notes.length && beats[i] < 8; i++) {
                double dur = (i + 1 < beats.length && beats[i + 1] < 8 ? beats[i + 1] : 8) - beats[i];
                int note = notes[i] + (rep == 3 && i % 3 == 0 ? 2 : 0);
                double[] tone = Synth.additive(Synth.midiHz(note), dur * BEAT * 0.95, RATE, 12, 1.2, 5.5, 18, 0);
                Synth.lowpass(tone, RATE, 3200);
                Synth.adsr(tone, RATE, 0.02, 0.1, 0.8, 0.06);
                Synth.addInto(x, tone, at(start + beats[i] * BEAT), 0.5);
            }
        }
        float[][] st = {x};
        Synth.normalise(st, -1.0);
        return st;
    }

    /** A vowel-like "ooh" (harmonics through two formant band-passes) a third above the chord root. */
    float[][] backing(int n) {
        float[] x = new float[n];
        for (int bar = 4; bar < BARS; bar++) {
            int[] triad = TRIADS[bar % 4];
            for (int k = 1; k < 3; k++) {
                double[] tone = Synth.additive(Synth.midiHz(triad[k]), BAR * 0.95, RATE, 30, 0.7, 5.0, 10, 0);
                double[] f1 = tone.clone();
                Synth.bandpass(f1, RATE, 350, 4);
                double[] f2 = tone;
                Synth.bandpass(f2, RATE, 800, 5);
                for (int i = 0; i < f1.length; i++) {
                    f1[i] = f1[i] + 0.4 * f2[i];
                }
                Synth.adsr(f1, RATE, 0.25, 0.2, 0.85, 0.3);
                Synth.addInto(x, f1, at(bar * BAR), 0.5);
            }
        }
        float[][] st = {x};
        Synth.normalise(st, -2.0);
        return st;
    }

    /**
     * A reference "master" for the demo's tonal target: pink noise tilted a further -1.5 dB per octave
     * (the long-term spectrum of many commercial pop mixes falls about 4.5 dB per octave), band-limited to
     * 30 Hz–16 kHz, with a slow level movement, 20 s at 48 kHz, stereo and partly correlated. Deterministic
     * from the seed; written as 24-bit WAV.
     */
    public void writeReference(Path file) throws IOException {
        int n = 20 * RATE;
        SplittableRandom r = rnd(99);
        float[][] out = new float[2][n];
        // Pink noise (Voss-McCartney style with 12 rows) per channel, shared component for correlation.
        double[][] rows = new double[3][12];
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < 12; k++) {
                rows[c][k] = r.nextDouble() * 2 - 1;
            }
        }
        double[] sum = new double[3];
        for (int c = 0; c < 3; c++) {
            for (double v : rows[c]) {
                sum[c] += v;
            }
        }
        double[] lp = new double[3];
        double[] hp = new double[3];
        double[] prev = new double[3];
        double aTilt = Math.exp(-2 * Math.PI * 700.0 / RATE);
        double aHp = Math.exp(-2 * Math.PI * 30.0 / RATE);
        double aLp = Math.exp(-2 * Math.PI * 16000.0 / RATE);
        double[] lp2 = new double[3];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                int k = Integer.numberOfTrailingZeros(i + 1);
                if (k < 12) {
                    sum[c] -= rows[c][k];
                    rows[c][k] = r.nextDouble() * 2 - 1;
                    sum[c] += rows[c][k];
                }
                double pink = sum[c] / 12;
                // Gentle extra tilt: mix of the signal and its low-passed version.
                lp[c] = (1 - aTilt) * pink + aTilt * lp[c];
                double tilted = 0.55 * pink + 1.6 * lp[c];
                hp[c] = aHp * (hp[c] + tilted - prev[c]);
                prev[c] = tilted;
                lp2[c] = (1 - aLp) * hp[c] + aLp * lp2[c];
            }
            double env = 0.8 + 0.2 * Math.sin(2 * Math.PI * i / (RATE * 4.0));
            out[0][i] = (float) (env * (0.8 * lp2[2] + 0.45 * lp2[0]));
            out[1][i] = (float) (env * (0.8 * lp2[2] + 0.45 * lp2[1]));
        }
        Synth.normalise(out, -3.0);
        WavWriter.writeAll(file, out, RATE, WavWriter.Encoding.PCM24);
    }

    /**
     * Writes the stems as 24-bit WAVs into {@code folder/audio/} and returns the session (sources
     * resolved relative to {@code folder}).
     */
    public Session write(Path folder) throws IOException {
        Path audio = folder.resolve("audio");
        List<Stem> stems = stems();
        Map<String, BusId> groups = new LinkedHashMap<>();
        List<Track> tracks = new ArrayList<>();
        int id = 1;
        long total = Math.round(lengthSeconds() * RATE);
        for (Stem s : stems) {
            String file = s.name().replace(' ', '_') + ".wav";
            WavWriter.writeAll(audio.resolve(file), s.audio(), RATE, WavWriter.Encoding.PCM24);
            Source src = SourceProbe.probe("s" + id, "audio/" + file, audio.resolve(file), folder);
            BusId bus = groups.computeIfAbsent(s.group(), g -> new BusId("b" + (groups.size() + 1)));
            Clip clip = Clip.of(s.name(), src, 0, total).withFades(Fade.of(0, FadeShape.LINEAR),
                    Fade.of(at(0.05), FadeShape.LINEAR));
            tracks.add(new Track(new TrackId("t" + id), s.name(), TrackKind.AUDIO, s.audio().length, List.of(clip),
                    Gain.ofDb(s.faderDb()), Gain.UNITY, Pan.of(s.pan()), false, false, false, bus, List.of(), List.of(),
                    List.of(), Carry.NONE));
            id++;
        }
        List<Bus> buses = new ArrayList<>();
        for (Map.Entry<String, BusId> g : groups.entrySet()) {
            // Problem 1: the Keys group is pushed far too loud.
            double gain = g.getKey().equals("Keys") ? 6.0 : 0.0;
            buses.add(new Bus(g.getValue(), g.getKey(), BusKind.GROUP, 2, Gain.ofDb(gain), Gain.UNITY, Pan.CENTRE, false,
                    false, false, BusId.MASTER, List.of(), List.of(), List.of(), Carry.NONE));
        }
        // Problem 4: master gain pushes the sum over full scale.
        Bus master = Bus.master(2).withFader(Gain.ofDb(4.0));
        List<Marker> markers = List.of(Marker.at("Intro", 0), Marker.at("Lead in", at(2 * BAR)),
                Marker.at("Backings", at(4 * BAR)), Marker.at("End", at(BARS * BAR)));
        return new Session("demo-song", "topdown", "1", RATE, total, tracks, buses, master, markers,
                new Tempo(List.of(new Tempo.Change(0, BPM, 4, 4))), PanLaw.EQUAL_POWER_MINUS_3DB, 0,
                List.of());
    }
}
