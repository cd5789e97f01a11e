package dev.shipyard.worker.layer;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One normalized tar entry header: only what a layer needs (no user/group names, no atime/ctime, whole-second mtime).
 *
 * @param name path relative to the layer root, without leading {@code ./} or {@code /}; directories end in {@code /}
 * @param xattrs extended attributes, sorted by name so headers are written the same way every time
 */
public record TarHeader(String name, Type type, int mode, int uid, int gid, long size, long mtimeSeconds,
                        String linkName, int devMajor, int devMinor, Map<String, byte[]> xattrs) {

    /** Tar entry types a layer uses, with their typeflag. */
    public enum Type {
        FILE('0'), HARD_LINK('1'), SYMLINK('2'), CHAR_DEVICE('3'), BLOCK_DEVICE('4'), DIRECTORY('5'), FIFO('6');

        private final char flag;

        Type(char flag) {
            this.flag = flag;
        }

        public char flag() {
            return flag;
        }
    }

    public TarHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isEmpty() || name.startsWith("/")) {
            throw new IllegalArgumentException("invalid tar entry name '" + name + "': must be relative and not empty");
        }
        if (type != Type.FILE && size != 0) {
            throw new IllegalArgumentException("tar entry '" + name + "' of type " + type + " cannot carry " + size + " bytes");
        }
        if (mtimeSeconds < 0) {
            mtimeSeconds = 0;
        }
        mode &= 07777;
        linkName = linkName == null ? "" : linkName;
        TreeMap<String, byte[]> sorted = new TreeMap<>();
        if (xattrs != null) {
            xattrs.forEach((k, v) -> sorted.put(k, v.clone()));
        }
        xattrs = java.util.Collections.unmodifiableSortedMap(sorted);
    }

    public static TarHeader file(String name, int mode, int uid, int gid, long size, long mtimeSeconds) {
        return new TarHeader(name, Type.FILE, mode, uid, gid, size, mtimeSeconds, "", 0, 0, Map.of());
    }

    public TarHeader withXattrs(Map<String, byte[]> newXattrs) {
        return new TarHeader(name, type, mode, uid, gid, size, mtimeSeconds, linkName, devMajor, devMinor, newXattrs);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TarHeader h)) {
            return false;
        }
        return name.equals(h.name) && type == h.type && mode == h.mode && uid == h.uid && gid == h.gid
                && size == h.size && mtimeSeconds == h.mtimeSeconds && linkName.equals(h.linkName)
                && devMajor == h.devMajor && devMinor == h.devMinor && xattrsEqual(xattrs, h.xattrs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, mode, uid, gid, size, mtimeSeconds, linkName, devMajor, devMinor, xattrs.keySet());
    }

    private static boolean xattrsEqual(Map<String, byte[]> a, Map<String, byte[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        return a.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), b.get(e.getKey())));
    }
}
