package dev.shipyard.cache.blob.s3;

import dev.shipyard.config.ConfigException;
import dev.shipyard.config.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Where the shared blob store lives on S3 (or any S3 API), checked when built. The defaults reach the embedded
 * S3 endpoint of a one-machine farm.
 *
 * @param prefix key prefix inside the bucket, empty or ending with {@code /}
 * @param pathStyle address the bucket as {@code endpoint/bucket} rather than {@code bucket.endpoint}
 * @param partSize bytes per multipart part; an upload holds at most two parts in memory
 * @param retryDeadline how long transient failures (unreachable, 5xx, timeouts) are retried before giving up
 */
public record S3Config(URI endpoint, String region, String bucket, String prefix, String accessKey, String secretKey,
                       boolean pathStyle, long partSize, Duration retryDeadline) {

    public static final String ENDPOINT = "cache.s3.endpoint";
    public static final String REGION = "cache.s3.region";
    public static final String BUCKET = "cache.s3.bucket";
    public static final String PREFIX = "cache.s3.prefix";
    public static final String ACCESS_KEY = "cache.s3.access-key";
    public static final String SECRET_KEY = "cache.s3.secret-key";
    public static final String PATH_STYLE = "cache.s3.path-style";
    public static final String PART_SIZE = "cache.s3.part-size";
    public static final String RETRY_DEADLINE = "cache.s3.retry-deadline";

    public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:9000";
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_BUCKET = "shipyard";
    public static final String DEFAULT_ACCESS_KEY = "shipyard";
    public static final String DEFAULT_SECRET_KEY = "shipyard-secret";
    public static final long DEFAULT_PART_SIZE = 16L << 20;
    public static final Duration DEFAULT_RETRY_DEADLINE = Duration.ofSeconds(60);

    private static final long MIN_PART_SIZE = 5L << 20;
    private static final long MAX_PART_SIZE = 512L << 20;
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public S3Config {
        check(ENDPOINT, endpoint != null && endpoint.getHost() != null
                && ("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme())),
                "must be an http:// or https:// URL with a host, not '" + endpoint + "'");
        check(REGION, region != null && !region.isBlank(), "must not be empty");
        check(BUCKET, bucket != null && BUCKET_NAME.matcher(bucket).matches(),
                "must be a valid S3 bucket name (3-63 lower-case letters, digits, dots, hyphens), not '" + bucket + "'");
        check(PREFIX, prefix != null && (prefix.isEmpty() || (prefix.endsWith("/") && !prefix.startsWith("/"))),
                "must be empty or end with '/' (and not start with it), not '" + prefix + "'");
        check(ACCESS_KEY, accessKey != null && !accessKey.isBlank(), "must not be empty");
        check(SECRET_KEY, secretKey != null && !secretKey.isBlank(), "must not be empty");
        check(PART_SIZE, partSize >= MIN_PART_SIZE && partSize <= MAX_PART_SIZE, "must be between 5m and 512m, not " + partSize);
        check(RETRY_DEADLINE, retryDeadline != null && !retryDeadline.isNegative(), "must not be negative");
    }

    /** The seven connection settings with the default part size and retry deadline. */
    public S3Config(URI endpoint, String region, String bucket, String prefix, String accessKey, String secretKey,
                    boolean pathStyle) {
        this(endpoint, region, bucket, prefix, accessKey, secretKey, pathStyle, DEFAULT_PART_SIZE, DEFAULT_RETRY_DEADLINE);
    }

    /** Every {@code cache.s3.*} key, each with its default. */
    public static S3Config from(Settings settings) {
        return new S3Config(uri(settings.string(ENDPOINT, DEFAULT_ENDPOINT)),
                settings.string(REGION, DEFAULT_REGION),
                settings.string(BUCKET, DEFAULT_BUCKET),
                settings.string(PREFIX, ""),
                settings.string(ACCESS_KEY, DEFAULT_ACCESS_KEY),
                settings.string(SECRET_KEY, DEFAULT_SECRET_KEY),
                settings.bool(PATH_STYLE, true),
                settings.bytes(PART_SIZE, DEFAULT_PART_SIZE),
                settings.duration(RETRY_DEADLINE, DEFAULT_RETRY_DEADLINE));
    }

    /** The defaults with another endpoint, as for an embedded S3 on a free port. */
    public static S3Config local(URI endpoint) {
        return from(Settings.of(java.util.Map.of(ENDPOINT, endpoint.toString())));
    }

    public S3Config withBucket(String newBucket) {
        return new S3Config(endpoint, region, newBucket, prefix, accessKey, secretKey, pathStyle, partSize, retryDeadline);
    }

    public S3Config withPrefix(String newPrefix) {
        return new S3Config(endpoint, region, bucket, newPrefix, accessKey, secretKey, pathStyle, partSize, retryDeadline);
    }

    public S3Config withCredentials(String newAccessKey, String newSecretKey) {
        return new S3Config(endpoint, region, bucket, prefix, newAccessKey, newSecretKey, pathStyle, partSize, retryDeadline);
    }

    public S3Config withRetryDeadline(Duration deadline) {
        return new S3Config(endpoint, region, bucket, prefix, accessKey, secretKey, pathStyle, partSize, deadline);
    }

    public S3Config withPartSize(long newPartSize) {
        return new S3Config(endpoint, region, bucket, prefix, accessKey, secretKey, pathStyle, newPartSize, retryDeadline);
    }

    /** Never prints the secret key. */
    @Override
    public String toString() {
        return "S3Config[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", prefix=" + prefix
                + ", accessKey=" + accessKey + ", pathStyle=" + pathStyle + ", partSize=" + partSize
                + ", retryDeadline=" + retryDeadline + "]";
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new ConfigException(ENDPOINT, "must be a URL, not '" + text + "': " + e.getReason());
        }
    }

    private static void check(String key, boolean ok, String problem) {
        if (!ok) {
            throw new ConfigException(key, problem);
        }
    }
}
