package dev.camelampenet.simulator.console;

import dev.camelampenet.simulator.http.ApiResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's files, shipped in the jar under {@code /console/} and served as they are: plain HTML, CSS and
 * JavaScript, so there is no build step and nothing to download. Only the names listed here are served (no path
 * from the request ever reaches the class loader). Each answer carries an ETag and {@code Cache-Control: no-cache}:
 * the browser keeps its copy but asks every time, because a newer simulator jar may be listening on the same port
 * tomorrow and must not be shown with yesterday's script.
 */
public final class ConsoleAssets {

    /** Where the page's scripts, styles and icon are requested; the page itself is served at {@code /}. */
    public static final String PATH = "/__simulator/console/";
    public static final String INDEX = "index.html";

    private static final Map<String, String> TYPES = Map.of(
            INDEX, "text/html; charset=UTF-8",
            "console.css", "text/css; charset=UTF-8",
            "console.js", "text/javascript; charset=UTF-8",
            "favicon.svg", "image/svg+xml");

    /**
     * The page only talks to its own origin and runs only its own script: message texts and journal bodies come
     * from whoever called the API, so even a rendering mistake must not be able to run them.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Map<String, Asset> cache = new ConcurrentHashMap<>();

    private record Asset(byte[] body, String etag) {
    }

    /**
     * The file {@code name} (e.g. {@code console.js}), or a 304 when {@code ifNoneMatch} names its current ETag;
     * empty for a name that is not one of the console's files.
     */
    public Optional<ApiResponse> serve(String name, String ifNoneMatch) {
        String type = TYPES.get(name);
        if (type == null) {
            return Optional.empty();
        }
        Asset asset = cache.computeIfAbsent(name, ConsoleAssets::load);
        ApiResponse response = asset.etag.equals(ifNoneMatch) ? new ApiResponse(304, null, new byte[0])
                : new ApiResponse(200, type, asset.body);
        response.header("ETag", asset.etag).header("Cache-Control", "no-cache").header("X-Content-Type-Options", "nosniff");
        if (INDEX.equals(name)) {
            response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY).header("Referrer-Policy", "no-referrer");
        }
        return Optional.of(response);
    }

    private static Asset load(String name) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("The console file " + name + " is missing from the jar");
            }
            byte[] body = in.readAllBytes();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return new Asset(body, "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }
}
