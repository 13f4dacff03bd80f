package topdown.audio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The SIMD 24-bit decoder ({@link Pcm24Vector}) against the scalar one and against the format's definition
 * (three little-endian bytes, two's complement, divided by 2^23), bit for bit, for mono, stereo and three
 * channels, every length from 0 to 70 frames at odd and even byte offsets, and buffers that end right after
 * the data (plus the scalar path's one spare byte).
 */
class Pcm24DecodeTest {

    @Test
    void simdDecodingIsOnWhereTheTestsRun() {
        assumeTrue(Pcm24Vector.usable(), "this CPU has no 256-bit vectors: the scalar decoder is used");
        assertEquals(true, Simd.AVAILABLE, "surefire starts the JVM with --add-modules jdk.incubator.vector");
    }

    @Test
    void simdAndScalarGiveTheFormatsValuesBitForBit() {
        assumeTrue(Simd.AVAILABLE, "SIMD decoding is off (module or 256-bit vectors missing)");
        Random rnd = new Random(24);
        int checked = 0;
        for (int ch = 1; ch <= 3; ch++) {
            for (int frames = 0; frames <= 70; frames++) {
                for (int start = 0; start <= 5; start++) {
                    byte[] raw = new byte[start + frames * ch * 3 + 1];
                    rnd.nextBytes(raw);
                    if (frames > 1) { // the extremes
                        raw[start] = 0; raw[start + 1] = 0; raw[start + 2] = (byte) 0x80;
                        raw[start + 3] = -1; raw[start + 4] = -1; raw[start + 5] = 0x7F;
                    }
                    float[][] a = new float[ch][frames + 3];
                    float[][] b = new float[ch][frames + 3];
                    int pa = WavReader.decode24(raw, start, ch, a, 3, frames, true);
                    int pb = WavReader.decode24(raw, start, ch, b, 3, frames, false);
                    assertEquals(start + frames * ch * 3, pa);
                    assertEquals(pa, pb);
                    for (int i = 0; i < frames; i++) {
                        for (int c = 0; c < ch; c++) {
                            int q = start + (i * ch + c) * 3;
                            int v = (raw[q] & 0xFF) | (raw[q + 1] & 0xFF) << 8 | raw[q + 2] << 16;
                            float want = v / 8388608f;
                            assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(a[c][3 + i]),
                                    "simd ch " + c + " of " + ch + ", frame " + i + " of " + frames);
                            assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(b[c][3 + i]),
                                    "scalar ch " + c + " of " + ch + ", frame " + i + " of " + frames);
                            checked++;
                        }
                    }
                }
            }
        }
        assertEquals(6 * 71 * 35 * 6, checked); // sum over ch of ch * (0+1+..+70) * 6 starts
    }
}
