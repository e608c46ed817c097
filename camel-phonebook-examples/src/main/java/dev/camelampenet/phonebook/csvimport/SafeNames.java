package dev.camelampenet.phonebook.csvimport;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names that come from outside (a dropped file's name, a group cell) made safe: a group name is printable text of
 * reasonable length, and a file name derived from a dropped file can never name a path outside the folder it is
 * meant for.
 */
public final class SafeNames {

    /** Longest group name the import creates (the server keeps names in a VARCHAR column). */
    public static final int MAX_GROUP_NAME = 100;
    private static final int MAX_FILE_NAME = 200;

    /** Control and format characters (a BOM, zero-width spaces, bidi overrides): never part of a name. */
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** Path separators and the characters Windows refuses, so a derived file name is one plain segment anywhere. */
    private static final Pattern NOT_IN_FILE_NAMES = Pattern.compile("[/\\\\:*?\"<>|]");

    private SafeNames() {
    }

    /** {@code "VIP customers.csv"} becomes {@code "VIP customers"}; a name of nothing but junk becomes "". */
    public static String groupNameFromFileName(String fileName) {
        String name = lastSegment(fileName == null ? "" : fileName);
        if (name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            name = name.substring(0, name.length() - 4);
        }
        return groupName(name);
    }

    /** A group name as printable text: no control characters, single spaces, trimmed, at most 100 characters. */
    public static String groupName(String raw) {
        if (raw == null) {
            return "";
        }
        String name = INVISIBLE.matcher(raw).replaceAll(" ");
        name = SPACES.matcher(name).replaceAll(" ").trim();
        return truncate(name, MAX_GROUP_NAME).trim();
    }

    /** One plain file-name segment: no separators, no control characters, no leading dots, never empty. */
    public static String fileName(String raw) {
        String name = lastSegment(raw == null ? "" : raw);
        name = INVISIBLE.matcher(name).replaceAll("_");
        name = NOT_IN_FILE_NAMES.matcher(name).replaceAll("_").trim();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        name = truncate(name, MAX_FILE_NAME).trim();
        return name.isEmpty() ? "file" : name;
    }

    /**
     * The path of a file named after {@code name} inside {@code dir}. The name is cleaned first and the result is
     * checked to be a direct child of {@code dir}, so no input can point anywhere else.
     */
    public static Path inside(Path dir, String name) {
        Path base = dir.toAbsolutePath().normalize();
        Path resolved = base.resolve(fileName(name)).normalize();
        if (!base.equals(resolved.getParent())) {
            throw new IllegalArgumentException("'" + name + "' does not name a file inside " + base);
        }
        return resolved;
    }

    private static String lastSegment(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash >= 0 ? path.substring(slash + 1) : path;
    }

    private static String truncate(String s, int maxCodePoints) {
        if (s.codePointCount(0, s.length()) <= maxCodePoints) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, maxCodePoints));
    }
}
