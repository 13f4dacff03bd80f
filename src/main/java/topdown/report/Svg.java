package topdown.report;

import java.util.List;
import java.util.Locale;

/** Tiny inline-SVG chart helpers for the self-contained HTML report (no scripts, no external files). */
public final class Svg {
    private Svg() {
    }

    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A line chart of series over a log-frequency x axis (20 Hz – 20 kHz). */
    public static String logLines(String title, double[] hz, List<double[]> series, List<String> names, double yMin, double yMax) {
        int w = 720;
        int h = 260;
        int l = 50;
        int b = 30;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg class=\"chart\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\"><title>").append(esc(title)).append("</title>");
        sb.append("<rect x=\"").append(l).append("\" y=\"10\" width=\"").append(w - l - 10).append("\" height=\"")
                .append(h - b - 10).append("\" fill=\"#fafafa\" stroke=\"#ccc\"/>");
        for (double g : new double[] {50, 100, 200, 500, 1000, 2000, 5000, 10000}) {
            double x = l + (w - l - 10) * Math.log10(g / 20) / 3;
            sb.append("<line x1=\"").append(f(x)).append("\" y1=\"10\" x2=\"").append(f(x)).append("\" y2=\"")
                    .append(h - b).append("\" stroke=\"#e4e4e4\"/><text x=\"").append(f(x)).append("\" y=\"").append(h - 12)
                    .append("\" font-size=\"10\" text-anchor=\"middle\">").append(g >= 1000 ? (int) (g / 1000) + "k" : (int) g)
                    .append("</text>");
        }
        for (int k = 0; k <= 4; k++) {
            double v = yMin + (yMax - yMin) * k / 4;
            double y = (h - b) - (h - b - 10) * k / 4.0;
            sb.append("<text x=\"").append(l - 4).append("\" y=\"").append(f(y + 3))
                    .append("\" font-size=\"10\" text-anchor=\"end\">").append(f(v)).append("</text>");
        }
        String[] colours = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};
        for (int s = 0; s < series.size(); s++) {
            double[] y = series.get(s);
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < hz.length && i < y.length; i++) {
                if (hz[i] < 20 || hz[i] > 20000 || Double.isNaN(y[i]) || Double.isInfinite(y[i])) {
                    continue;
                }
                double x = l + (w - l - 10) * Math.log10(hz[i] / 20) / 3;
                double v = Math.max(yMin, Math.min(yMax, y[i]));
                double yy = (h - b) - (h - b - 10) * (v - yMin) / (yMax - yMin);
                pts.append(f(x)).append(',').append(f(yy)).append(' ');
            }
            sb.append("<polyline fill=\"none\" stroke-width=\"1.6\" stroke=\"").append(colours[s % colours.length])
                    .append("\" points=\"").append(pts).append("\"/>");
            sb.append("<text x=\"").append(l + 8).append("\" y=\"").append(24 + 12 * s).append("\" font-size=\"11\" fill=\"")
                    .append(colours[s % colours.length]).append("\">").append(esc(names.get(s))).append("</text>");
        }
        return sb.append("</svg>").toString();
    }

    /** A line chart over time (x in seconds). */
    public static String timeLine(String title, float[] values, double stepSeconds, double yMin, double yMax) {
        int w = 720;
        int h = 200;
        int l = 50;
        int b = 28;
        StringBuilder sb = new StringBuilder("<svg class=\"chart\" viewBox=\"0 0 " + w + " " + h
                + "\" xmlns=\"http://www.w3.org/2000/svg\"><title>" + esc(title) + "</title>");
        sb.append("<rect x=\"").append(l).append("\" y=\"10\" width=\"").append(w - l - 10).append("\" height=\"")
                .append(h - b - 10).append("\" fill=\"#fafafa\" stroke=\"#ccc\"/>");
        double total = Math.max(stepSeconds, values.length * stepSeconds);
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (Float.isNaN(values[i]) || Float.isInfinite(values[i])) {
                continue;
            }
            double x = l + (w - l - 10) * (i * stepSeconds) / total;
            double v = Math.max(yMin, Math.min(yMax, values[i]));
            double y = (h - b) - (h - b - 10) * (v - yMin) / (yMax - yMin);
            pts.append(f(x)).append(',').append(f(y)).append(' ');
        }
        for (int k = 0; k <= 4; k++) {
            double v = yMin + (yMax - yMin) * k / 4;
            double y = (h - b) - (h - b - 10) * k / 4.0;
            sb.append("<text x=\"").append(l - 4).append("\" y=\"").append(f(y + 3))
                    .append("\" font-size=\"10\" text-anchor=\"end\">").append(f(v)).append("</text>");
        }
        sb.append("<text x=\"").append(w - 12).append("\" y=\"").append(h - 10).append("\" font-size=\"10\" text-anchor=\"end\">")
                .append(f(total)).append(" s</text>");
        sb.append("<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.6\" points=\"").append(pts).append("\"/>");
        return sb.append("</svg>").toString();
    }

    /** Horizontal bars (labels and values; the bar runs from yMin). */
    public static String bars(String title, List<String> labels, double[] values, double min, double max, String unit) {
        int w = 720;
        int row = 22;
        int h = 20 + row * labels.size();
        int l = 170;
        StringBuilder sb = new StringBuilder("<svg class=\"chart\" viewBox=\"0 0 " + w + " " + h
                + "\" xmlns=\"http://www.w3.org/2000/svg\"><title>" + esc(title) + "</title>");
        for (int i = 0; i < labels.size(); i++) {
            double v = Double.isNaN(values[i]) ? min : Math.max(min, Math.min(max, values[i]));
            double len = (w - l - 80) * (v - min) / (max - min);
            int y = 10 + row * i;
            sb.append("<text x=\"").append(l - 6).append("\" y=\"").append(y + 14).append("\" font-size=\"11\" text-anchor=\"end\">")
                    .append(esc(labels.get(i))).append("</text>");
            sb.append("<rect x=\"").append(l).append("\" y=\"").append(y + 3).append("\" width=\"").append(f(Math.max(1, len)))
                    .append("\" height=\"").append(row - 6).append("\" fill=\"#4c78a8\"/>");
            sb.append("<text x=\"").append(f(l + len + 6)).append("\" y=\"").append(y + 14).append("\" font-size=\"11\">")
                    .append(Double.isNaN(values[i]) ? "—" : f(values[i]) + " " + unit).append("</text>");
        }
        return sb.append("</svg>").toString();
    }

    /** A symmetric matrix as a heat map (0..1). */
    public static String heat(String title, List<String> names, double[][] m) {
        int cell = 28;
        int l = 150;
        int top = 120;
        int w = l + cell * names.size() + 10;
        int h = top + cell * names.size() + 10;
        StringBuilder sb = new StringBuilder("<svg class=\"chart\" viewBox=\"0 0 " + w + " " + h
                + "\" xmlns=\"http://www.w3.org/2000/svg\"><title>" + esc(title) + "</title>");
        for (int i = 0; i < names.size(); i++) {
            sb.append("<text x=\"").append(l - 6).append("\" y=\"").append(top + cell * i + 18)
                    .append("\" font-size=\"11\" text-anchor=\"end\">").append(esc(names.get(i))).append("</text>");
            sb.append("<text transform=\"translate(").append(l + cell * i + 18).append(',').append(top - 6)
                    .append(") rotate(-60)\" font-size=\"11\">").append(esc(names.get(i))).append("</text>");
            for (int j = 0; j < names.size(); j++) {
                double v = i == j ? 0 : Math.max(0, Math.min(1, m[i][j]));
                int red = 255;
                int g = (int) (255 - 200 * v);
                sb.append("<rect x=\"").append(l + cell * j).append("\" y=\"").append(top + cell * i).append("\" width=\"")
                        .append(cell - 2).append("\" height=\"").append(cell - 2).append("\" fill=\"rgb(").append(red).append(',')
                        .append(g).append(',').append(g).append(")\"><title>").append(esc(names.get(i))).append(" / ")
                        .append(esc(names.get(j))).append(": ").append(String.format(Locale.ROOT, "%.2f", v))
                        .append("</title></rect>");
            }
        }
        return sb.append("</svg>").toString();
    }
}
