package dev.shipyard.worker.copy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.function.UnaryOperator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Writes small tar archives with chosen entries, including hostile ones. */
final class TarBuilder {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;

    TarBuilder() {
        tar = new TarArchiveOutputStream(bytes);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    TarBuilder dir(String name, int mode, int uid, int gid) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
        return put(e, mode, uid, gid, null);
    }

    TarBuilder file(String name, String content, int mode, int uid, int gid) throws IOException {
        return put(new TarArchiveEntry(name, true), mode, uid, gid, content.getBytes(StandardCharsets.UTF_8));
    }

    TarBuilder symlink(String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        e.setLinkName(target);
        return put(e, 0777, 0, 0, null);
    }

    TarBuilder hardlink(String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        e.setLinkName(target);
        return put(e, 0644, 0, 0, null);
    }

    private TarBuilder put(TarArchiveEntry e, int mode, int uid, int gid, byte[] content) throws IOException {
        e.setMode(mode);
        e.setUserId(uid);
        e.setGroupId(gid);
        e.setModTime(new Date(1_500_000_000_000L));
        if (content != null) {
            e.setSize(content.length);
        }
        tar.putArchiveEntry(e);
        if (content != null) {
            tar.write(content);
        }
        tar.closeArchiveEntry();
        return this;
    }

    byte[] bytes() throws IOException {
        tar.finish();
        return bytes.toByteArray();
    }

    byte[] bytes(UnaryOperator<OutputStream> compressor) throws IOException {
        byte[] plain = bytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream c = compressor.apply(out)) {
            c.write(plain);
        }
        return out.toByteArray();
    }
}
