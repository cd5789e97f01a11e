package dev.shipyard.cache.blob;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Reports the bytes read through it, in batches, to a meter. */
public final class CountingInputStream extends FilterInputStream {
    private final LongConsumer sink;

    public CountingInputStream(InputStream in, LongConsumer sink) {
        super(in);
        this.sink = sink;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            sink.accept(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n > 0) {
            sink.accept(n);
        }
        return n;
    }
}
