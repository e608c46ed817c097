package dev.camelampenet.simulator;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the repository's description of the real API inside the repository. {@code docs/ampenet-api.md} is the
 * reference every comment, test and page points to ("How to cite this page" there): this test fails when a file
 * still points to the old description kept outside the repository, and when a pointer into
 * {@code docs/ampenet-api.md} names a section ({@code §6.5}) or a quirk ({@code Q11}) the page does not have.
 * It reads the files of the whole repository, found by walking up to the root pom.xml; build output and
 * {@code .git} are skipped.
 */
class RepositoryDocsTest {

    private static final Path ROOT = repositoryRoot();
    private static final String API_DOC = "docs/ampenet-api.md";

    /**
     * References to the outside description: its file name, its directory, and the citation forms used for it
     * ("spec", then a section word, a quirk word, a section sign or a number). Written so that this file does not
     * match itself.
     */
    private static final Pattern OUTSIDE_REFERENCE = Pattern.compile("(?i)\\bspec (?:section|quirk|§|\\d)"
            + "|ampenet-api-v3\\.md|\\bshared/" + "spec\\b");

    /** A link to an anchor of the page: {@code ampenet-api.md#s6-5}. */
    private static final Pattern LINK = Pattern.compile("ampenet-api\\.md#([A-Za-z0-9_-]+)");

    /** A textual pointer: {@code docs/ampenet-api.md §6.5}, {@code (docs/ampenet-api.md, Q11)}, lists of them. */
    private static final Pattern POINTER = Pattern.compile(
            "ampenet-api\\.md(?:#[A-Za-z0-9_-]+)?\\)?((?:(?:\\s*[,:;(]?\\s*|\\s+(?:and|or|to)\\s+)(?:§\\d+(?:\\.\\d+)*|Q\\d+)\\b)+)");
    private static final Pattern ONE_REF = Pattern.compile("§(\\d+(?:\\.\\d+)*)|Q(\\d+)");

    private static final Pattern ANCHOR = Pattern.compile("<a id=\"([A-Za-z0-9_-]+)\"></a>");
    private static final Pattern INTERNAL_LINK = Pattern.compile("\\]\\(#([A-Za-z0-9_-]+)\\)");

    @Test
    void noFilePointsToTheDescriptionOutsideTheRepository() {
        List<String> found = new ArrayList<>();
        for (Map.Entry<Path, String> file : repositoryFiles().entrySet()) {
            String[] lines = file.getValue().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (OUTSIDE_REFERENCE.matcher(lines[i]).find()) {
                    found.add(ROOT.relativize(file.getKey()) + ":" + (i + 1) + ": " + lines[i].strip());
                }
            }
        }
        assertThat(found)
                .as("lines that cite the API description outside the repository; point into " + API_DOC + " instead")
                .isEmpty();
    }

    @Test
    void everyAnchorOfTheApiPageIsASectionOrAQuirkOfThatNumber() {
        String[] lines = read(ROOT.resolve(API_DOC)).split("\n", -1);
        List<String> wrong = new ArrayList<>();
        int anchors = 0;
        for (int i = 0; i < lines.length; i++) {
            Matcher a = ANCHOR.matcher(lines[i]);
            if (!a.find()) {
                continue;
            }
            anchors++;
            String id = a.group(1);
            String next = i + 1 < lines.length ? lines[i + 1] : "";
            String expected = id.startsWith("s")
                    ? "#".repeat(Math.min(4, 2 + id.length() - id.replace("-", "").length())) + " "
                            + id.substring(1).replace('-', '.') + ". "
                    : "**Q" + id.substring(1) + ". ";
            if (!id.matches("s\\d+(?:-\\d+)*|q\\d+") || !next.startsWith(expected)) {
                wrong.add("line " + (i + 1) + ": <a id=\"" + id + "\"> is followed by \"" + next + "\", expected \""
                        + expected + "…\"");
            }
        }
        assertThat(anchors).as("anchors in " + API_DOC).isGreaterThan(40);
        assertThat(wrong).as("anchors of " + API_DOC + " that do not sit on their section or quirk").isEmpty();
    }

    @Test
    void everyPointerIntoTheApiPageResolves() {
        Set<String> anchors = anchorsOfTheApiPage();
        List<String> unresolved = new ArrayList<>();
        int pointers = 0;
        for (Map.Entry<Path, String> file : repositoryFiles().entrySet()) {
            String[] lines = file.getValue().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String where = ROOT.relativize(file.getKey()) + ":" + (i + 1);
                Matcher link = LINK.matcher(lines[i]);
                while (link.find()) {
                    pointers++;
                    if (!anchors.contains(link.group(1))) {
                        unresolved.add(where + ": #" + link.group(1));
                    }
                }
                Matcher pointer = POINTER.matcher(lines[i]);
                while (pointer.find()) {
                    Matcher ref = ONE_REF.matcher(pointer.group(1));
                    while (ref.find()) {
                        pointers++;
                        String id = ref.group(1) != null ? "s" + ref.group(1).replace('.', '-') : "q" + ref.group(2);
                        if (!anchors.contains(id)) {
                            unresolved.add(where + ": " + ref.group());
                        }
                    }
                }
            }
        }
        String page = read(ROOT.resolve(API_DOC));
        Matcher internal = INTERNAL_LINK.matcher(page);
        while (internal.find()) {
            pointers++;
            if (!anchors.contains(internal.group(1))) {
                unresolved.add(API_DOC + ": (#" + internal.group(1) + ")");
            }
        }
        assertThat(pointers).as("pointers into " + API_DOC + " found in the repository").isGreaterThan(50);
        assertThat(unresolved).as("pointers into " + API_DOC + " that name no section or quirk of it").isEmpty();
    }

    private static Set<String> anchorsOfTheApiPage() {
        Set<String> anchors = new TreeSet<>();
        Matcher m = ANCHOR.matcher(read(ROOT.resolve(API_DOC)));
        while (m.find()) {
            anchors.add(m.group(1));
        }
        return anchors;
    }

    /** Every text file of the repository, without build output, {@code .git} and other tools' directories. */
    private static Map<Path, String> repositoryFiles() {
        Map<Path, String> files = new LinkedHashMap<>();
        try {
            Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    boolean skip = !dir.equals(ROOT) && (name.equals("target") || name.equals(".git")
                            || name.equals("node_modules") || name.equals(".idea"));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile() && attrs.size() < 4_000_000) {
                        byte[] bytes = Files.readAllBytes(file);
                        if (!isBinary(bytes)) {
                            files.put(file, new String(bytes, StandardCharsets.UTF_8));
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(files).as("files under " + ROOT).containsKey(ROOT.resolve(API_DOC));
        return files;
    }

    private static boolean isBinary(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory of the root pom.xml: the topmost of the directories above the working one that have a pom. */
    private static Path repositoryRoot() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("pom.xml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no pom.xml above " + Paths.get("").toAbsolutePath());
        }
        while (dir.getParent() != null && Files.isRegularFile(dir.getParent().resolve("pom.xml"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
