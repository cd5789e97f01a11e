package dev.shipyard.oci;

import java.util.Arrays;
import java.util.Objects;

/**
 * A JSON document together with the exact bytes its digest covers: a blob read from a registry or an archive
 * keeps its original bytes even where Shipyard would serialize the model differently.
 */
public final class JsonBlob<T> {

    private final T value;
    private final byte[] bytes;
    private final Digest digest;

    private JsonBlob(T value, byte[] bytes) {
        this.value = Objects.requireNonNull(value, "value");
        this.bytes = bytes;
        this.digest = Digest.sha256(bytes);
    }

    /** Serializes {@code value} canonically with {@link OciJson#toBytes(Object)}. */
    public static <T> JsonBlob<T> of(T value) {
        return new JsonBlob<>(value, OciJson.toBytes(value));
    }

    /** Parses {@code bytes} and keeps them as they are. */
    public static <T> JsonBlob<T> parse(byte[] bytes, Class<T> type) {
        return new JsonBlob<>(OciJson.read(bytes, type), bytes.clone());
    }

    public T value() {
        return value;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public Digest digest() {
        return digest;
    }

    public long size() {
        return bytes.length;
    }

    public Descriptor descriptor(String mediaType) {
        return new Descriptor(mediaType, digest, bytes.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonBlob<?> that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return "JsonBlob[" + digest + ", " + bytes.length + " bytes]";
    }
}
