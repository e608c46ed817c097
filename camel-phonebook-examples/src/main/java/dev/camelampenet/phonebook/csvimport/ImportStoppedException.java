package dev.camelampenet.phonebook.csvimport;

/**
 * A row failed in a way that settles nothing (the API unreachable for longer than the redeliveries, a refused
 * token): the import stops handing out rows, and the file pauses in the inbox until it is tried again.
 */
public class ImportStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ImportStoppedException(String message, Throwable cause) {
        super(message, cause);
    }
}
