package topdown.analysis;

/**
 * BS.1770-4 / EBU R128 measurements of a signal. Loudness values below the absolute gate are
 * {@code NaN} (printed as null); peaks of silence are {@code -Infinity}.
 */
public record LoudnessResult(double integratedLufs, double loudnessRangeLu, double momentaryMaxLufs,
                             double shortTermMaxLufs, double samplePeakDbfs, double truePeakDbtp, double durationSeconds) {
}
