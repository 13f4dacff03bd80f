package topdown.model;

/** A gain in decibels; {@code Double.NEGATIVE_INFINITY} is silence. */
public record Gain(double db) {
    public static final Gain UNITY = new Gain(0.0);
    public static final Gain SILENCE = new Gain(Double.NEGATIVE_INFINITY);

    public Gain {
        if (Double.isNaN(db) || db == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("gain must be finite dB or -inf: " + db);
        }
    }

    public static Gain ofDb(double db) {
        return new Gain(db);
    }

    /** From a linear amplitude factor (negative factors are not gains: use polarity). */
    public static Gain ofLinear(double factor) {
        if (factor < 0 || Double.isNaN(factor)) {
            throw new IllegalArgumentException("linear gain must be >= 0: " + factor);
        }
        return factor == 0 ? SILENCE : new Gain(20.0 * Math.log10(factor));
    }

    public double linear() {
        return db == Double.NEGATIVE_INFINITY ? 0.0 : Math.pow(10.0, db / 20.0);
    }

    public boolean isSilence() {
        return db == Double.NEGATIVE_INFINITY;
    }

    public Gain plus(Gain other) {
        return new Gain(db + other.db);
    }
}
