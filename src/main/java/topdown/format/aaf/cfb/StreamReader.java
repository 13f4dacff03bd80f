package topdown.format.aaf.cfb;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** Random access to one stream of a compound file, sector by sector (no whole-stream buffering). */
public final class StreamReader implements Closeable {
    private final CompoundFile cf;
    private final long size;
    private final int[] chain;
    private final int unit;
    private final boolean mini;

    StreamReader(CompoundFile cf, long size, int[] chain, int unit, boolean mini) {
        this.cf = cf;
        this.size = size;
        this.chain = chain;
        this.unit = unit;
        this.mini = mini;
    }

    public long size() {
        return size;
    }

    /** Reads up to n bytes at pos; returns bytes read (0 at end). */
    public int read(long pos, byte[] dst, int off, int n) throws IOException {
        if (pos >= size) {
            return 0;
        }
        int todo = (int) Math.min(n, size - pos);
        int done = 0;
        while (done < todo) {
            long p = pos + done;
            int idx = (int) (p / unit);
            int within = (int) (p % unit);
            int k = Math.min(unit - within, todo - done);
            cf.readSector(chain, mini, idx, within, dst, off + done, k);
            done += k;
        }
        return done;
    }

    public void readFully(long pos, byte[] dst, int off, int n) throws IOException {
        int r = read(pos, dst, off, n);
        if (r != n) {
            throw new java.io.EOFException("stream ends at " + size + ", wanted " + (pos + n));
        }
    }

    /** A sequential InputStream view starting at {@code start}. */
    public InputStream inputStream(long start) {
        return new InputStream() {
            private long pos = start;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int r = StreamReader.this.read(pos, b, off, len);
                if (r <= 0) {
                    return len == 0 ? 0 : -1;
                }
                pos += r;
                return r;
            }
        };
    }

    @Override
    public void close() {
        // Nothing held: reads go through the compound file's channel.
    }
}
