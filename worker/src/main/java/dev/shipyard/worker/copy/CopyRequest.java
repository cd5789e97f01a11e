package dev.shipyard.worker.copy;

import dev.shipyard.dockerfile.instructions.AddInstruction;
import dev.shipyard.dockerfile.instructions.CopyInstruction;
import dev.shipyard.dockerfile.instructions.HeredocFile;
import java.util.List;

/**
 * One expanded COPY or ADD as the worker executes it.
 *
 * @param add true for ADD (archives are extracted, URLs downloaded)
 * @param sources source paths relative to the source root, or URLs for ADD
 * @param heredocs here-documents copied as files named after their delimiter
 * @param destination the destination as written; relative ones are resolved against workdir
 * @param workdir the stage's working directory, absolute
 * @param chown the --chown value or null
 * @param chmod the --chmod value or null
 * @param excludes --exclude patterns
 * @param parents --parents
 * @param checksum ADD --checksum or null
 * @param keepGitDir ADD --keep-git-dir
 */
public record CopyRequest(boolean add, List<String> sources, List<HeredocFile> heredocs, String destination,
                          String workdir, String chown, String chmod, List<String> excludes, boolean parents,
                          String checksum, boolean keepGitDir) {

    public CopyRequest {
        sources = List.copyOf(sources);
        heredocs = List.copyOf(heredocs);
        excludes = List.copyOf(excludes);
        workdir = workdir == null || workdir.isEmpty() ? "/" : workdir;
    }

    public static CopyRequest of(CopyInstruction copy, String workdir) {
        return new CopyRequest(false, copy.sources(), copy.heredocSources(), copy.destination(), workdir,
                copy.chown(), copy.chmod(), copy.excludes(), copy.parents(), null, false);
    }

    public static CopyRequest of(AddInstruction add, String workdir) {
        return new CopyRequest(true, add.sources(), add.heredocSources(), add.destination(), workdir, add.chown(),
                add.chmod(), add.excludes(), false, add.checksum(), add.keepGitDir());
    }

    /** COPY or ADD, for messages. */
    public String keyword() {
        return add ? "ADD" : "COPY";
    }

    /**
     * The absolute, cleaned destination; it ends with '/' when it names a directory
     * (written with a trailing slash, or '.').
     */
    public String destinationPath() {
        String absolute = destination.startsWith("/") ? destination : workdir + "/" + destination;
        String clean = RootedPath.cleanAbsolute(absolute);
        boolean directory = destination.isEmpty() || destination.equals(".") || destination.endsWith("/")
                || destination.endsWith("/.");
        return directory && !clean.equals("/") ? clean + "/" : clean;
    }
}
