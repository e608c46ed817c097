package dev.camelampenet.ampenet.api;

import java.io.IOException;

/**
 * A request that got no answer. {@link #mayHaveReachedServer()} is the transport's own verdict from its own
 * exceptions: false only when the server provably never saw the request (the connection was refused or never
 * made), so repeating it cannot duplicate anything; true for everything after the request may have left (a reset, a
 * timeout, a body cut short), where the server may have acted.
 */
public class TransportFailure extends IOException {
    private static final long serialVersionUID = 1L;

    private final boolean mayHaveReachedServer;

    public TransportFailure(String message, boolean mayHaveReachedServer, Throwable cause) {
        super(message, cause);
        this.mayHaveReachedServer = mayHaveReachedServer;
    }

    public boolean mayHaveReachedServer() {
        return mayHaveReachedServer;
    }
}
