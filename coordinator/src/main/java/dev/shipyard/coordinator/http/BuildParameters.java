package dev.shipyard.coordinator.http;

import dev.shipyard.coordinator.build.BuildException;
import dev.shipyard.coordinator.state.BuildRequest;
import dev.shipyard.oci.ImageReference;
import dev.shipyard.oci.Platform;
import io.vertx.core.MultiMap;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of {@code POST /v1/builds}, read from the query string ({@code dockerfile}, {@code t},
 * {@code buildarg}, {@code target}, {@code label}, {@code nocache}, {@code platform}, {@code output}) and from
 * the {@code X-Shipyard-Dockerfile} header (an inline Dockerfile, base64).
 */
record BuildParameters(BuildRequest request, byte[] inlineDockerfile) {

    static final String INLINE_HEADER = "X-Shipyard-Dockerfile";

    /** Reads and checks every parameter, refusing the request before its body is read when one is wrong. */
    static BuildParameters read(MultiMap query, MultiMap headers) {
        String path = query.get("dockerfile");
        byte[] inline = inlineDockerfile(headers.get(INLINE_HEADER));
        if (inline != null && path != null) {
            throw BuildException.invalid("give either the dockerfile parameter or the " + INLINE_HEADER
                    + " header, not both");
        }
        String dockerfile = inline != null ? BuildRequest.INLINE : checkedPath(path == null ? "Dockerfile" : path);
        BuildRequest request = new BuildRequest(dockerfile, tags(query.getAll("t")),
                pairs("buildarg", query.getAll("buildarg")), emptyToNull(query.get("target")),
                pairs("label", query.getAll("label")), flag("nocache", query.get("nocache")),
                platform(query.get("platform")), output(query.get("output")));
        return new BuildParameters(request, inline);
    }

    private static byte[] inlineDockerfile(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(header.trim());
        } catch (IllegalArgumentException e) {
            throw BuildException.invalid("could not read the " + INLINE_HEADER + " header: it is not base64 ("
                    + e.getMessage() + ")");
        }
    }

    private static String checkedPath(String path) {
        if (path.isEmpty() || path.startsWith("/") || List.of(path.split("/")).contains("..")) {
            throw BuildException.invalid("dockerfile must be a relative path inside the context, got \"" + path
                    + "\"");
        }
        return path;
    }

    private static List<String> tags(List<String> values) {
        for (String tag : values) {
            try {
                ImageReference.parse(tag);
            } catch (IllegalArgumentException e) {
                throw BuildException.invalid("tag \"" + tag + "\" is not an image reference: " + e.getMessage());
            }
        }
        return values;
    }

    private static Map<String, String> pairs(String name, List<String> values) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String value : values) {
            int eq = value.indexOf('=');
            if (eq <= 0) {
                throw BuildException.invalid(name + " \"" + value + "\" must read KEY=VALUE");
            }
            pairs.put(value.substring(0, eq), value.substring(eq + 1));
        }
        return pairs;
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isEmpty() || value.equals("0") || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equals("1") || value.equalsIgnoreCase("true")) {
            return true;
        }
        throw BuildException.invalid(name + " must be true or false, got \"" + value + "\"");
    }

    private static String platform(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Platform.parse(value).toString();
        } catch (IllegalArgumentException e) {
            throw BuildException.invalid(e.getMessage());
        }
    }

    private static String output(String value) {
        if (value == null || value.isEmpty()) {
            return "oci";
        }
        if (!value.equals("oci") && !value.equals("docker")) {
            throw BuildException.invalid("output must be oci or docker, got \"" + value + "\"");
        }
        return value;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
