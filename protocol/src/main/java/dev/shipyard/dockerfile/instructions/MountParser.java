package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.DockerfileException;
import dev.shipyard.dockerfile.Quote;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parses the CSV value of {@code RUN --mount=} the way BuildKit's commands_runmount does. */
final class MountParser {

    private static final List<String> TYPES = List.of("bind", "cache", "tmpfs", "secret", "ssh");
    private static final List<String> KEYS = List.of("type", "from", "source", "target", "readonly", "id",
            "sharing", "required", "size", "mode", "uid", "gid", "src", "dst", "destination", "ro", "rw",
            "readwrite", "env");
    // digits and dots only: a repeated group would recurse in java.util.regex and overflow on long input
    private static final Pattern RAM_SIZE = Pattern.compile("^([0-9.]+) ?([kKmMgGtTpP])?[iI]?[bB]?\\z");
    private static final Pattern OCTAL = Pattern.compile("[0-7]+");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+");

    /** Mutable state while reading the fields, turned into a {@link Mount} at the end. */
    private static final class Builder {
        MountType type = MountType.BIND;
        String target;
        String source;
        String from;
        boolean readOnly;
        boolean readOnlySet;
        String id;
        CacheSharing sharing;
        String mode;
        String uid;
        String gid;
        String size;
        boolean required;
        String env;
    }

    private MountParser() {
    }

    /** Parses a mount; with a null expander, values are kept as written and checked only when literal. */
    static Mount parse(String spec, WordExpander expander) {
        Builder mount = new Builder();
        for (String field : csvFields(spec)) {
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (eq < 0) {
                flagField(mount, key, field);
                continue;
            }
            String value = field.substring(eq + 1);
            if (expander != null) {
                value = expander.expand(value);
            } else if (key.equals("from")) {
                int dollar = value.indexOf('$');
                if (dollar >= 0 && dollar != value.length() - 1) {
                    throw new DockerfileException("'" + key + "' doesn't support variable expansion, "
                            + "define alias stage instead");
                }
            }
            valueField(mount, key, value, field);
        }
        return build(spec, mount);
    }

    private static void flagField(Builder mount, String key, String field) {
        switch (key) {
            case "readonly", "ro" -> setReadOnly(mount, true);
            case "readwrite", "rw" -> setReadOnly(mount, false);
            case "required" -> {
                requireSecretOrSsh(mount, key);
                mount.required = true;
            }
            default -> throw new DockerfileException("invalid field '" + field + "' must be a key=value pair");
        }
    }

    private static void valueField(Builder mount, String key, String value, String field) {
        switch (key) {
            case "type" -> mount.type = mountType(value);
            case "from" -> mount.from = value;
            case "source", "src" -> mount.source = value;
            case "target", "dst", "destination" -> mount.target = value;
            case "readonly", "ro" -> setReadOnly(mount, parseBool(key, value));
            case "readwrite", "rw" -> setReadOnly(mount, !parseBool(key, value));
            case "required" -> {
                requireSecretOrSsh(mount, key);
                mount.required = parseBool(key, value);
            }
            case "size" -> {
                if (mount.type != MountType.TMPFS) {
                    throw unexpectedKey(key, mount);
                }
                checkLiteral(RAM_SIZE, value, "invalid value for " + key + ": " + value);
                mount.size = value;
            }
            case "id" -> mount.id = value;
            case "sharing" -> mount.sharing = sharing(value);
            case "mode" -> mount.mode = checkLiteral(OCTAL, value, "invalid value " + value + " for mode");
            case "uid" -> mount.uid = checkLiteral(DECIMAL, value, "invalid value " + value + " for uid");
            case "gid" -> mount.gid = checkLiteral(DECIMAL, value, "invalid value " + value + " for gid");
            case "env" -> mount.env = value;
            default -> throw new DockerfileException(Suggest.withSuggestion(
                    "unexpected key '" + key + "' in '" + field + "'", key, KEYS, true));
        }
    }

    private static Mount build(String spec, Builder mount) {
        boolean fileInfoAllowed = mount.type == MountType.CACHE || mount.type == MountType.SECRET
                || mount.type == MountType.SSH;
        if (!fileInfoAllowed) {
            rejectFileInfo("mode", mount.mode, mount.type);
            rejectFileInfo("uid", mount.uid, mount.type);
            rejectFileInfo("gid", mount.gid, mount.type);
        }
        if (!mount.readOnlySet) {
            mount.readOnly = mount.type != MountType.CACHE && mount.type != MountType.TMPFS;
        }
        if (mount.sharing != null && mount.type != MountType.CACHE) {
            throw new DockerfileException("invalid cache sharing set for " + mount.type.dockerfileName() + " mount");
        }
        if (mount.type == MountType.SECRET) {
            checkSecret(mount);
        }
        if (mount.type == MountType.CACHE && mount.sharing == null) {
            mount.sharing = CacheSharing.SHARED;
        }
        return new Mount(spec, mount.type, mount.target, mount.source, mount.from, mount.readOnly, mount.id,
                mount.sharing, mount.mode, mount.uid, mount.gid, mount.size, mount.required, mount.env);
    }

