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
        // Curve::_get_vector over a cycle [b, b+n): x = b + i·n/(n-1)
        Automation ramp = new Automation(Automation.Parameter.GAIN,
                List.of(AutomationPoint.of(0, 0), AutomationPoint.of(100_000, 100_000)), Interpolation.LINEAR, true);
        LaneCursor c = new LaneCursor(ramp, 0, 3000, 1024);
        assertEquals(0, c.valueAt(0L), 1e-9);
        assertEquals(512 * 1024 / 1023.0, c.valueAt(512L), 1e-9);
        assertEquals(1024, c.valueAt(1023L), 1e-9); // the cycle's last value is the next cycle's first
        assertEquals(1024, c.valueAt(1024L), 1e-9);
        assertEquals(2048 + 100 * 952 / 951.0, c.valueAt(2148L), 1e-9); // last cycle is 952 samples long
        assertEquals(512, new LaneCursor(ramp).valueAt(512L), 1e-9);
    }
}
