package dev.camelampenet.ampenet.metrics;

/**
 * Where {@link AmpenetMetrics} publishes its meters. The component talks to this interface only, so micrometer-core
 * stays an optional dependency: {@link MicrometerMeters} is loaded only when Micrometer is on the class path and a
 * MeterRegistry is in the Camel registry ({@link #lookup}); otherwise nothing is published and nothing costs.
 */
public interface MeterSink {

    MeterSink NONE = new MeterSink() {
    };

    /** Adds to a counter; {@code tags} are key, value pairs. */
    default void count(String name, double amount, String... tags) {
    }

    /** Records one wait of a timer. */
    default void time(String name, long millis) {
    }

    /**
     * The Micrometer registry of the Camel registry, as camel-micrometer finds one: the bean named
     * {@code metricsRegistry} first, else the only MeterRegistry bean (or the composite one where there are several,
     * as in Spring Boot with more than one exporter). {@link #NONE} without Micrometer or without a registry.
     */
    static MeterSink lookup(org.apache.camel.spi.Registry registry) {
        try {
            Class.forName("io.micrometer.core.instrument.MeterRegistry", false, MeterSink.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return NONE;
        }
        return MicrometerMeters.lookup(registry);
    }
}
