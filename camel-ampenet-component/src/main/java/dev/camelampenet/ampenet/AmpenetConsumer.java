package dev.camelampenet.ampenet;

import dev.camelampenet.ampenet.api.AmpenetOperation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.camelampenet.ampenet.model.Page;
import dev.camelampenet.ampenet.model.SmsMessage;
import dev.camelampenet.ampenet.wire.WireMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

/**
 * {@code from("ampenet:sms/list")}: polls the message list (newest first, 25 a page) and emits one exchange per
 * message it has not emitted before (event NEW) and per status it has not seen for a known message (event
 * STATUS_CHANGED). What was emitted is remembered in an {@link IdempotentRepository}, only once the exchange was
 * processed, so a failed exchange is emitted again on the next poll. Backs off on errors via the scheduler's
 * backoff options.
 */
public class AmpenetConsumer extends ScheduledBatchPollingConsumer {

    public static final String NEW = "NEW";
    public static final String STATUS_CHANGED = "STATUS_CHANGED";
    private static final String EMITTED = "CamelAmpenetEmittedMessage";

    private final AmpenetEndpoint endpoint;
    private IdempotentRepository repository;

    public AmpenetConsumer(AmpenetEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        repository = endpoint.getIdempotentRepository() != null
                ? endpoint.getIdempotentRepository()
                : MemoryIdempotentRepository.memoryIdempotentRepository(10_000);
        repository.start();
        super.doStart();
    }

    @Override
    protected int poll() throws Exception {
        List<Exchange> newestFirst = new ArrayList<>();
        // messages arriving while this poll reads push older ones down a page, so one can be on two pages of it
        Set<String> queued = new HashSet<>();
        int maxPages = Math.max(1, endpoint.getMaxPagesPerPoll());
        for (int page = 1; page <= maxPages; page++) {
            Page<SmsMessage> messages = fetch(page);
            int found = 0;
            for (SmsMessage m : messages.items()) {
                String event = eventFor(m);
                if (event != null && queued.add(m.uid())) {
                    newestFirst.add(exchange(m, event));
                    found++;
                }
            }
            // an older page only matters while this one still had news
            if (found == 0 || !messages.hasNext()) {
                break;
            }
        }
        Collections.reverse(newestFirst); // a route sees messages in the order they happened
        return processBatch(new ArrayDeque<>(newestFirst));
    }

    private Page<SmsMessage> fetch(int page) throws Exception {
        try {
            return Pages.one(endpoint.client(), AmpenetOperation.SMS_LIST, Map.of(), page, WireMapper::message)
                    .get(longestCallMillis(endpoint.getConfiguration()), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }

    /**
     * How long one list call can take with all its retries: every attempt's timeout plus the doubling waits between
     * them, and a margin. Waiting less would give up on a call still running and let the next poll overlap it.
     */
    static long longestCallMillis(AmpenetConfiguration config) {
        long waits = 0;
        for (int retry = 0; retry < config.getMaxRetries(); retry++) {
            waits += config.getRetryDelay() << Math.min(retry, 16);
        }
        return config.getRequestTimeout() * (config.getMaxRetries() + 1L) + waits + 5000;
    }

    private String eventFor(SmsMessage m) {
        if (m.uid() == null) {
            return null;
        }
        if (!repository.contains(m.uid())) {
            return NEW;
        }
        if (endpoint.isEmitStatusChanges() && m.status() != null && !repository.contains(statusKey(m))) {
            return STATUS_CHANGED;
        }
        return null;
    }

    private static String statusKey(SmsMessage m) {
        return m.uid() + ":" + m.status();
    }

    private Exchange exchange(SmsMessage m, String event) {
        Exchange exchange = createExchange(true);
        exchange.getMessage().setBody(m);
        exchange.getMessage().setHeader(AmpenetConstants.MESSAGE_ID, m.uid());
        exchange.getMessage().setHeader(AmpenetConstants.EVENT, event);
        exchange.setProperty(EMITTED, m); // the route may replace the body; this is what to remember
        return exchange;
    }

    @Override
    public int processBatch(Queue<Object> exchanges) throws Exception {
        int total = exchanges.size();
        int processed = 0;
        for (int index = 0; index < total && isBatchAllowed(); index++) {
            Exchange exchange = (Exchange) exchanges.poll();
            exchange.setProperty(Exchange.BATCH_INDEX, index);
            exchange.setProperty(Exchange.BATCH_SIZE, total);
            exchange.setProperty(Exchange.BATCH_COMPLETE, index == total - 1);
            pendingExchanges = total - index - 1;
            getProcessor().process(exchange);
            if (exchange.getException() == null) {
                remember(exchange.getProperty(EMITTED, SmsMessage.class));
            } else {
                getExceptionHandler().handleException("Error processing Ampenet message", exchange, exchange.getException());
            }
            releaseExchange(exchange, false);
            processed++;
        }
        return processed;
    }

    private void remember(SmsMessage m) {
        if (m == null) {
            return;
        }
        repository.add(m.uid());
        if (m.status() != null) {
            repository.add(statusKey(m));
        }
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        if (endpoint.getIdempotentRepository() == null && repository != null) {
            repository.stop();
        }
    }
}
