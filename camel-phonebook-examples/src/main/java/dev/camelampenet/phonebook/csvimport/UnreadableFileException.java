package dev.camelampenet.phonebook.csvimport;

/**
 * The file itself cannot be imported (no header, no phone column, broken quoting, unreadable): it goes to
 * {@code .failed/} with this message as the reason. Anything else that stops an import (the API down, a refused
 * token) leaves the file in the inbox to resume later.
 */
public class UnreadableFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnreadableFileException(String message) {
        super(message);
    }

    public UnreadableFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
