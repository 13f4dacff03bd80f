package topdown.format.dawproject;

import java.util.Locale;

/** Number text as DAWproject writes it (locale-free, shortest exact form). */
final class DpNumbers {
    private DpNumbers() {
    }

    static double parse(String s, double fallback) {
        if (s == null || s.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Double.toString is the shortest text that reads back to the same double; avoid exponent forms. */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v) + ".0";
        }
        String s = Double.toString(v);
        if (s.contains("E")) {
            s = new java.math.BigDecimal(v).round(java.math.MathContext.DECIMAL64).stripTrailingZeros().toPlainString();
        }
        return s.toLowerCase(Locale.ROOT);
    }
}
