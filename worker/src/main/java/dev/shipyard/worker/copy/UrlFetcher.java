package dev.shipyard.worker.copy;

import dev.shipyard.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Downloads ADD's http(s) sources: mode 0600, named after the last URL path element, checksum verified. */
final class UrlFetcher {

    private final HttpClient client;

    UrlFetcher(HttpClient client) {
        this.client = client;
    }

    static boolean isUrl(String source) {
        return source.startsWith("http://") || source.startsWith("https://");
    }

    /** Whether BuildKit would treat the source as a git repository. */
    static boolean isGit(String source) {
        if (source.startsWith("git://") || source.startsWith("git@") || source.startsWith("ssh://")) {
            return true;
        }
        if (!isUrl(source)) {
            return false;
        }
        String path = URI.create(source.split("#", 2)[0]).getPath();
        return path != null && path.endsWith(".git");
    }

    /** The file name BuildKit gives a download: the last path element, or __unnamed__. */
    static String fileName(String url) {
        String path = URI.create(url).getPath();
        if (path == null || path.isEmpty() || path.endsWith("/")) {
            return "__unnamed__";
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Downloads into dir and returns the file. */
    Path fetch(String url, Digest expected, Path dir) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10)).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + url, e);
        }
        Path file = dir.resolve(fileName(url));
        MessageDigest sha = Digest.newSha256();
        try (InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw new CopyException("could not add " + url + ": the server answered HTTP " + response.statusCode());
            }
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
                body.transferTo(out);
            }
        }
        Digest actual = Digest.ofHash(sha.digest());
        if (expected != null && !expected.equals(actual)) {
            throw new CopyException("could not add " + url + ": checksum mismatch: expected " + expected + ", got " + actual);
        }
        FileOps.chmod(file, 0600);
        Optional<FileTime> modified = lastModified(response);
        if (modified.isPresent()) {
            FileOps.setTimes(file, modified.get(), modified.get());
        }
        return file;
    }

    private static Optional<FileTime> lastModified(HttpResponse<?> response) {
        return response.headers().firstValue("Last-Modified").flatMap(value -> {
            try {
                return Optional.of(FileTime.from(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }
}
