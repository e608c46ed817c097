package dev.camelampenet.ampenet.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.camel.spi.Registry;

/**
 * The meters on a Micrometer registry. Only this class names Micrometer types, and {@link MeterSink#lookup} loads it
 * only when Micrometer is there. Meters are made on first use and kept, so a call costs a map lookup, not a
 * registration.
 */
final class MicrometerMeters implements MeterSink {

    /** camel-micrometer's name for the registry bean (MicrometerConstants.METRICS_REGISTRY_NAME). */
    static final String REGISTRY_BEAN = "metricsRegistry";

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            MeterNames.SMS_SENT, "SMS accepted by the Ampenet API, one per recipient",
            MeterNames.SMS_SEGMENTS, "SMS parts of the accepted messages",
            MeterNames.SMS_UNITS, "Units the Ampenet API debited, where its answer says",
            MeterNames.RECIPIENTS_REFUSED, "Recipients refused by the server or found invalid",
            MeterNames.CALLS, "HTTP calls to the Ampenet API, every attempt",
            MeterNames.RETRIES, "Calls repeated by the client",
            MeterNames.THROTTLES, "Calls refused as over the API's rate limit",
            MeterNames.PACER_WAIT, "Time calls waited under the client-side rate limit");

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Timer pacerWait;

    private MicrometerMeters(MeterRegistry registry) {
        this.registry = registry;
        this.pacerWait = Timer.builder(MeterNames.PACER_WAIT).description(DESCRIPTIONS.get(MeterNames.PACER_WAIT)).register(registry);
    }

    static MeterSink lookup(Registry camelRegistry) {
        MeterRegistry found = camelRegistry.lookupByNameAndType(REGISTRY_BEAN, MeterRegistry.class);
        if (found == null) {
            Set<MeterRegistry> all = camelRegistry.findByType(MeterRegistry.class);
            if (all.size() == 1) {
                found = all.iterator().next();
            } else {
                found = all.stream().filter(r -> r instanceof CompositeMeterRegistry).findFirst().orElse(null);
            }
        }
        return found == null ? NONE : new MicrometerMeters(found);
    }

    @Override
    public void count(String name, double amount, String... tags) {
        String key = tags.length == 0 ? name : name + '|' + String.join("|", tags);
        counters.computeIfAbsent(key, k -> Counter.builder(name).description(DESCRIPTIONS.get(name)).tags(tags).register(registry))
                .increment(amount);
    }

    @Override
    public void time(String name, long millis) {
        pacerWait.record(Duration.ofMillis(millis));
    }
}
