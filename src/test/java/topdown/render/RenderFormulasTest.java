package topdown.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import topdown.model.Automation;
import topdown.model.AutomationPoint;
import topdown.model.Clip;
import topdown.model.ClipChannel;
import topdown.model.Fade;
import topdown.model.FadeShape;
import topdown.model.Gain;
import topdown.model.Interpolation;
import topdown.model.PanLaw;
import topdown.model.Playback;
import topdown.model.Source;

/**
 * Pan laws, fade curves and automation interpolation against values this test computes itself from each
 * DAW's published formula. Ardour's formulas are from its public source (libs/panners, libs/evoral
 * Curve.cc, libs/ardour audioregion.cc, libs/pbd control_math.h), restated here as maths. Tolerances:
 * 1e-12 where both sides are the same double expression in another form; looser ones say why.
 */
class RenderFormulasTest {
    /** Ardour's pan law scale for -3 dB at centre: 2 - 4·10^(-3/20). */
    private static final double S = 2 - 4 * Math.pow(10, -3 / 20.0);

    // ------------------------------------------------------------------ pan laws

    @Test
    void ardourMonoPannerIsEqualPowerWithMinus3DbAtCentre() {
        for (double az : new double[] {0, 0.1, 0.25, 0.3, 0.5, 0.62, 0.75, 0.85, 1}) {
            // panner_1in2out: L = (1-az)·(s·(1-az) + 1 - s), R = az·(s·az + 1 - s)
            double l = (1 - az) * (S * (1 - az) + 1 - S);
            double r = az * (S * az + 1 - S);
            double[] g = PanLaws.mono(PanLaw.ARDOUR, 2 * az - 1);
            assertEquals(l, g[0], 1e-12, "L at azimuth " + az);
            assertEquals(r, g[1], 1e-12, "R at azimuth " + az);
        }
        double[] c = PanLaws.mono(PanLaw.ARDOUR, 0);
        assertEquals(-3.0, 20 * Math.log10(c[0]), 1e-12, "centre is exactly -3 dB (not 1/sqrt 2)");
        assertEquals(c[0], c[1], 0);
        double[] left = PanLaws.mono(PanLaw.ARDOUR, -1);
        assertEquals(1.0, left[0], 1e-15);
        assertEquals(0.0, left[1], 1e-15);
    }

    @Test
    void ardourStereoBalanceTurnsOneSideDown() {
        for (double az : new double[] {0, 0.2, 0.35, 0.5, 0.62, 0.8, 1}) {
            // panner_balance: az > .5: L = 2 - 2·az, R = 1; az < .5: L = 1, R = 2·az; centre: both 1
            double l = az > 0.5 ? 2 - 2 * az : 1;
            double r = az < 0.5 ? 2 * az : 1;
            double[] g = PanLaws.stereo(PanLaw.ARDOUR, 2 * az - 1);
            assertEquals(l, g[0], 1e-12, "L at azimuth " + az);
            assertEquals(r, g[1], 1e-12, "R at azimuth " + az);
        }
    }

    @Test
    void ardourEqualPowerStereoPlacesEachChannelByWidth() {
        for (double az : new double[] {0.3, 0.45, 0.5, 0.7}) {
            for (double w : new double[] {0, 0.25, 0.6}) {
                // panner_2in2out: the left input sits at az - w/2, the right at az + w/2, each under the
                // mono law above
                double pl = az - w / 2;
                double pr = az + w / 2;
                double[] g = PanLaws.stereoWidth(PanLaw.ARDOUR, 2 * az - 1, w);
                assertEquals((1 - pl) * (S * (1 - pl) + 1 - S), g[0], 1e-12, "left->L " + az + "/" + w);
                assertEquals(pl * (S * pl + 1 - S), g[1], 1e-12, "left->R " + az + "/" + w);
                assertEquals((1 - pr) * (S * (1 - pr) + 1 - S), g[2], 1e-12, "right->L " + az + "/" + w);
                assertEquals(pr * (S * pr + 1 - S), g[3], 1e-12, "right->R " + az + "/" + w);
            }
        }
        double[] id = PanLaws.stereoWidth(PanLaw.ARDOUR, 0, 1);
        assertEquals(1, id[0], 1e-15);
        assertEquals(0, id[1], 1e-15);
        assertEquals(0, id[2], 1e-15);
        assertEquals(1, id[3], 1e-15);
    }

