package topdown.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import topdown.analysis.AnalysisReport;
import topdown.analysis.DeliveryPreset;
import topdown.analysis.Masking;
import topdown.analysis.SpectrumAnalyzer;
import topdown.analysis.StemAnalysis;

/**
 * The self-contained HTML report: master loudness and delivery checks, spectrum against the reference,
 * loudness over time, group balance, mid/side per band, masking matrix. Extra sections (the mix steps
 * with their A/B numbers) can be appended by the caller.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String page(String title, AnalysisReport a, String extraSections) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(Svg.esc(title))
                .append("</title><style>body{font-family:system-ui,sans-serif;max-width:900px;margin:24px auto;color:#222}"
                        + "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}"
                        + ".pass{color:#2a7a2a}.fail{color:#b22}.chart{width:100%;height:auto;margin:8px 0}</style></head><body>");
        sb.append("<h1>").append(Svg.esc(title)).append("</h1><p>Input: <code>").append(Svg.esc(a.input)).append("</code></p>");
        sb.append("<h2>Master</h2>").append(loudnessTable(List.of(a.master)));
        if (a.target != null) {
            sb.append("<h2>Delivery: ").append(Svg.esc(a.target.name())).append("</h2><table><tr><th>check</th><th>value</th>"
                    + "<th>limit</th><th></th></tr>");
            for (DeliveryPreset.Check c : a.delivery) {
                sb.append("<tr><td>").append(Svg.esc(c.name())).append("</td><td>").append(Svg.esc(c.value())).append("</td><td>")
                        .append(Svg.esc(c.limit())).append("</td><td class=\"").append(c.pass() ? "pass\">pass" : "fail\">fail")
                        .append("</td></tr>");
            }
            sb.append("</table><p><small>").append(Svg.esc(a.target.source())).append("</small></p>");
        }
        List<double[]> series = new ArrayList<>();
        List<String> names = new ArrayList<>();
        double[] hz = SpectrumAnalyzer.THIRD_OCTAVES;
        series.add(normalise(a.master.thirdOctavesMid, a.master.loudness.integratedLufs()));
        names.add("mix (mid, loudness-matched)");
        if (a.reference != null) {
            series.add(normalise(a.reference.thirdOctavesMid, a.reference.loudness.integratedLufs()));
            names.add("reference: " + a.reference.name);
        }
        sb.append("<h2>Spectrum</h2>").append(Svg.logLines("Third-octave spectrum", hz, series, names, -40, 15));
        sb.append("<h2>Loudness over time (short-term)</h2>")
                .append(Svg.timeLine("Short-term loudness", a.master.shortTerm, 0.1, -40, 0));
        if (!a.buses.isEmpty()) {
            sb.append("<h2>Group balance</h2>");
            List<String> labels = new ArrayList<>();
            double[] v = new double[a.buses.size()];
            for (int i = 0; i < a.buses.size(); i++) {
                labels.add(a.buses.get(i).name);
                v[i] = a.buses.get(i).loudness.integratedLufs();
            }
            sb.append(Svg.bars("Integrated loudness per group", labels, v, -50, 0, "LUFS"));
            sb.append(loudnessTable(a.buses));
        }
        sb.append("<h2>Mid/side per band (master)</h2>");
        List<String> bandLabels = new ArrayList<>();
        double[] sm = new double[a.master.midSide.size()];
        for (int i = 0; i < sm.length; i++) {
            StemAnalysis.MidSideBand b = a.master.midSide.get(i);
            bandLabels.add(b.name() + " " + (int) b.lowHz() + "–" + (int) b.highHz() + " Hz");
            sm[i] = b.sideMinusMidDb();
        }
        sb.append(Svg.bars("Side minus mid", bandLabels, sm, -40, 0, "dB"));
        if (!a.masking.isEmpty()) {
            List<String> ms = new ArrayList<>();
            for (Masking.Result r : a.masking) {
                if (!ms.contains(r.a())) {
                    ms.add(r.a());
                }
                if (!ms.contains(r.b())) {
                    ms.add(r.b());
                }
            }
            double[][] m = new double[ms.size()][ms.size()];
            for (Masking.Result r : a.masking) {
                int i = ms.indexOf(r.a());
                int j = ms.indexOf(r.b());
                m[i][j] = r.score();
                m[j][i] = r.score();
            }
            sb.append("<h2>Masking</h2>").append(Svg.heat("Masking scores", ms, m)).append("<table><tr><th>a</th><th>b</th>"
                    + "<th>worst band</th><th>score</th></tr>");
            for (int i = 0; i < Math.min(10, a.masking.size()); i++) {
                Masking.Result r = a.masking.get(i);
                sb.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%.0f–%.0f Hz</td><td>%.2f</td></tr>",
                        Svg.esc(r.a()), Svg.esc(r.b()), r.lowHz(), r.highHz(), r.score()));
            }
            sb.append("</table>");
        }
        if (!a.tracks.isEmpty()) {
            sb.append("<h2>Tracks</h2>").append(loudnessTable(a.tracks));
        }
        if (extraSections != null) {
            sb.append(extraSections);
        }
        return sb.append("</body></html>\n").toString();
    }

    private static double[] normalise(double[] bands, double lufs) {
        double[] out = new double[bands.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = bands[i] - (Double.isNaN(lufs) ? 0 : lufs);
        }
        return out;
    }

    private static String n(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "—" : String.format(Locale.ROOT, "%.1f", v);
    }

    static String loudnessTable(List<StemAnalysis> stems) {
        StringBuilder sb = new StringBuilder("<table><tr><th>stem</th><th>LUFS</th><th>LRA</th><th>true peak</th>"
                + "<th>crest dB</th><th>correlation</th><th>flags</th></tr>");
        for (StemAnalysis s : stems) {
            List<String> flags = new ArrayList<>();
            if (s.lowEndInSide()) {
                flags.add("low end in side");
            }
            if (s.lowMidBuildUp()) {
                flags.add("low-mid build-up");
            }
            if (s.clippingRuns > 0) {
                flags.add(s.clippingRuns + " clipping runs");
            }
            sb.append("<tr><td>").append(Svg.esc(s.name)).append("</td><td>").append(n(s.loudness.integratedLufs()))
                    .append("</td><td>").append(n(s.loudness.loudnessRangeLu())).append("</td><td>").append(n(s.loudness.truePeakDbtp()))
                    .append("</td><td>").append(n(s.crestDb)).append("</td><td>").append(String.format(Locale.ROOT, "%.2f", s.correlation))
                    .append("</td><td>").append(Svg.esc(String.join(", ", flags))).append("</td></tr>");
        }
        return sb.append("</table>").toString();
    }
}