    private static void checkSecret(Builder mount) {
        if (mount.from != null) {
            throw new DockerfileException("secret mount should not have a from");
        }
        if (mount.source == null && mount.target == null && mount.id == null) {
            throw new DockerfileException("invalid secret mount. one of source, target required");
        }
        if (mount.source != null && mount.id != null) {
            throw new DockerfileException("both source and id can't be set");
        }
    }

    private static void rejectFileInfo(String name, String value, MountType type) {
        if (value != null) {
            throw new DockerfileException(name + " not allowed for " + Quote.go(type.dockerfileName()) + " type mounts");
        }
    }

    private static MountType mountType(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!TYPES.contains(lower)) {
            throw new DockerfileException(Suggest.withSuggestion("unsupported mount type " + Quote.go(value),
                    value, TYPES, true));
        }
        return MountType.valueOf(lower.toUpperCase(Locale.ROOT));
    }

    private static CacheSharing sharing(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.isEmpty()) {
            return null;
        }
        if (!lower.equals("shared") && !lower.equals("private") && !lower.equals("locked")) {
            throw new DockerfileException("unsupported sharing value " + Quote.go(value));
        }
        return CacheSharing.valueOf(lower.toUpperCase(Locale.ROOT));
    }

    private static void setReadOnly(Builder mount, boolean readOnly) {
        mount.readOnly = readOnly;
        mount.readOnlySet = true;
    }

    private static void requireSecretOrSsh(Builder mount, String key) {
        if (mount.type != MountType.SECRET && mount.type != MountType.SSH) {
            throw unexpectedKey(key, mount);
        }
    }

    private static DockerfileException unexpectedKey(String key, Builder mount) {
        return new DockerfileException("unexpected key '" + key + "' for mount type '"
                + mount.type.dockerfileName() + "'");
    }

    /** Go's strconv.ParseBool. */
    private static boolean parseBool(String key, String value) {
        switch (value) {
            case "1", "t", "T", "TRUE", "true", "True":
                return true;
            case "0", "f", "F", "FALSE", "false", "False":
                return false;
            default:
                throw new DockerfileException("invalid value for " + key + ": " + value);
        }
    }

    /** Checks a literal value; values still holding a variable are checked after expansion. */
    private static String checkLiteral(Pattern pattern, String value, String message) {
        if (value.indexOf('$') < 0 && (!pattern.matcher(value).matches() || !wellFormed(pattern, value))) {
            throw new DockerfileException(message);
        }
        return value;
    }

    private static boolean wellFormed(Pattern pattern, String value) {
        if (pattern == RAM_SIZE) {
            String number = value.replaceFirst("[^0-9.].*$", "");
            return !number.startsWith(".") && !number.endsWith(".") && !number.contains("..");
        }
        int radix = pattern == OCTAL ? 8 : 10;
        String digits = value.replaceFirst("^0+(?=.)", "");
        return digits.length() <= 11 && Long.parseLong(digits, radix) <= 0xFFFF_FFFFL;
    }

    /** One record of Go's encoding/csv with default settings. */
    static List<String> csvFields(String text) {
        if (text.isEmpty()) {
            throw new DockerfileException("failed to parse csv mounts: EOF");
        }
        List<String> fields = new ArrayList<>();
        int pos = 0;
        while (true) {
            StringBuilder field = new StringBuilder();
            if (pos < text.length() && text.charAt(pos) == '"') {
                pos = quotedField(text, pos + 1, field);
            } else {
                int end = text.indexOf(',', pos);
                String raw = text.substring(pos, end < 0 ? text.length() : end);
                int quote = raw.indexOf('"');
                if (quote >= 0) {
                    throw new DockerfileException("failed to parse csv mounts: parse error on line 1, column "
                            + (pos + quote + 1) + ": bare \" in non-quoted-field");
                }
                field.append(raw);
                pos += raw.length();
            }
            fields.add(field.toString());
            if (pos >= text.length()) {
                return fields;
            }
            pos++;
        }
    }

    private static int quotedField(String text, int start, StringBuilder field) {
        int pos = start;
        while (pos < text.length()) {
            char ch = text.charAt(pos);
            if (ch != '"') {
                field.append(ch);
                pos++;
            } else if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
                field.append('"');
                pos += 2;
            } else if (pos + 1 == text.length() || text.charAt(pos + 1) == ',') {
                return pos + 1;
            } else {
                throw new DockerfileException("failed to parse csv mounts: parse error on line 1, column "
                        + (pos + 2) + ": extraneous or missing \" in quoted-field");
            }
        }
        throw new DockerfileException("failed to parse csv mounts: parse error on line 1, column "
                + (pos + 1) + ": extraneous or missing \" in quoted-field");
    }
}
