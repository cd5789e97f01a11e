package dev.shipyard.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest, {@code sha256:<64 lower-case hex>}.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests">OCI digests</a>
 */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {

    public static final String SHA256 = "sha256";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public Digest {
        if (!SHA256.equals(algorithm)) {
            throw new IllegalArgumentException("unsupported digest algorithm '" + algorithm + "': only sha256 is supported");
        }
        if (hex == null || !SHA256_HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("invalid sha256 digest '" + hex + "': expected 64 lower-case hex characters");
        }
    }

    /** Parses {@code sha256:<hex>}; throws {@link IllegalArgumentException} naming the bad text. */
    @JsonCreator
    public static Digest parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("digest is missing");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("invalid digest '" + text + "': expected <algorithm>:<hex>");
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    public static Digest sha256(byte[] bytes) {
        return ofHash(newSha256().digest(bytes));
    }

    public static Digest sha256(String utf8) {
        return sha256(utf8.getBytes(StandardCharsets.UTF_8));
    }

    /** Wraps a finished SHA-256 hash. */
    public static Digest ofHash(byte[] sha256) {
        return new Digest(SHA256, HexFormat.of().formatHex(sha256));
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** The first 12 hex characters, as Docker shows image ids. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @JsonValue
    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }

    @Override
    public int compareTo(Digest other) {
        return toString().compareTo(other.toString());
    }
}
