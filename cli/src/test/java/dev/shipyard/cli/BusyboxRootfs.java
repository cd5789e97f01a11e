package dev.shipyard.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** A root filesystem tar of the host's static busybox (Debian busybox-static): /bin/busybox and /bin/sh. */
final class BusyboxRootfs {
    private static final Date MTIME = new Date(1_700_000_000_000L);

    private BusyboxRootfs() {
    }

    static Path write(Path tar) throws IOException {
        byte[] busybox = Files.readAllBytes(Path.of("/bin/busybox"));
        try (OutputStream file = Files.newOutputStream(tar);
             TarArchiveOutputStream out = new TarArchiveOutputStream(file)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry bin = new TarArchiveEntry("bin/");
            bin.setMode(040755);
            bin.setModTime(MTIME);
            out.putArchiveEntry(bin);
            out.closeArchiveEntry();
            TarArchiveEntry exe = new TarArchiveEntry("bin/busybox");
            exe.setMode(0100755);
            exe.setSize(busybox.length);
            exe.setModTime(MTIME);
            out.putArchiveEntry(exe);
            out.write(busybox);
            out.closeArchiveEntry();
            TarArchiveEntry sh = new TarArchiveEntry("bin/sh", TarArchiveEntry.LF_SYMLINK);
            sh.setLinkName("busybox");
            sh.setModTime(MTIME);
            out.putArchiveEntry(sh);
            out.closeArchiveEntry();
        }
        return tar;
    }
}