    @Test
    void reaperPanLaws() {
        for (double p : new double[] {-1, -0.4, 0, 0.3, 1}) {
            double a = (p + 1) / 2;
            // -3 dB equal power: L = cos(a·π/2), R = sin(a·π/2); 0 dB: the same scaled to unity at centre
            // (√2); -6 dB linear: L = 1 - a, R = a
            double[] m3 = PanLaws.mono(PanLaw.EQUAL_POWER_MINUS_3DB, p);
            assertEquals(Math.cos(a * Math.PI / 2), m3[0], 1e-12);
            assertEquals(Math.sin(a * Math.PI / 2), m3[1], 1e-12);
            double[] z = PanLaws.mono(PanLaw.EQUAL_POWER_0DB, p);
            assertEquals(Math.sqrt(2) * Math.cos(a * Math.PI / 2), z[0], 1e-12);
            assertEquals(Math.sqrt(2) * Math.sin(a * Math.PI / 2), z[1], 1e-12);
            double[] l6 = PanLaws.mono(PanLaw.LINEAR_MINUS_6DB, p);
            assertEquals(1 - a, l6[0], 1e-12);
            assertEquals(a, l6[1], 1e-12);
        }
        assertEquals(-3.0103, 20 * Math.log10(PanLaws.mono(PanLaw.EQUAL_POWER_MINUS_3DB, 0)[0]), 1e-4);
        assertEquals(0.0, 20 * Math.log10(PanLaws.mono(PanLaw.EQUAL_POWER_0DB, 0)[0]), 1e-12);
        assertEquals(-6.0206, 20 * Math.log10(PanLaws.mono(PanLaw.LINEAR_MINUS_6DB, 0)[0]), 1e-4);
    }

    @Test
    void reaperProjectPanLawSettingChoosesTheLaw(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        // PANLAW in the RPP is the project's centre gain as a factor: 1 = 0 dB, 0.707946 = -3 dB, 0.5 = -6 dB;
        // no PANLAW line: REAPER's default, 0 dB.
        Object[][] cases = {{"PANLAW 1\n", PanLaw.EQUAL_POWER_0DB}, {"PANLAW 0.70794578\n", PanLaw.EQUAL_POWER_MINUS_3DB},
            {"PANLAW 0.5\n", PanLaw.LINEAR_MINUS_6DB}, {"", PanLaw.EQUAL_POWER_0DB}};
        int k = 0;
        for (Object[] c : cases) {
            java.nio.file.Path f = tmp.resolve("p" + k++ + ".RPP");
            java.nio.file.Files.writeString(f, "<REAPER_PROJECT 0.1 \"6.77/linux64\" 0\n  SAMPLERATE 48000 0 0\n  " + c[0]
                    + "  <TRACK\n    NAME a\n  >\n>\n");
            assertEquals(c[1], topdown.format.SessionFormats.read(f).session().panLaw(), String.valueOf(c[0]));
        }
    }

    // ------------------------------------------------------------------ Ardour fades

    /** Ardour's constant-power fade in of {@code len} samples, as set_fade_in builds it (32 steps). */
    private static List<Fade.Point> ardourConstantPowerIn(long len) {
        List<Fade.Point> p = new ArrayList<>();
        p.add(new Fade.Point(0, 1e-7)); // GAIN_COEFF_SMALL: the fade starts at -140 dB, not at 0
        for (int i = 1; i < 32; i++) {
            float dist = i / 33f; // i / (num_steps + 1), in float as Ardour computes it
            p.add(new Fade.Point((long) (len * dist), Math.sin(dist * Math.PI / 2)));
        }
        p.add(new Fade.Point(len, 1));
        return p;
    }

