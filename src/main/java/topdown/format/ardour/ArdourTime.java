package topdown.format.ardour;

/**
 * Ardour's time values: Ardour 7/8 {@code timepos} strings ("a" + superclock ticks at 282 240 000 per
 * second for audio time, "b" + ticks at 1920 per beat for music time) and plain sample counts in older
 * sessions (or in a 7000 file, where a bare integer is samples).
 */
final class ArdourTime {
    static final long SUPERCLOCK_RATE = 282_240_000L;
    static final long TICKS_PER_BEAT = 1920;

    private ArdourTime() {
    }

    /** Samples at {@code rate} for a time value; beat times use the (first) tempo {@code bpm}. */
    static long samples(String v, int rate, double bpm) {
        if (v == null || v.isEmpty()) {
            return 0;
        }
        v = v.trim();
        if (v.startsWith("a")) {
            long sc = Long.parseLong(v.substring(1));
            // exact: round(sc * rate / SUPERCLOCK_RATE)
            java.math.BigInteger n = java.math.BigInteger.valueOf(sc).multiply(java.math.BigInteger.valueOf(rate));
            java.math.BigInteger[] qr = n.divideAndRemainder(java.math.BigInteger.valueOf(SUPERCLOCK_RATE));
            long q = qr[0].longValue();
            if (qr[1].abs().shiftLeft(1).compareTo(java.math.BigInteger.valueOf(SUPERCLOCK_RATE)) >= 0) {
                q += n.signum();
            }
            return q;
        }
        if (v.startsWith("b")) {
            long ticks = Long.parseLong(v.substring(1));
            double seconds = ticks / (double) TICKS_PER_BEAT * 60.0 / bpm;
            return Math.round(seconds * rate);
        }
        return Math.round(Double.parseDouble(v));
    }

    /** The superclock string for a sample position (what Ardour 7 writes). */
    static String audio(long samples, int rate) {
        return "a" + java.math.BigInteger.valueOf(samples).multiply(java.math.BigInteger.valueOf(SUPERCLOCK_RATE))
                .divide(java.math.BigInteger.valueOf(rate));
    }
}
