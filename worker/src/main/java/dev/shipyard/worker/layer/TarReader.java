package dev.shipyard.worker.layer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads ustar, PAX and GNU tars as layers use them, keeping {@code SCHILY.xattr.*} values as raw bytes (file
 * capabilities are binary and do not survive a round trip through text).
 */
final class TarReader {

    private static final int BLOCK = 512;

    /** One entry, as the archive states it (names unchecked: the caller decides what is safe). */
    record Entry(String name, char type, int mode, long uid, long gid, long size, Instant mtime, String linkName,
                 int devMajor, int devMinor, Map<String, byte[]> xattrs) {

        boolean isDirectory() {
            return type == '5' || (type == '0' && name.endsWith("/"));
        }

        boolean isFile() {
            return type == '0' && !name.endsWith("/");
        }
    }

    private final InputStream in;
    private final byte[] block = new byte[BLOCK];
    private long remaining;
    private long padding;

    TarReader(InputStream in) {
        this.in = in;
    }

    /** The next entry, or null at the end of the archive. */
    Entry next() throws IOException {
        skipRest();
        Map<String, byte[]> pax = new HashMap<>();
        String longName = null;
        String longLink = null;
        while (true) {
            if (!readBlock()) {
                return null;
            }
            if (isZero(block)) {
                return null;
            }
            verifyChecksum();
            char type = (char) (block[156] == 0 ? '0' : block[156]);
            long size = number(124, 12);
            if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
                byte[] body = readBody(size);
                if (type == 'x') {
                    parsePax(body, pax);
                } else if (type == 'L') {
                    longName = cString(body, 0, body.length);
                } else if (type == 'K') {
                    longLink = cString(body, 0, body.length);
                }
                continue;
            }
            if (type == 'S') {
                throw new InvalidLayerException("could not unpack layer: GNU sparse files are not supported");
            }
            return entry(type == '7' ? '0' : type, size, pax, longName, longLink);
        }
    }

    /** The content of the current entry; reading stops at its end. */
    InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n < 0) {
                    throw new EOFException("could not unpack layer: the tar ends inside an entry");
                }
                remaining -= n;
                return n;
            }
        };
    }

    private Entry entry(char type, long size, Map<String, byte[]> pax, String longName, String longLink) throws IOException {
        String name = cString(block, 0, 100);
        String magic = new String(block, 257, 6, StandardCharsets.US_ASCII);
        if (magic.equals("ustar\0") && block[345] != 0) {
            name = cString(block, 345, 155) + "/" + name;
        }
        name = longName != null ? longName : name;
        String link = longLink != null ? longLink : cString(block, 157, 100);
        long uid = number(108, 8);
        long gid = number(116, 8);
        Instant mtime = Instant.ofEpochSecond(number(136, 12));
        Map<String, byte[]> xattrs = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : pax.entrySet()) {
            String value = new String(e.getValue(), StandardCharsets.UTF_8);
            switch (e.getKey()) {
                case "path" -> name = value;
                case "linkpath" -> link = value;
                case "size" -> size = Long.parseLong(value);
                case "uid" -> uid = Long.parseLong(value);
                case "gid" -> gid = Long.parseLong(value);
                case "mtime" -> mtime = paxTime(value);
                default -> {
                    if (e.getKey().startsWith("SCHILY.xattr.")) {
                        xattrs.put(e.getKey().substring("SCHILY.xattr.".length()), e.getValue());
                    }
                }
            }
        }
        if (size < 0) {
            throw new InvalidLayerException("could not unpack layer: entry '" + name + "' has a negative size");
        }
        boolean hasData = type == '0' || type == '7';
        remaining = hasData ? size : 0;
        padding = hasData ? (BLOCK - size % BLOCK) % BLOCK : 0;
        if (!hasData && size > 0) {
            // Some writers give hard links a size; their data blocks still have to be skipped.
            remaining = size;
            padding = (BLOCK - size % BLOCK) % BLOCK;
        }
        return new Entry(name, type, (int) (number(100, 8) & 07777), uid, gid, hasData ? size : 0, mtime, link,
                (int) number(329, 8), (int) number(337, 8), xattrs);
    }

    private static Instant paxTime(String value) {
        int dot = value.indexOf('.');
        long seconds = Long.parseLong(dot < 0 ? value : value.substring(0, dot));
        return Instant.ofEpochSecond(seconds);
    }

    /** Records are {@code "<len> <key>=<value>\n"}; the value is kept as bytes. */
    private static void parsePax(byte[] body, Map<String, byte[]> pax) throws InvalidLayerException {
        int pos = 0;
        while (pos < body.length && body[pos] != 0) {
            int space = indexOf(body, (byte) ' ', pos);
            if (space < 0) {
                throw new InvalidLayerException("could not unpack layer: malformed PAX header");
            }
            int length = Integer.parseInt(new String(body, pos, space - pos, StandardCharsets.US_ASCII));
            int end = pos + length;
            int equals = indexOf(body, (byte) '=', space);
            if (length <= 0 || end > body.length || equals < 0 || equals >= end || body[end - 1] != '\n') {
                throw new InvalidLayerException("could not unpack layer: malformed PAX record at byte " + pos);
            }
            String key = new String(body, space + 1, equals - space - 1, StandardCharsets.UTF_8);
            pax.put(key, Arrays.copyOfRange(body, equals + 1, end - 1));
            pos = end;
        }
    }

    private static int indexOf(byte[] b, byte value, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private byte[] readBody(long size) throws IOException {
        if (size > (1 << 20)) {
            throw new InvalidLayerException("could not unpack layer: a tar extension header of " + size + " bytes is too large");
        }
        byte[] body = in.readNBytes((int) size);
        if (body.length != size) {
            throw new EOFException("could not unpack layer: the tar ends inside a header");
        }
        in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
        return body;
    }

    private void skipRest() throws IOException {
        in.skipNBytes(remaining + padding);
        remaining = 0;
        padding = 0;
    }

    private boolean readBlock() throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new EOFException("could not unpack layer: the tar ends inside a header block");
        }
        return true;
    }

    private void verifyChecksum() throws InvalidLayerException {
        long stored = number(148, 8);
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i >= 148 && i < 156 ? (byte) ' ' : block[i];
            unsigned += b & 0xff;
            signed += b;
        }
        if (stored != unsigned && stored != signed) {
            throw new InvalidLayerException("could not unpack layer: tar header checksum mismatch; the layer is not a tar or is corrupt");
        }
    }

    /** Octal, or base-256 when the first byte has its high bit set (GNU, for big sizes and ids). */
    private long number(int offset, int width) {
        if ((block[offset] & 0x80) != 0) {
            long value = block[offset] & 0x7f;
            for (int i = offset + 1; i < offset + width; i++) {
                value = (value << 8) | (block[i] & 0xff);
            }
            return value;
        }
        long value = 0;
        for (int i = offset; i < offset + width; i++) {
            byte b = block[i];
            if (b == 0 || (b == ' ' && value > 0)) {
                break;
            }
            if (b >= '0' && b <= '7') {
                value = value * 8 + (b - '0');
            }
        }
        return value;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String cString(byte[] b, int offset, int width) {
        int end = offset;
        while (end < offset + width && b[end] != 0) {
            end++;
        }
        return new String(b, offset, end - offset, StandardCharsets.UTF_8);
    }
}