    @Test
    void ardourCurvedInterpolationIsKrugersConstrainedSpline() {
        List<Fade.Point> pts = ardourConstantPowerIn(12000);
        ArdourCurve c = new ArdourCurve(pts);
        int n = pts.size();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = pts.get(i).sample();
            y[i] = pts.get(i).gain();
        }
        // Kruger (2003) in his own form: first derivatives f'i = 2 / ((x[i+1]-x[i])/(y[i+1]-y[i]) +
        // (x[i]-x[i-1])/(y[i]-y[i-1])) (0 where the slopes change sign), ends 3·Δy/(2·Δx) - f'/2, then per
        // segment f''(x[i-1]) = -2(f'i + 2f'i-1)/Δx + 6Δy/Δx², f''(x[i]) = 2(2f'i + f'i-1)/Δx - 6Δy/Δx²,
        // d = (f''R - f''L)/(6Δx), c = (x[i]f''L - x[i-1]f''R)/(2Δx), b = (Δy - c(x[i]²-x[i-1]²) -
        // d(x[i]³-x[i-1]³))/Δx, a = y[i-1] - b·x[i-1] - c·x[i-1]² - d·x[i-1]³ (absolute x).
        double[] fp = new double[n];
        for (int i = 1; i < n - 1; i++) {
            double sb = (x[i + 1] - x[i]) / (y[i + 1] - y[i]);
            double sa = (x[i] - x[i - 1]) / (y[i] - y[i - 1]);
            fp[i] = sa * sb < 0 ? 0 : 2 / (sb + sa);
        }
        fp[0] = 3 * (y[1] - y[0]) / (2 * (x[1] - x[0])) - fp[1] / 2;
        fp[n - 1] = 3 * (y[n - 1] - y[n - 2]) / (2 * (x[n - 1] - x[n - 2])) - fp[n - 2] / 2;
        double worst = 0;
        for (int i = 1; i < n; i++) {
            double dx = x[i] - x[i - 1];
            double dy = y[i] - y[i - 1];
            double fl = -2 * (fp[i] + 2 * fp[i - 1]) / dx + 6 * dy / (dx * dx);
            double fr = 2 * (2 * fp[i] + fp[i - 1]) / dx - 6 * dy / (dx * dx);
            double d = (fr - fl) / (6 * dx);
            double cc = (x[i] * fl - x[i - 1] * fr) / (2 * dx);
            double b = (dy - cc * (x[i] * x[i] - x[i - 1] * x[i - 1]) - d * (Math.pow(x[i], 3) - Math.pow(x[i - 1], 3))) / dx;
            double a = y[i - 1] - b * x[i - 1] - cc * x[i - 1] * x[i - 1] - d * Math.pow(x[i - 1], 3);
            for (int k = 1; k < 8; k++) {
                double t = x[i - 1] + dx * k / 8;
                double want = a + b * t + cc * t * t + d * t * t * t;
                worst = Math.max(worst, Math.abs(want - c.valueAt(t)));
            }
            assertEquals(y[i], c.valueAt(x[i]), 0, "passes through point " + i);
        }
        // the absolute-x polynomial loses digits to cancellation at x ~ 1e4 (x³ ~ 1e12): 1e-9 is far below
        // a float gain's resolution (6e-8)
        assertTrue(worst < 1e-9, "Hermite form vs Kruger's polynomial: " + worst);
        // constant power: -3 dB half way (the spline follows sin within 1e-4 between 33 points)
        assertEquals(Math.sqrt(0.5), c.valueAt(6000), 1e-4);
        // two points: a straight line
        ArdourCurve line = new ArdourCurve(List.of(new Fade.Point(0, 1e-7), new Fade.Point(100, 1)));
        assertEquals(1e-7 + (1 - 1e-7) * 0.37, line.valueAt(37), 1e-15);
    }

    @Test
    void ardourFadeVectorSpansFirstToLastBreakpoint() {
        // A fade of L samples is read as L gains spread from the first breakpoint to the last
        // (Curve::_get_vector: dx = (hx - lx) / (veclen - 1)): sample 0 is at the floor, sample L-1 at unity.
        long len = 480;
        Fade in = Fade.of(len, FadeShape.LINEAR).withPoints(List.of(new Fade.Point(0, 1e-7), new Fade.Point(len, 1)));
        Fade out = Fade.of(len, FadeShape.LINEAR).withPoints(List.of(new Fade.Point(0, 1), new Fade.Point(len, 1e-7)));
        Source src = new Source("s", "x.wav", "x.wav", 1, 48000, 48000, "wav", true, false);
        Clip c = new Clip("c", List.of(new ClipChannel(src, 0)), 0, 0, 48000, Gain.UNITY, null, in, out, false, false,
                topdown.model.Carry.NONE);
        ClipPlayer p = new ClipPlayer(null, 48000, true);
        assertEquals(1e-7, p.ardourFade(c, 0), 1e-14); // the floor, as a float gain (1.00000001e-7)
        assertEquals(1.0, p.ardourFade(c, len - 1), 1e-7); // float gain, as Ardour's gain buffer
        assertEquals(1e-7 + (1 - 1e-7) * 100.0 * len / (len - 1) / len, p.ardourFade(c, 100), 1e-7);
        assertEquals(1.0, p.ardourFade(c, 48000 - len), 1e-7); // first sample of the fade out: unity
        assertEquals(1e-7, p.ardourFade(c, 47999), 1e-14); // last: the floor (as a float: 1.00000001e-7)
        assertEquals(1.0, p.ardourFade(c, 20000), 0);
    }

    @Test
    void ardourFastAndSlowShapeFormulas() {
        // Ardour's generate_db_fade(-60) reversed: fast fade in is a straight line in dB from -60 dB; slow:
        // a -1 dB and a -80 dB fade merged in dB with weight u = 1 - t: -u - 79u² dB. Both offset to start
        // at silence. These are the formulas for fades without stored points (Ardour sessions have them).
        double f0 = Math.pow(10, -3.0);
        double s0 = Math.pow(10, -4.0);
        for (double t : new double[] {0.1, 0.25, 0.5, 0.75, 0.9}) {
            double u = 1 - t;
            assertEquals((Math.pow(10, -60 * u / 20) - f0) / (1 - f0), FadeCurves.fadeIn(FadeShape.FAST, 0, t), 1e-12);
            assertEquals((Math.pow(10, (-u - 79 * u * u) / 20) - s0) / (1 - s0), FadeCurves.fadeIn(FadeShape.SLOW, 0, t),
                    1e-12);
        }
        // the values Ardour 7.3 stored for a 0.25 s slow fade in (harness session): 0.097 half way, 0.55 at 3/4
        assertEquals(0.097, FadeCurves.fadeIn(FadeShape.SLOW, 0, 0.5), 0.002);
        assertEquals(0.550, FadeCurves.fadeIn(FadeShape.SLOW, 0, 0.75), 0.005);
        assertEquals(0.032, FadeCurves.fadeIn(FadeShape.FAST, 0, 0.5), 0.002);
    }

    // ------------------------------------------------------------------ other fades

    @Test
    void shapeFormulasOfTheOtherFormats() {
        for (double t : new double[] {0.1, 0.25, 0.5, 0.8}) {
            assertEquals(t, FadeCurves.fadeIn(FadeShape.LINEAR, 0, t), 1e-15);
            assertEquals(Math.sin(t * Math.PI / 2), FadeCurves.fadeIn(FadeShape.CONSTANT_POWER, 0, t), 1e-15);
            assertEquals((1 - Math.cos(t * Math.PI)) / 2, FadeCurves.fadeIn(FadeShape.S_CURVE, 0, t), 1e-15);
            assertEquals(t * t, FadeCurves.fadeIn(FadeShape.EXPONENTIAL, 0, t), 1e-15);
            assertEquals(1 - (1 - t) * (1 - t), FadeCurves.fadeIn(FadeShape.LOGARITHMIC, 0, t), 1e-15);
            // Reaper: shape 1 fast start, 2 fast end, 5 slow start/end, 6 sharp; the curve value c in -1..1
            // bends a linear fade. REAPER does not publish its curve maths: these are TopDown's stated
            // approximations (FadeCurves), not a Reaper reference.
            assertEquals(1 - (1 - t) * (1 - t), FadeCurves.fadeIn(FadeShape.REAPER_FAST_START, 0, t), 1e-15);
            assertEquals(t * t, FadeCurves.fadeIn(FadeShape.REAPER_FAST_END, 0, t), 1e-15);
            assertEquals((1 - Math.cos(t * Math.PI)) / 2, FadeCurves.fadeIn(FadeShape.REAPER_SLOW_START_END, 0, t), 1e-15);
            assertEquals(Math.pow(t, 4), FadeCurves.fadeIn(FadeShape.REAPER_SHARP, 0, t), 1e-15);
            assertEquals(Math.pow(t, Math.pow(2, -2 * 0.5)), FadeCurves.fadeIn(FadeShape.LINEAR, 0.5, t), 1e-15);
            assertTrue(FadeCurves.fadeIn(FadeShape.LINEAR, 0.5, t) > t, "positive curve bows a fade in upwards");
            assertTrue(FadeCurves.fadeIn(FadeShape.LINEAR, -0.5, t) < t);
        }
        for (FadeShape s : FadeShape.values()) {
            assertEquals(0, FadeCurves.fadeIn(s, 0, 0), 0, s + " starts silent");
            assertEquals(1, FadeCurves.fadeIn(s, 0, 1), 0, s + " ends at unity");
        }
    }

    // ------------------------------------------------------------------ automation

    private static Automation lane(Interpolation i, long[] t, double[] v) {
        List<AutomationPoint> p = new ArrayList<>();
        for (int k = 0; k < t.length; k++) {
            p.add(AutomationPoint.of(t[k], v[k]));
        }
        return new Automation(Automation.Parameter.GAIN, p, i, true);
    }

    @Test
    void automationInterpolation() {
        long[] t = {1000, 3000};
        double[] v = {1.0, 0.5};
        Automation lin = lane(Interpolation.LINEAR, t, v);
        Automation step = lane(Interpolation.STEP, t, v);
        Automation db = lane(Interpolation.LINEAR_DB, t, v);
        Automation gain = lane(Interpolation.ARDOUR_GAIN, t, v);
        for (long s : new long[] {0, 1000, 1500, 2000, 2999, 3000, 5000}) {
            double f = Math.max(0, Math.min(1, (s - 1000) / 2000.0));
            assertEquals(1.0 + (0.5 - 1.0) * f, lin.valueAt(s), 1e-12, "linear at " + s);
            assertEquals(s < 3000 ? 1.0 : 0.5, step.valueAt(s), 0, "discrete at " + s);
            // Ardour "Logarithmic" (trim): from·(to/from)^f, i.e. a straight line in dB
            assertEquals(1.0 * Math.pow(0.5 / 1.0, f), db.valueAt(s), 1e-12, "dB-linear at " + s);
            // Ardour "Exponential" (fader): straight on the fader position pos(g) = ((6·log2 g + 192)/198)^8
            double pa = Math.pow((6 * Math.log(1.0) / Math.log(2) + 192) / 198, 8);
            double pb = Math.pow((6 * Math.log(0.5) / Math.log(2) + 192) / 198, 8);
            double p = pa + f * (pb - pa);
            double want = Math.exp((Math.pow(p, 1 / 8.0) * 198 - 192) / 6 * Math.log(2));
            assertEquals(want, gain.valueAt(s), 1e-12, "Ardour gain at " + s);
            assertEquals(want, new LaneCursor(gain).valueAt(s), 1e-12, "cursor, Ardour gain at " + s);
            assertEquals(db.valueAt(s), new LaneCursor(db).valueAt(s), 1e-12);
            assertEquals(lin.valueAt(s), new LaneCursor(lin).valueAt(s), 1e-12);
            assertEquals(step.valueAt(s), new LaneCursor(step).valueAt(s), 0);
        }
        // half way from 0 dB to -6 dB the three gain curves are three different gains
        double mid = gain.valueAt(2000);
        assertTrue(Math.abs(mid - 0.75) > 0.01 && Math.abs(mid - Math.sqrt(0.5)) > 0.01, "fader-position midpoint " + mid);
        assertEquals(0, Automation.ardourGain(0, 0, 0.5), 0);
    }

    @Test
    void ardourReadsAutomationOncePerCycleStretchedToTheNextCycle() {
        // Curve::_get_vector over a cycle [b, b+n): x = b + i·n/(n-1), values as floats
        Automation ramp = new Automation(Automation.Parameter.GAIN,
                List.of(AutomationPoint.of(0, 0), AutomationPoint.of(100_000, 100_000)), Interpolation.LINEAR, true);
        float[] v = new float[1024];
        new CycleLane(ramp, 48000, null).fill(0, 1024, v);
        assertEquals(0, v[0], 0);
        assertEquals((float) (512 * 1024 / 1023.0), v[512], 1e-3);
        assertEquals(1024, v[1023], 1e-3); // the cycle's last value is the next cycle's first
        // cycles of the headless export: a first one of 256 samples (the latency pre-roll's end), then 1024
        CycleReader r = new CycleReader(ramp, 48000, null, new Playback(1024, 256, 0, 0), 0, 0, null);
        float[] out = new float[2000];
        r.fill(0, 2000, out);
        assertEquals((float) (100 * 256 / 255.0), out[100], 1e-3);
        assertEquals(256, out[255], 1e-3);
        assertEquals(256, out[256], 1e-3);
        assertEquals((float) (256 + 100 * 1024 / 1023.0), out[356], 1e-3);
        assertEquals(1280, out[1279], 1e-3);
        assertEquals(1024 - 256, r.untilCycleEnd(512));
        // a gain stage reads its lane 256 samples behind the audio: audio sample 356 gets lane time 100+
        CycleReader late = new CycleReader(ramp, 48000, null, new Playback(1024, 256, 0, 0), 0, 256, null);
        late.fill(0, 2000, out);
        assertEquals(0, out[100], 0); // the first cycle reads [-256, 0): before the first point
        assertEquals((float) (100 * 1024 / 1023.0), out[356], 1e-3);
        assertEquals(512, new LaneCursor(ramp).valueAt(512L), 1e-9);
    }

    @Test
    void ardourCycleVectorFillsBeforeTheFirstAndAfterTheLastPoint() {
        // A cycle [0, 1024) over a lane from 100 to 900: floor(1024·100/1024) = 100 values hold the first
        // value, floor(1024·124/1024) = 124 the last; the 800 between spread from 100 to 900 in 799 steps.
        Automation a = new Automation(Automation.Parameter.GAIN,
                List.of(AutomationPoint.of(100, 0), AutomationPoint.of(900, 1)), Interpolation.LINEAR, true);
        float[] v = new float[1024];
        new CycleLane(a, 48000, null).fill(0, 1024, v);
        for (int i = 0; i < 100; i++) {
            assertEquals(0, v[i], 0);
        }
        for (int i = 0; i < 800; i++) {
            assertEquals((float) (i * 800.0 / 799 / 800), v[100 + i], 1e-6, "at " + (100 + i));
        }
        for (int i = 900; i < 1024; i++) {
            assertEquals(1, v[i], 0);
        }
        // three points: each value looked up between its neighbours; Ardour's gain curve on "Exponential"
        Automation g = new Automation(Automation.Parameter.GAIN, List.of(AutomationPoint.of(0, 1),
                AutomationPoint.of(500, 0.5), AutomationPoint.of(2000, 1)), Interpolation.ARDOUR_GAIN, true);
        new CycleLane(g, 48000, null).fill(0, 1024, v);
        double x = 300 * 1024 / 1023.0;
        assertEquals((float) Automation.ardourGain(1, 0.5, x / 500), v[300], 1e-6);
        x = 700 * 1024 / 1023.0;
        assertEquals((float) Automation.ardourGain(0.5, 1, (x - 500) / 1500), v[700], 1e-6);
    }

    @Test
    void musicTimeLanesAreReadBetweenWholeTicks() {
        // 120 bpm at 48 kHz: 1920 ticks per beat = 3840 per second, 12.5 samples per tick; Ardour's tempo map
        // turns a cycle's sample bounds into the nearest whole tick
        Automation pan = new Automation(Automation.Parameter.PAN,
                List.of(AutomationPoint.of(0, 0), AutomationPoint.of(72_000, 1)), Interpolation.LINEAR, true, true);
        CycleLane beats = new CycleLane(pan, 48000, topdown.model.Tempo.DEFAULT);
        for (long s = 0; s < 200_000; s += 7) {
            assertEquals(Math.round(s / 12.5), beats.units(s), 0, "ticks at sample " + s);
        }
        // a 1024-sample cycle from sample 1000 spans ticks 80 .. 162 (2024 / 12.5 = 161.92), not 80 .. 161.92
        float[] v = new float[1024];
        beats.fill(1000, 1024, v);
        assertEquals(80 / 5760.0, v[0], 1e-7);
        assertEquals(162 / 5760.0, v[1023], 1e-7);
        float[] w = new float[1024];
        new CycleLane(new Automation(pan.parameter(), pan.points(), pan.interpolation(), true), 48000,
                topdown.model.Tempo.DEFAULT).fill(1000, 1024, w);
        assertEquals(2024 / 72000.0, w[1023], 1e-7); // the same lane in audio time
    }

    @Test
    void ardourAmpSmoothsAutomatedGainWithAOnePoleLowPass() {
        // amp.cc: a = 156.825 / rate (1 - e^(-2π·25/48000) ≈ 6.2·25/48000: a 25 Hz low-pass); per sample
        // x *= g, then g += a·(target - g), in single precision
        float a = 156.825f / 48000f;
        assertEquals(1 - Math.exp(-2 * Math.PI * 25 / 48000), a, 0.001 * a);
        SmoothedGain sg = new SmoothedGain(156.825, 48000, 1f);
        float[][] buf = new float[2][4096];
        for (float[] c : buf) {
            java.util.Arrays.fill(c, 1f);
        }
        float[] target = new float[4096];
        java.util.Arrays.fill(target, 0.5f);
        sg.apply(buf, 0, 4096, target);
        float g = 1f;
        for (int i = 0; i < 4096; i++) {
            assertEquals(g, buf[0][i], 0, "sample " + i);
            assertEquals(g, buf[1][i], 0, "every channel from the same state");
            // closed form of the recursion (double): 0.5 + 0.5·(1-a)^i
            assertEquals(0.5 + 0.5 * Math.pow(1 - a, i), buf[0][i], 1e-5);
            g += a * (0.5f - g);
        }
        assertEquals(g, sg.current(), 0);
        // about 306 samples (1/a) to fall 1/e of the way: the lag Ardour's automated gain has
        assertEquals(0.5 + 0.5 / Math.E, buf[0][(int) Math.round(1 / a)], 2e-3);
        // below -140 dB the state is flushed to silence at the end of the cycle
        SmoothedGain z = new SmoothedGain(156.825, 48000, 1e-6f);
        z.advance(1024, new float[1024]);
        assertEquals(0, z.current(), 0);
    }

    @Test
    void ardourDiskReadsFollowItsButler() {
        // 48 kHz: a 5 s buffer (240000) + 8191 reservation -> 262144; empty write space 262144 - 1 - 8191 =
        // 253952, read at the locate in one go (4 x 253952 bytes < 4 MiB). Then a 256-sample first cycle and
        // 1024-sample cycles: after 64 of them 65792 samples are free, and 65536 (a multiple of 4096) are read.
        DiskReads d = new DiskReads(new Playback(1024, 256, 0, 5.0), 48000, 0, 1_000_000);
        assertEquals(0, d.readStart(0));
        assertEquals(253_952, d.readEnd(0));
        assertEquals(253_952, d.readStart(300_000));
        assertEquals(253_952 + 65_536, d.readEnd(300_000));
        assertEquals(253_952 + 12 * 65_536, d.readStart(253_952 + 12 * 65_536 + 5));
        assertEquals(65_536, DiskReads.readSize(65_792));
        assertEquals(1_048_576, DiskReads.readSize(3_000_000)); // at most 4 MiB of float samples
    }

    @Test
    void ardourFadeSplitByADiskReadRestartsItsVector() {
        // AudioRegion::read_at reads a fade's part inside each disk read as its own vector: a 480-sample
        // linear fade in read as [0, 200) and [200, 480) is spread over 0..200 in 199 steps, then 200..480
        // in 279 steps
        long len = 480;
        Fade in = Fade.of(len, FadeShape.LINEAR).withPoints(List.of(new Fade.Point(0, 0), new Fade.Point(len, 1)));
        Source src = new Source("s", "x.wav", "x.wav", 1, 48000, 48000, "wav", true, false);
        Clip c = new Clip("c", List.of(new ClipChannel(src, 0)), 0, 0, 48000, Gain.UNITY, null, in, Fade.NONE,
                false, false, topdown.model.Carry.NONE);
        ClipPlayer p = new ClipPlayer(null, 48000, true);
        assertEquals((float) (100 * 200 / 199.0 / len), p.ardourFade(c, 100, 0, 200), 1e-7);
        assertEquals(1 / 480.0 * 200, p.ardourFade(c, 200, 200, 48000), 1e-7);
        assertEquals((float) ((200 + 100 * 280 / 279.0) / len), p.ardourFade(c, 300, 200, 48000), 1e-7);
        assertEquals(1.0, p.ardourFade(c, 479, 200, 48000), 1e-7);
        assertEquals((float) (100 * 480 / 479.0 / len), p.ardourFade(c, 100), 1e-7); // one piece
    }
}
