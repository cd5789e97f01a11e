package dev.shipyard.worker.fs;

import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;

/** The few libc calls the JDK does not offer (xattrs of any namespace, mknod, lchown, utimensat, umount2); public only because JNR generates its implementation in another class loader. Use {@link Posix}. */
public interface LibC {

    long llistxattr(String path, @Out byte[] list, long size);

    long lgetxattr(String path, String name, @Out byte[] value, long size);

    int lsetxattr(String path, String name, @In byte[] value, long size, int flags);

    int mknod(String path, int mode, long dev);

    int mkfifo(String path, int mode);

    int lchown(String path, int uid, int gid);

    int chmod(String path, int mode);

    int utimensat(int dirfd, String path, @In long[] times, int flags);

    int umount2(String target, int flags);
}
