package topdown.dsp;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Streaming FIR convolution of one channel, y[n] = Σ h[k]·x[n−k], with no latency of its own and any
 * call size. The kernel is split into partitions of P samples: the first partition is applied directly
 * (P multiply-adds per sample), the others by uniformly partitioned overlap-save in the frequency domain
 * (an FFT of 2P per completed input partition and a frequency-domain delay line of spectra). The output
 * sample n only needs the direct part for inputs n−P+1…n, and inputs up to n−P for the rest, which were
 * complete at the start of n's partition: so the result is exact and undelayed, whatever the block size
 * the caller uses. Memory is fixed by the kernel length (no growth with signal length); arithmetic is in
 * double.
 */
public final class FirConvolver {
    private final int partition;
    private final double[] head;       // h[0..P)
    private final double[][] spectra;  // partitions 1..J of the kernel, FFT size 2P (JTransforms real packing)
    private final double[][] fdl;      // spectra of the last J input partitions (pairs), ring
    private final DoubleFFT_1D fft;
    private final double[] hist;       // [previous partition | current partition]
    private final double[] tail;       // contribution of partitions 1..J to the current output partition
    private final double[] work;
    private final double[] acc;
    private final double[] run;        // outputs of the current run
    private int pos;
    private int fdlPos;

    /** @param kernel impulse response h[0..N)  @param partitionSamples P, a power of two (64…8192) */
    public FirConvolver(double[] kernel, int partitionSamples) {
        if (kernel.length == 0) {
            throw new IllegalArgumentException("empty kernel");
        }
        if (Integer.bitCount(partitionSamples) != 1 || partitionSamples < 2) {
            throw new IllegalArgumentException("partition must be a power of two: " + partitionSamples);
        }
        int p = partitionSamples;
        this.partition = p;
        this.head = new double[p];
        System.arraycopy(kernel, 0, head, 0, Math.min(p, kernel.length));
        int parts = Math.max(0, (kernel.length - 1) / p); // partitions after the head
        this.fft = new DoubleFFT_1D(2 * p);
        this.spectra = new double[parts][];
        for (int j = 0; j < parts; j++) {
            double[] s = new double[2 * p];
            int from = (j + 1) * p;
            System.arraycopy(kernel, from, s, 0, Math.min(p, kernel.length - from));
            fft.realForward(s);
            spectra[j] = s;
        }
        this.fdl = new double[parts][2 * p];
        this.hist = new double[2 * p];
        this.tail = new double[p];
        this.work = new double[2 * p];
        this.acc = new double[2 * p];
        this.run = new double[p];
    }

    /** The default partition for a kernel length: about √N·2, between 64 and 1024 (direct and FFT work balance). */
    public static int defaultPartition(int kernelLength) {
        int p = Integer.highestOneBit(Math.max(1, (int) Math.sqrt(kernelLength) * 2));
        return Math.max(64, Math.min(1024, p));
    }

    public int partitionSamples() {
        return partition;
    }

    /**
     * Filters {@code n} samples of {@code x} from {@code off}, in place. Works a run of samples at a time, up to
     * the end of the current partition: every input the direct part needs is then in {@code hist}, and the
     * direct part runs tap by tap over the run (a loop over equally offset arrays, which the JIT vectorises);
     * each output still sums its taps in order 0, 1, …, so the result is the per-sample one.
     */
    public void process(float[] x, int off, int n) {
        int p = partition;
        double[] y = run;
        while (n > 0) {
            int len = Math.min(n, p - pos);
            int base = p + pos;
            for (int i = 0; i < len; i++) {
                hist[base + i] = x[off + i];
            }
            System.arraycopy(tail, pos, y, 0, len);
            for (int k = 0; k < p; k++) {
                double h = head[k];
                int from = base - k;
                for (int i = 0; i < len; i++) {
                    y[i] += h * hist[from + i];
                }
            }
            for (int i = 0; i < len; i++) {
                x[off + i] = (float) y[i];
            }
            pos += len;
            off += len;
            n -= len;
            if (pos == p) {
                partitionComplete();
            }
        }
    }

    private void partitionComplete() {
        int p = partition;
        int parts = spectra.length;
        if (parts > 0) {
            // Spectrum of [previous, current] partition: the newest entry of the delay line.
            fdlPos = (fdlPos + parts - 1) % parts;
            double[] x = fdl[fdlPos];
            System.arraycopy(hist, 0, x, 0, 2 * p);
            fft.realForward(x);
            java.util.Arrays.fill(acc, 0);
            for (int j = 0; j < parts; j++) {
                // Partition j+1 of the kernel meets the input pair j partitions old.
                double[] xs = fdl[(fdlPos + j) % parts];
                double[] hs = spectra[j];
                acc[0] += xs[0] * hs[0];
                acc[1] += xs[1] * hs[1];
                for (int k = 2; k < 2 * p; k += 2) {
                    double xr = xs[k];
                    double xi = xs[k + 1];
                    double hr = hs[k];
                    double hi = hs[k + 1];
                    acc[k] += xr * hr - xi * hi;
                    acc[k + 1] += xr * hi + xi * hr;
                }
            }
            System.arraycopy(acc, 0, work, 0, 2 * p);
            fft.realInverse(work, true);
            // Overlap-save: the last P samples of the circular convolution are the linear ones.
            System.arraycopy(work, p, tail, 0, p);
        }
        System.arraycopy(hist, p, hist, 0, p);
        pos = 0;
    }

    /** Clears the history (as if only silence had been seen). */
    public void reset() {
        java.util.Arrays.fill(hist, 0);
        java.util.Arrays.fill(tail, 0);
        for (double[] f : fdl) {
            java.util.Arrays.fill(f, 0);
        }
        pos = 0;
    }
}
