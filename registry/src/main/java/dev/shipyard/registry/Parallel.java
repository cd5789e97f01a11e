package dev.shipyard.registry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs blob transfers on a bounded pool; the first failure cancels the rest and is rethrown as it was. */
final class Parallel {

    @FunctionalInterface
    interface IoFunction<T, R> {
        R apply(T item) throws IOException;
    }

    private Parallel() {
    }

    static <T, R> List<R> map(List<T> items, int parallelism, String threadName, IoFunction<T, R> fn) throws IOException {
        if (items.size() <= 1 || parallelism <= 1) {
            List<R> out = new ArrayList<>();
            for (T item : items) {
                out.add(fn.apply(item));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, items.size()), named(threadName));
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> fn.apply(item)));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                out.add(await(f));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <R> R await(Future<R> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while transferring blobs", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("blob transfer failed", e.getCause());
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
