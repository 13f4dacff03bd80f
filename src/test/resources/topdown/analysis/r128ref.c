/*
 * Reference measurement with libebur128 for Libebur128AgreementTest (written for TopDown).
 * Usage: r128ref <raw float32 little-endian interleaved file> <channels> <rate>
 * Prints: I LRA truePeakDb samplePeakDb maxMomentary maxShortTerm LRA10 frames
 * (LUFS / LU / dB; "nan"/"-inf" allowed).
 * Momentary is read every 10 ms and short-term every 100 ms, at the same sample boundaries as
 * TopDown's meter (tenths of a step of rate/10 samples), each once its window is full.
 * LRA is libebur128's own, which takes a short-term value only once per second. LRA10 applies
 * EBU Tech 3342's statistics (-70 LUFS and -20 LU gates, 10th and 95th percentiles by nearest rank
 * as in the Tech 3342 reference code) to libebur128's short-term values read at 10 Hz, the
 * minimum rate Tech 3342 requires.
 */
#include <ebur128.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static int cmp(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

static double lra10(double *s, size_t n) {
    size_t k = 0;
    double sum = 0;
    for (size_t j = 0; j < n; j++) {
        if (s[j] >= -70.0) {
            s[k++] = s[j];
            sum += pow(10, s[j] / 10);
        }
    }
    if (k == 0) {
        return NAN;
    }
    double gate = 10 * log10(sum / k) - 20;
    size_t m = 0;
    for (size_t j = 0; j < k; j++) {
        if (s[j] >= gate) {
            s[m++] = s[j];
        }
    }
    qsort(s, m, sizeof(double), cmp);
    size_t lo = (size_t) ((m - 1) * 0.10 + 0.5), hi = (size_t) ((m - 1) * 0.95 + 0.5);
    return s[hi] - s[lo];
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: r128ref file.f32 channels rate\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    unsigned ch = (unsigned) atoi(argv[2]);
    unsigned long rate = strtoul(argv[3], NULL, 10);
    ebur128_state *st = ebur128_init(ch, rate, EBUR128_MODE_I | EBUR128_MODE_LRA | EBUR128_MODE_M
            | EBUR128_MODE_S | EBUR128_MODE_TRUE_PEAK | EBUR128_MODE_SAMPLE_PEAK);
    if (!st) {
        fprintf(stderr, "ebur128_init failed\n");
        return 2;
    }
    size_t step = rate / 10;
    float *buf = malloc(sizeof(float) * ch * step);
    double mmax = -HUGE_VAL, smax = -HUGE_VAL;
    size_t total = 0;
    size_t ns = 0, cap = 1024;
    double *sts = malloc(sizeof(double) * cap);
    int tenth = 0;
    for (;;) {
        size_t want = step * (size_t) (tenth + 1) / 10 - step * (size_t) tenth / 10;
        size_t got = fread(buf, sizeof(float) * ch, want, f);
        if (got > 0 && ebur128_add_frames_float(st, buf, got) != EBUR128_SUCCESS) {
            fprintf(stderr, "add_frames failed\n");
            return 2;
        }
        total += got;
        if (got < want) {
            break;
        }
        tenth = (tenth + 1) % 10;
        double v;
        if (total >= 4 * step && ebur128_loudness_momentary(st, &v) == EBUR128_SUCCESS && v > mmax) {
            mmax = v;
        }
        if (tenth == 0 && total >= 30 * step && ebur128_loudness_shortterm(st, &v) == EBUR128_SUCCESS) {
            if (v > smax) {
                smax = v;
            }
            if (ns == cap) {
                cap *= 2;
                sts = realloc(sts, sizeof(double) * cap);
            }
            sts[ns++] = v;
        }
    }
    double i = NAN, lra = NAN, tp = 0, sp = 0;
    ebur128_loudness_global(st, &i);
    ebur128_loudness_range(st, &lra);
    for (unsigned c = 0; c < ch; c++) {
        double p;
        if (ebur128_true_peak(st, c, &p) == EBUR128_SUCCESS && p > tp) {
            tp = p;
        }
        if (ebur128_sample_peak(st, c, &p) == EBUR128_SUCCESS && p > sp) {
            sp = p;
        }
    }
    printf("%.6f %.6f %.6f %.6f %.6f %.6f %.6f %zu\n", i, lra, 20 * log10(tp), 20 * log10(sp), mmax, smax,
            lra10(sts, ns), total);
    free(sts);
    ebur128_destroy(&st);
    free(buf);
    fclose(f);
    return 0;
}
