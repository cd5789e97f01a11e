package dev.shipyard.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The one Jackson configuration for OCI JSON, writing bytes the way Go's {@code encoding/json} does
 * (compact, map keys sorted, {@code <>&} escaped), so digests are stable and match Docker's and BuildKit's.
 */
public final class OciJson {

    private static final ObjectMapper MAPPER = newMapper();
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private OciJson() {
    }

    /** The shared mapper; it is thread-safe and must not be reconfigured. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Canonical bytes of {@code value}: the same value always gives the same bytes. */
    public static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("could not serialize " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The digest of {@link #toBytes(Object)}. */
    public static Digest digestOf(Object value) {
        return Digest.sha256(toBytes(value));
    }

    /** Reads {@code bytes} as {@code type}; throws {@link IllegalArgumentException} naming the type and the JSON problem. */
    public static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("could not parse " + type.getSimpleName() + " JSON: " + e.getMessage(), e);
        }
    }

    static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not parse " + type.getSimpleName() + " JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Formats as Go's {@code time.RFC3339Nano}: fraction without trailing zeros, UTC as {@code Z}. */
    public static String formatTime(Instant instant) {
        OffsetDateTime utc = instant.atOffset(ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(SECONDS.format(utc));
        int nanos = utc.getNano();
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos).replaceFirst("0+$", "");
            text.append('.').append(fraction);
        }
        return text.append('Z').toString();
    }

    /** Parses an RFC 3339 time with any offset, as registries serve them. */
    public static Instant parseTime(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid RFC 3339 time '" + text + "': " + e.getMessage(), e);
        }
    }

    private static ObjectMapper newMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        mapper.configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.getFactory().setCharacterEscapes(new GoEscapes());
        return mapper;
    }

    /** Go escapes HTML-significant characters, other control characters and U+2028/U+2029 as lower-case hex escapes. */
    private static final class GoEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        GoEscapes() {
            for (char c : new char[] {'<', '>', '&'}) {
                ascii[c] = ESCAPE_CUSTOM;
            }
            for (int c = 0; c < 0x20; c++) {
                if (c != '\n' && c != '\r' && c != '\t') {
                    ascii[c] = ESCAPE_CUSTOM;
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == 0x2028 || ch == 0x2029 || ch < 0x80 && ascii[ch] == ESCAPE_CUSTOM) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
