package dev.camelampenet.phonebook.csvimport;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The import's Micrometer meters, in the registry camel-micrometer uses ({@code metricsRegistry}):
 * {@code phonebook.import.rows} counts settled rows by {@code outcome} (imported, duplicate, rejected), and
 * {@code phonebook.import.rows.active} is the number of files being imported now. The routes count files
 * ({@code phonebook.import.files} by {@code result}: done, failed, paused) with the {@code micrometer:} endpoint.
 */
public final class ImportMetrics {

    public static final String ROWS = "phonebook.import.rows";
    public static final String FILES = "phonebook.import.files";
    public static final String ACTIVE = "phonebook.import.active";

    private final Map<Outcome, Counter> rows = new EnumMap<>(Outcome.class);
    private final AtomicLong active = new AtomicLong();

    public ImportMetrics(MeterRegistry registry) {
        for (Outcome o : Outcome.values()) {
            rows.put(o, Counter.builder(ROWS).tag("outcome", o.label())
                    .description("CSV rows settled, by outcome").register(registry));
        }
        Gauge.builder(ACTIVE, active, AtomicLong::get).description("CSV files being imported").register(registry);
    }

    void row(Outcome outcome) {
        rows.get(outcome).increment();
    }

    void rows(Outcome outcome, long count) {
        rows.get(outcome).increment(count);
    }

    void started() {
        active.incrementAndGet();
    }

    void stopped() {
        active.decrementAndGet();
    }
}
