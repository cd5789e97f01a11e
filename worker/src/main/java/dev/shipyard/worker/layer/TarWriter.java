package dev.shipyard.worker.layer;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a reproducible POSIX (ustar + PAX) tar: one fixed header layout, PAX records only when a field does not fit,
 * xattrs as binary-safe {@code SCHILY.xattr.*} records, no trailing record padding.
 *
 * @see <a href="https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html">pax format</a>
 */
public final class TarWriter implements Closeable {

    private static final int BLOCK = 512;
    private static final long MAX_OCTAL_11 = 077777777777L;
    private static final long MAX_OCTAL_7 = 07777777L;
    private static final String PAX_HEADER_NAME = "././@PaxHeader";

    private final OutputStream out;
    private final byte[] copyBuffer = new byte[1 << 16];
    private boolean finished;

    public TarWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes an entry; {@code content} must supply exactly {@code header.size()} bytes (null when size is 0). */
    public void write(TarHeader header, InputStream content) throws IOException {
        Map<String, byte[]> pax = paxRecords(header);
        if (!pax.isEmpty()) {
            byte[] body = encodePax(pax);
            out.write(ustar(PAX_HEADER_NAME, 'x', 0644, 0, 0, body.length, 0, "", 0, 0));
            out.write(body);
            pad(body.length);
        }
        out.write(ustar(header.name(), header.type().flag(), header.mode(), header.uid(), header.gid(), header.size(),
                header.mtimeSeconds(), header.linkName(), header.devMajor(), header.devMinor()));
        if (header.size() > 0) {
            copyExactly(header, content);
            pad(header.size());
        }
    }

    /** Writes the two zero blocks that end an archive; does not close the underlying stream. */
    public void finish() throws IOException {
        if (!finished) {
            out.write(new byte[2 * BLOCK]);
            finished = true;
        }
    }

    @Override
    public void close() throws IOException {
        finish();
        out.close();
    }

    static Map<String, byte[]> paxRecords(TarHeader h) {
        Map<String, byte[]> pax = new LinkedHashMap<>();
        if (!fitsUstarName(h.name())) {
            pax.put("path", utf8(h.name()));
        }
        if (!fitsUstarName(h.linkName())) {
            pax.put("linkpath", utf8(h.linkName()));
        }
        if (h.size() > MAX_OCTAL_11) {
            pax.put("size", utf8(Long.toString(h.size())));
        }
        if (h.uid() < 0 || h.uid() > MAX_OCTAL_7) {
            pax.put("uid", utf8(Integer.toUnsignedString(h.uid())));
        }
        if (h.gid() < 0 || h.gid() > MAX_OCTAL_7) {
            pax.put("gid", utf8(Integer.toUnsignedString(h.gid())));
        }
        if (h.mtimeSeconds() > MAX_OCTAL_11) {
            pax.put("mtime", utf8(Long.toString(h.mtimeSeconds())));
        }
        h.xattrs().forEach((name, value) -> pax.put("SCHILY.xattr." + name, value));
        return pax;
    }

    private static boolean fitsUstarName(String name) {
        byte[] bytes = utf8(name);
        if (bytes.length > 100) {
            return false;
        }
        for (byte b : bytes) {
            if (b < 0x20) {
                return false;
            }
        }
        return true;
    }

    /** Each record is {@code "<len> <key>=<value>\n"} where len counts the whole record, its own digits included. */
    static byte[] encodePax(Map<String, byte[]> records) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        records.forEach((key, value) -> {
            int rest = 1 + utf8(key).length + 1 + value.length + 1;
            int len = rest + Integer.toString(rest).length();
            if (Integer.toString(len).length() != Integer.toString(rest).length()) {
                len = rest + Integer.toString(len).length();
            }
            body.writeBytes(utf8(len + " " + key + "="));
            body.writeBytes(value);
            body.write('\n');
        });
        return body.toByteArray();
    }

    private static byte[] ustar(String name, char type, int mode, int uid, int gid, long size, long mtime,
                                String linkName, int devMajor, int devMinor) {
        byte[] b = new byte[BLOCK];
        ascii(b, 0, 100, truncate(name, 100));
        octal(b, 100, 8, mode);
        octal(b, 108, 8, uid < 0 || uid > MAX_OCTAL_7 ? 0 : uid);
        octal(b, 116, 8, gid < 0 || gid > MAX_OCTAL_7 ? 0 : gid);
        octal(b, 124, 12, size > MAX_OCTAL_11 ? 0 : size);
        octal(b, 136, 12, mtime > MAX_OCTAL_11 ? 0 : mtime);
        b[156] = (byte) type;
        ascii(b, 157, 100, truncate(linkName, 100));
        ascii(b, 257, 6, "ustar".getBytes(StandardCharsets.US_ASCII));
        b[262] = 0;
        b[263] = '0';
        b[264] = '0';
        octal(b, 329, 8, devMajor);
        octal(b, 337, 8, devMinor);
        Arrays.fill(b, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte x : b) {
            sum += x & 0xff;
        }
        byte[] checksum = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(checksum, 0, b, 148, 6);
        b[154] = 0;
        b[155] = ' ';
        return b;
    }

    private static byte[] truncate(String s, int max) {
        byte[] bytes = utf8(s);
        return bytes.length <= max ? bytes : Arrays.copyOf(bytes, max);
    }

    private static void ascii(byte[] b, int offset, int width, byte[] value) {
        System.arraycopy(value, 0, b, offset, Math.min(width, value.length));
    }

    private static void octal(byte[] b, int offset, int width, long value) {
        String digits = Long.toOctalString(value);
        String padded = "0".repeat(Math.max(0, width - 1 - digits.length())) + digits;
        byte[] bytes = padded.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, b, offset, width - 1);
        b[offset + width - 1] = 0;
    }

    private void copyExactly(TarHeader header, InputStream content) throws IOException {
        long remaining = header.size();
        while (remaining > 0) {
            int n = content.read(copyBuffer, 0, (int) Math.min(copyBuffer.length, remaining));
            if (n < 0) {
                throw new IOException("could not write tar entry '" + header.name() + "': the file shrank while it was read ("
                        + remaining + " of " + header.size() + " bytes missing); do not modify the tree while packing it");
            }
            out.write(copyBuffer, 0, n);
            remaining -= n;
        }
    }

    private void pad(long written) throws IOException {
        int rest = (int) (written % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
