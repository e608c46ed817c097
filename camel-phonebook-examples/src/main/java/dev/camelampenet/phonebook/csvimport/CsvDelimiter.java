package dev.camelampenet.phonebook.csvimport;

/**
 * The field separators a dropped file may use. {@link #token()} is what the routes branch on to pick the matching
 * camel-csv data format (the same word in the Java and the YAML DSL).
 */
public enum CsvDelimiter {
    COMMA(',', "comma"),
    SEMICOLON(';', "semicolon"),
    TAB('\t', "tab");

    private final char character;
    private final String token;

    CsvDelimiter(char character, String token) {
        this.character = character;
        this.token = token;
    }

    public char character() {
        return character;
    }

    public String token() {
        return token;
    }
}
