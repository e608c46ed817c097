package dev.camelampenet.phonebook.store;

/**
 * The flow store could not be opened or used. Its message and those of its causes are masked copies
 * ({@link StoreSettings#mask(String)}): a driver or pool exception may quote a URL or a connection property, and an
 * exception ends up in logs, so none of the original exceptions is kept, only their class names, masked messages and
 * stack traces.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A masked message, and the cause's chain as masked copies. */
    static StoreException masked(StoreSettings settings, String message, Throwable cause) {
        return new StoreException(settings.mask(message), maskedCopy(settings, cause, 0));
    }

    private static Throwable maskedCopy(StoreSettings settings, Throwable original, int depth) {
        if (original == null || depth > 20) { // 20: deeper chains are loops or noise
            return null;
        }
        Throwable next = original.getCause() == original ? null : original.getCause();
        StoreException copy = new StoreException(settings.mask(original.getClass().getName() + ": " + original.getMessage()),
                maskedCopy(settings, next, depth + 1));
        copy.setStackTrace(original.getStackTrace());
        return copy;
    }
}
