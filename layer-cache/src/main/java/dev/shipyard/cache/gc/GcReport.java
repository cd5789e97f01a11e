package dev.shipyard.cache.gc;

/**
 * What one garbage-collection pass removed.
 *
 * @param recordsExpired records removed because they were unused too long
 * @param recordsEvicted records removed to bring the store under its budget
 * @param blobsRemoved   blobs deleted
 * @param bytesRemoved   their total size
 * @param blobsKept      unreferenced blobs spared because they were too fresh or referenced again meanwhile
 */
public record GcReport(long recordsExpired, long recordsEvicted, long blobsRemoved, long bytesRemoved, long blobsKept) {

    public static final GcReport NOTHING = new GcReport(0, 0, 0, 0, 0);

    public long recordsRemoved() {
        return recordsExpired + recordsEvicted;
    }
}
