package dev.shipyard.worker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserResolverTest {
    @TempDir
    Path temp;
    Path rootfs;

    @BeforeEach
    void setUp() throws Exception {
        rootfs = Files.createDirectories(temp.resolve("rootfs"));
        Path etc = Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\n"
                + "# a comment\n"
                + "app:x:1000:1001:App:/home/app:/bin/sh\n"
                + "nohome:x:1002:1002:::/bin/sh\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\nstaff:x:50:app\napp:x:1001:\n");
    }

    @Test
    void resolve_empty_isRootWithItsHome() throws Exception {
        assertThat(UserResolver.resolve(rootfs, "")).isEqualTo(new ResolvedUser(new SandboxUser(0, 0), "/root"));
    }

    @Test
    void resolve_name_usesPasswdUidPrimaryGroupAndHome() throws Exception {
        assertThat(UserResolver.resolve(rootfs, "app")).isEqualTo(new ResolvedUser(new SandboxUser(1000, 1001), "/home/app"));
    }

    @Test
    void resolve_nameAndGroupName_usesTheGroupFile() throws Exception {
        assertThat(UserResolver.resolve(rootfs, "app:staff").user()).isEqualTo(new SandboxUser(1000, 50));
    }

    @Test
    void resolve_knownUid_takesHomeAndGroupFromPasswd() throws Exception {
        assertThat(UserResolver.resolve(rootfs, "1000")).isEqualTo(new ResolvedUser(new SandboxUser(1000, 1001), "/home/app"));
    }

    @Test
    void resolve_unknownUid_isAllowedWithGroupZeroAndHomeSlash() throws Exception {
        assertThat(UserResolver.resolve(rootfs, "4242")).isEqualTo(new ResolvedUser(new SandboxUser(4242, 0), "/"));
    }

    @Test
    void resolve_uidAndGid_areUsedAsGiven() throws Exception {
        assertThat(UserResolver.resolve(rootfs, "4242:4343").user()).isEqualTo(new SandboxUser(4242, 4343));
    }

    @Test
    void resolve_emptyHomeField_defaultsToSlash() throws Exception {
        assertThat(UserResolver.resolve(rootfs, "nohome").home()).isEqualTo("/");
    }

    @Test
    void resolve_unknownName_failsLikeBuildKit() {
        assertThatThrownBy(() -> UserResolver.resolve(rootfs, "ghost")).isInstanceOf(UserNotFoundException.class)
                .hasMessage("unable to find user ghost: no matching entries in passwd file");
    }

    @Test
    void resolve_unknownGroup_failsLikeBuildKit() {
        assertThatThrownBy(() -> UserResolver.resolve(rootfs, "app:ghosts")).isInstanceOf(UserNotFoundException.class)
                .hasMessage("unable to find group ghosts: no matching entries in group file");
    }

    @Test
    void resolve_noPasswdFile_namesFailAndNumbersWork() throws Exception {
        Files.delete(rootfs.resolve("etc/passwd"));
        assertThatThrownBy(() -> UserResolver.resolve(rootfs, "app")).isInstanceOf(UserNotFoundException.class);
        assertThat(UserResolver.resolve(rootfs, "0").home()).isEqualTo("/");
    }

    @Test
    void resolve_passwdSymlinkOutOfTheRootfs_staysInsideTheRootfs() throws Exception {
        Path hostPasswd = Files.writeString(temp.resolve("host-passwd"), "intruder:x:7:7::/host:/bin/sh\n");
        Files.delete(rootfs.resolve("etc/passwd"));
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"), hostPasswd);
        assertThatThrownBy(() -> UserResolver.resolve(rootfs, "intruder")).isInstanceOf(UserNotFoundException.class);
    }
}
