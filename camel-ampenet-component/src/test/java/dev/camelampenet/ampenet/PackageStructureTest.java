package dev.camelampenet.ampenet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The component's packages depend one way: api and model are leaves, the root package sits on top. A cycle would
 * mean two concerns that cannot change apart (as the client and the error package once did through the root's
 * operation table). Read from the sources' imports, so it needs no library.
 */
class PackageStructureTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/camelampenet/ampenet");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.camelampenet\\.ampenet\\.([a-z]+)\\.", Pattern.MULTILINE);
    private static final Pattern ROOT_IMPORT = Pattern.compile("^import (?:static )?dev\\.camelampenet\\.ampenet\\.[A-Z]", Pattern.MULTILINE);

    /** package -> the component packages it imports ("" is the root package). */
    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> deps = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                Path relative = SOURCES.relativize(file.getParent());
                String pkg = relative.toString().replace('/', '.');
                String text;
                try {
                    text = Files.readString(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                Set<String> mine = deps.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = IMPORT.matcher(text);
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        mine.add(m.group(1));
                    }
                }
                if (!pkg.isEmpty() && ROOT_IMPORT.matcher(text).find()) {
                    mine.add("");
                }
            });
        }
        return deps;
    }

    @Test
    void thePackagesHaveNoCycle() throws IOException {
        Map<String, Set<String>> deps = dependencies();
        assertThat(deps).containsKeys("", "api", "client", "error", "model", "sms", "wire");
        for (String start : deps.keySet()) {
            List<String> cycle = cycleFrom(start, start, deps, new ArrayList<>(List.of(start)), new TreeSet<>());
            assertThat(cycle).as("a cycle through the packages " + cycle + " (dependencies: " + deps + ")").isEmpty();
        }
    }

    @Test
    void onlyTheRootPackageKnowsCamelExchanges() throws IOException {
        assertThat(dependencies().get("api")).isEmpty();
        assertThat(dependencies().get("model")).isEmpty();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java") && !f.getParent().equals(SOURCES)).forEach(file -> {
                try {
                    assertThat(Files.readString(file)).as(file + " reads exchanges: that is ExchangeInputs' job")
                            .doesNotContain("import org.apache.camel.Exchange;");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static List<String> cycleFrom(String start, String at, Map<String, Set<String>> deps, List<String> path, Set<String> seen) {
        for (String next : deps.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                return cycle;
            }
            if (seen.add(next)) {
                path.add(next);
                List<String> found = cycleFrom(start, next, deps, path, seen);
                if (!found.isEmpty()) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return List.of();
    }
}
