package topdown.render;

import java.util.Arrays;
import topdown.model.Playback;

/**
 * Where Ardour's disk reader starts its reads during a render from {@code start} (see
 * {@link Playback#diskBufferSeconds()}): the boundaries of the timeline pieces each read covers. Every track
 * reads on the same grid (same buffer, same cycles). Simulated cycle by cycle: the locate fills the empty
 * buffer; each cycle consumes its samples; after a cycle that leaves at least 65536 samples free the butler
 * reads what is free, rounded down to a multiple of 4096 samples, at least 65536 and at most 1048576, and
 * again while more than 65536 would still be free.
 */
final class DiskReads {
    static final int RESERVATION = 8191;
    static final int CHUNK = 65536;
    static final int BYTES_PER_SAMPLE = 4; // Ardour's native float sample format

    private long[] starts = new long[16]; // ascending read starts; starts[0] = render start
    private int count;
    private long next; // file position after the last refill

    DiskReads(Playback p, int sampleRate, long start, long end) {
        long size = Integer.toUnsignedLong(Integer.highestOneBit(
                (int) Math.floor(p.diskBufferSeconds() * sampleRate) + RESERVATION - 1) << 1);
        long free = size - 1 - RESERVATION; // write space of an empty buffer
        long file = start;
        // the locate's complete refill (reads until less than a chunk is free), then one refill after each
        // cycle that leaves a chunk free
        free = refill(free, file);
        file = next;
        long played = start;
        int head = p.outputLatencySamples() % p.cycleSamples();
        boolean first = head > 0;
        while (played < end) {
            int c = first ? head : p.cycleSamples();
            first = false;
            played += c;
            free += c;
            if (free >= CHUNK) {
                free = refill(free, file);
                file = next;
            }
        }
        starts = Arrays.copyOf(starts, count);
    }

    /** DiskReader::refill_audio, repeated while it reports more to do; returns the free space left. */
    private long refill(long free, long file) {
        boolean again = true;
        while (again && free >= CHUNK) {
            long toRead = readSize(free);
            long r = Math.min(free, toRead);
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = file;
            file += r;
            again = free - toRead > CHUNK;
            free -= r;
        }
        next = file;
        return free;
    }

    /** Samples one read asks for when {@code free} samples are free. */
    static long readSize(long free) {
        long bytes = Math.max(256L * 1024, Math.min(4L * 1048576, free * BYTES_PER_SAMPLE));
        bytes = bytes / 16384 * 16384;
        return bytes / BYTES_PER_SAMPLE;
    }

    /** The first sample of the read that covers timeline sample t. */
    long readStart(long t) {
        int i = Arrays.binarySearch(starts, t);
        return i >= 0 ? starts[i] : starts[Math.max(0, -i - 2)];
    }

    /** The first sample after the read that covers t (Long.MAX_VALUE for the last). */
    long readEnd(long t) {
        int i = Arrays.binarySearch(starts, t);
        int k = i >= 0 ? i + 1 : -i - 1;
        return k < starts.length ? starts[k] : Long.MAX_VALUE;
    }
}
