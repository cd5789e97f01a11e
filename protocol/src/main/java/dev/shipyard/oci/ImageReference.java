package dev.shipyard.oci;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A normalized image reference, {@code registry/repository[:tag][@digest]}, parsed as Docker's
 * {@code reference.ParseNormalizedNamed} followed by {@code TagNameOnly} does: {@code ubuntu} is
 * {@code docker.io/library/ubuntu:latest}.
 *
 * @see <a href="https://github.com/distribution/reference/blob/main/reference.go">reference grammar</a>
 */
public record ImageReference(String registry, String repository, String tag, Digest digest) {

    public static final String DOCKER_HUB = "docker.io";
    public static final String DEFAULT_TAG = "latest";
    private static final String LEGACY_DOCKER_HUB = "index.docker.io";
    private static final String OFFICIAL_PREFIX = "library/";
    private static final int NAME_MAX_LENGTH = 255;

    private static final String ALNUM = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|[-]+)";
    private static final String PATH_COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String IPV6 = "\\[(?:[a-fA-F0-9:]+)\\]";
    private static final String DOMAIN = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|" + IPV6 + ")(?::[0-9]+)?";
    private static final String TAG = "[\\w][\\w.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    private static final String NAME = "(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
    private static final Pattern REFERENCE = Pattern.compile("(" + NAME + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?");
    private static final Pattern DOMAIN_ONLY = Pattern.compile(DOMAIN);
    private static final Pattern REPOSITORY_ONLY = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
    private static final Pattern TAG_ONLY = Pattern.compile(TAG);
    private static final Pattern HEX64 = Pattern.compile("[a-f0-9]{64}");

    public ImageReference {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        if (!DOMAIN_ONLY.matcher(registry).matches()) {
            throw new IllegalArgumentException("invalid registry '" + registry + "': expected host[:port]");
        }
        if (!REPOSITORY_ONLY.matcher(repository).matches()) {
            throw new IllegalArgumentException("invalid repository '" + repository
                    + "': expected lower-case path components such as library/ubuntu");
        }
        if (tag != null && !TAG_ONLY.matcher(tag).matches()) {
            throw new IllegalArgumentException("invalid tag '" + tag
                    + "': expected at most 128 characters of [A-Za-z0-9_.-], not starting with '.' or '-'");
        }
    }

    /**
     * Parses and normalizes a reference; without tag or digest the tag is {@code latest}.
     *
     * @throws IllegalArgumentException naming the reference and what is wrong with it
     */
    public static ImageReference parse(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid(String.valueOf(text), "the reference is empty");
        }
        if (HEX64.matcher(text).matches()) {
            throw invalid(text, "cannot specify a 64-byte hexadecimal string as a repository name");
        }
        String[] split = splitDomain(text);
        String remainder = split[1];
        String remoteName = remainder.split("[:@]", 2)[0];
        if (!remoteName.toLowerCase(Locale.ROOT).equals(remoteName)) {
            throw invalid(text, "repository name '" + remoteName + "' must be lower-case");
        }
        Matcher m = REFERENCE.matcher(split[0] + "/" + remainder);
        if (!m.matches()) {
            throw invalid(text, explainMismatch(remainder));
        }
        String name = m.group(1);
        if (name.length() > NAME_MAX_LENGTH) {
            throw invalid(text, "the repository name must not be longer than " + NAME_MAX_LENGTH + " characters");
        }
        Digest digest = m.group(3) == null ? null : parseDigest(text, m.group(3));
        String tag = m.group(2) == null && digest == null ? DEFAULT_TAG : m.group(2);
        return new ImageReference(split[0], name.substring(split[0].length() + 1), tag, digest);
    }

    /** [domain, remainder] as Docker's splitDockerDomain. */
    private static String[] splitDomain(String name) {
        int slash = name.indexOf('/');
        String domain;
        String remote;
        if (slash < 0) {
            return new String[] {DOCKER_HUB, OFFICIAL_PREFIX + name};
        }
        String maybeDomain = name.substring(0, slash);
        if (maybeDomain.equals("localhost") || maybeDomain.contains(".") || maybeDomain.contains(":")
                || !maybeDomain.toLowerCase(Locale.ROOT).equals(maybeDomain)) {
            domain = maybeDomain.equals(LEGACY_DOCKER_HUB) ? DOCKER_HUB : maybeDomain;
            remote = name.substring(slash + 1);
        } else {
            domain = DOCKER_HUB;
            remote = name;
        }
        if (domain.equals(DOCKER_HUB) && remote.indexOf('/') < 0) {
            remote = OFFICIAL_PREFIX + remote;
        }
        return new String[] {domain, remote};
    }

    private static String explainMismatch(String remainder) {
        int at = remainder.indexOf('@');
        String beforeDigest = at < 0 ? remainder : remainder.substring(0, at);
        int colon = beforeDigest.lastIndexOf(':');
        if (colon >= 0 && beforeDigest.indexOf('/', colon) < 0) {
            String tag = beforeDigest.substring(colon + 1);
            if (!TAG_ONLY.matcher(tag).matches()) {
                return "invalid tag '" + tag + "': expected at most 128 characters of [A-Za-z0-9_.-], not starting with '.' or '-'";
            }
        }
        if (at >= 0 && !remainder.substring(at + 1).matches(DIGEST)) {
            return "invalid digest '" + remainder.substring(at + 1) + "': expected sha256:<64 hex>";
        }
        return "expected [registry/]repository[:tag][@digest] with lower-case path components";
    }

    private static Digest parseDigest(String text, String digest) {
        try {
            return Digest.parse(digest);
        } catch (IllegalArgumentException e) {
            throw invalid(text, e.getMessage());
        }
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException("invalid image reference '" + text + "': " + reason);
    }

    public Optional<String> tagIfPresent() {
        return Optional.ofNullable(tag);
    }

    public Optional<Digest> digestIfPresent() {
        return Optional.ofNullable(digest);
    }

    /** What the distribution API takes after {@code /manifests/}: the digest when pinned, else the tag. */
    public String manifestReference() {
        return digest != null ? digest.toString() : tag;
    }

    /** {@code registry/repository}, without tag or digest. */
    public String name() {
        return registry + "/" + repository;
    }

    /** The same repository at {@code newTag}, unpinned. */
    public ImageReference withTag(String newTag) {
        return new ImageReference(registry, repository, newTag, null);
    }

    /** The same repository pinned to {@code newDigest}; the tag is kept for display. */
    public ImageReference withDigest(Digest newDigest) {
        return new ImageReference(registry, repository, tag, newDigest);
    }

    /** Another repository on the same registry. */
    public ImageReference inRepository(String otherRepository) {
        return new ImageReference(registry, otherRepository, tag, digest);
    }

    /** The short form Docker shows: {@code ubuntu:latest}, {@code user/repo}, {@code ghcr.io/x/y@sha256:...}. */
    public String familiar() {
        String name;
        if (registry.equals(DOCKER_HUB)) {
            name = repository.startsWith(OFFICIAL_PREFIX) && repository.indexOf('/', OFFICIAL_PREFIX.length()) < 0
                    ? repository.substring(OFFICIAL_PREFIX.length()) : repository;
        } else {
            name = name();
        }
        return name + suffix();
    }

    private String suffix() {
        return (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }

    /** The fully qualified form: {@code docker.io/library/ubuntu:latest}. */
    @Override
    public String toString() {
        return name() + suffix();
    }
}
