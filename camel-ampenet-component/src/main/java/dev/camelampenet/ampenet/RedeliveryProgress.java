package dev.camelampenet.ampenet;

import java.util.function.Function;

import org.apache.camel.Exchange;

/**
 * Where a multi-call operation keeps what its earlier attempts did, between Camel's redeliveries of one exchange.
 * Camel copies the original message back before each redelivery, so headers are lost, but exchange properties stay:
 * the progress lives in a property, under the request's fingerprint ({@link RequestFingerprint}), and is taken up
 * again only by a redelivery of the same request. Anything else (a new exchange, a route that changed the request)
 * starts afresh. One rule for every operation that resumes: sms/send, contacts/store to several groups, contacts/move.
 */
final class RedeliveryProgress {

    /** What a progress object must tell: the request it belongs to. */
    interface Keyed {
        String fingerprint();
    }

    private RedeliveryProgress() {
    }

    /** The earlier attempts' progress when this is a redelivery of the same request, else a fresh one, stored. */
    static <T extends Keyed> T of(Exchange exchange, String property, Class<T> type, boolean redelivery, String fingerprint,
                                  Function<String, T> fresh) {
        T earlier = exchange.getProperty(property, type);
        if (redelivery && earlier != null && earlier.fingerprint().equals(fingerprint)) {
            return earlier;
        }
        T made = fresh.apply(fingerprint);
        exchange.setProperty(property, made);
        return made;
    }
}
