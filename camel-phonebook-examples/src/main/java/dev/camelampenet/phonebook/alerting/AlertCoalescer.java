package dev.camelampenet.phonebook.alerting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rendezvous for the consumer threads: alerts with the same text, sender and schedule that arrive close together
 * go out in one sms/send call to up to {@code maxRecipients} numbers. Each thread hands in its alert and waits for
 * <em>its</em> report, so every alert keeps its own JMS transaction. The batch itself is sent by the
 * {@link BatchSender}, which hands it to the route {@code sms-alert-batch}.
 * <p>
 * A batch is sent when it is full, when no alert joined it for {@code quietMillis}, or {@code maxWaitMillis} after
 * its first alert, whichever comes first: a burst fills batches to the top, a lone alert waits only the quiet time.
 * An alert never shares a batch with another one to the same number (each alert is its own SMS), and one with more
 * recipients than a batch holds goes alone. When every consumer thread is waiting in a batch, nothing else can
 * join, so they all go at once. {@code quietMillis} 0 turns coalescing off: one call per alert.
 */
public final class AlertCoalescer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertCoalescer.class);
    /** Longer than any batch can take (a 10,000-recipient alert at the API's pace): only a hung call reaches it. */
    private static final long SUBMIT_TIMEOUT_MILLIS = 15 * 60_000L;

    /** Sends one batch; answers one report per alert id and never throws. */
    @FunctionalInterface
    public interface BatchSender {
        Map<String, CallReport> send(List<Alert> alerts);
    }

    private final int maxRecipients;
    private final long quietMillis;
    private final long maxWaitMillis;
    private final BatchSender sender;
    private final ScheduledExecutorService timer;
    private final ExecutorService senders;
    private final int consumers;
    private final Map<String, Batch> open = new HashMap<>();
    private int waiting;

    /**
     * @param consumers the threads that hand in alerts: when all of them wait in open batches, no other alert can
     *                  arrive, so the batches go at once instead of after the window
     */
    public AlertCoalescer(int maxRecipients, long quietMillis, long maxWaitMillis, int consumers, BatchSender sender) {
        this.maxRecipients = maxRecipients;
        this.consumers = consumers;
        this.quietMillis = quietMillis;
        this.maxWaitMillis = Math.max(quietMillis, maxWaitMillis);
        this.sender = sender;
        AtomicInteger n = new AtomicInteger();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "alert-coalescer-timer"));
        this.senders = Executors.newCachedThreadPool(r -> daemon(r, "alert-sender-" + n.incrementAndGet()));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public boolean enabled() {
        return quietMillis > 0;
    }

    /** The route's step: sends the alert in the variable {@code alertToSend}, alone or with others. */
    public CallReport send(Exchange exchange) throws InterruptedException {
        return submit(exchange.getVariable(AlertIntake.TO_SEND, Alert.class), SUBMIT_TIMEOUT_MILLIS);
    }

    /** Sends the alert, alone or with others, and answers what its call said about it. */
    public CallReport submit(Alert alert, long timeoutMillis) throws InterruptedException {
        if (!enabled() || alert.numbers().size() >= maxRecipients) {
            return result(sender.send(List.of(alert)), alert);
        }
        CompletableFuture<CallReport> future;
        synchronized (this) {
            String key = alert.coalescingKey();
            Batch batch = open.get(key);
            if (batch != null && !batch.fits(alert)) {
                close(batch);
                batch = null;
            }
            if (batch == null) {
                batch = new Batch(key);
                open.put(key, batch);
                schedule(batch, quietMillis);
            }
            future = batch.add(alert);
            waiting++;
            if (batch.recipients() >= maxRecipients) {
                close(batch);
            } else if (waiting >= consumers) {
                for (Batch b : new ArrayList<>(open.values())) {
                    close(b);
                }
            }
        }
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return new CallReport("the batch ended with an unexpected error: " + e.getCause(), false);
        } catch (TimeoutException e) {
            return new CallReport("no outcome after " + timeoutMillis + " ms: the send may still be under way", false);
        }
    }

    private static CallReport result(Map<String, CallReport> results, Alert alert) {
        CallReport r = results.get(alert.id());
        return r != null ? r : new CallReport("the batch reported nothing about this alert", false);
    }

    private void schedule(Batch batch, long delay) {
        timer.schedule(() -> expire(batch), Math.max(1, delay), TimeUnit.MILLISECONDS);
    }

    private synchronized void expire(Batch batch) {
        if (batch.closed) {
            return;
        }
        long now = System.nanoTime();
        long due = Math.min(batch.lastAt + TimeUnit.MILLISECONDS.toNanos(quietMillis),
                batch.firstAt + TimeUnit.MILLISECONDS.toNanos(maxWaitMillis));
        if (now >= due) {
            close(batch);
        } else {
            schedule(batch, TimeUnit.NANOSECONDS.toMillis(due - now) + 1);
        }
    }

    /** Called with the lock held. */
    private void close(Batch batch) {
        batch.closed = true;
        waiting -= batch.alerts.size();
        open.remove(batch.key, batch);
        List<Alert> alerts = new ArrayList<>(batch.alerts.keySet());
        senders.execute(() -> {
            Map<String, CallReport> results;
            try {
                results = sender.send(alerts);
            } catch (RuntimeException e) {
                LOG.error("Sending a batch of {} alerts failed unexpectedly", alerts.size(), e);
                results = Map.of();
            }
            for (Map.Entry<Alert, CompletableFuture<CallReport>> e : batch.alerts.entrySet()) {
                e.getValue().complete(result(results, e.getKey()));
            }
        });
    }

    @Override
    public void close() {
        synchronized (this) {
            for (Batch b : new ArrayList<>(open.values())) {
                close(b); // nothing waits forever: a stopping flow sends what it has
            }
        }
        timer.shutdown();
        senders.shutdown();
        try {
            senders.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Batch {
        final String key;
        final Map<Alert, CompletableFuture<CallReport>> alerts = new LinkedHashMap<>();
        final Set<String> numbers = new HashSet<>();
        final Set<String> ids = new HashSet<>();
        final long firstAt = System.nanoTime();
        long lastAt = firstAt;
        boolean closed;

        Batch(String key) {
            this.key = key;
        }

        int recipients() {
            return numbers.size();
        }

        boolean fits(Alert alert) {
            if (closed || ids.contains(alert.id()) || numbers.size() + alert.numbers().size() > maxRecipients) {
                return false;
            }
            for (String n : alert.numbers()) {
                if (numbers.contains(n)) {
                    return false;
                }
            }
            return true;
        }

        CompletableFuture<CallReport> add(Alert alert) {
            CompletableFuture<CallReport> f = new CompletableFuture<>();
            alerts.put(alert, f);
            numbers.addAll(alert.numbers());
            ids.add(alert.id());
            lastAt = System.nanoTime();
            return f;
        }
    }
}
