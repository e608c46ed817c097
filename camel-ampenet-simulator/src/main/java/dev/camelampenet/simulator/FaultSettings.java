package dev.camelampenet.simulator;

/**
 * Random faults, applied to API requests whose path (relative to {@code /api/v3}, e.g. {@code /sms/send}) starts
 * with {@code path} (all when null). Rates are shares between 0 and 1, drawn from a generator seeded with
 * {@code seed}, so the same sequence of requests meets the same faults.
 *
 * @param latencyMillis fixed delay before the server acts
 * @param jitterMillis extra uniformly random delay, 0..jitter
 * @param http500Rate share answered with an HTML 500 before the server acts
 * @param dropBeforeRate share whose connection is closed before the server acts (nothing happened)
 * @param dropAfterRate share whose connection is closed after the server acted (it happened; no answer)
 * @param htmlAfterRate share that acts, then answers 200 text/html: PHP warnings printed before the JSON
 * @param errorAfterRate share that acts, then answers 200 with an SQL deadlock error envelope
 * @param truncatedAfterRate share that acts, then sends half the body of a longer Content-Length and closes
 */
public record FaultSettings(long latencyMillis, long jitterMillis, double http500Rate, double dropBeforeRate,
                            double dropAfterRate, String path, long seed, double htmlAfterRate, double errorAfterRate,
                            double truncatedAfterRate) {

    public static final FaultSettings NONE = new FaultSettings(0, 0, 0, 0, 0, null, 0);

    public FaultSettings {
        if (latencyMillis < 0 || jitterMillis < 0) {
            throw new IllegalArgumentException("latencyMillis and jitterMillis must be >= 0");
        }
        double sum = 0;
        for (double rate : new double[] {http500Rate, dropBeforeRate, dropAfterRate, htmlAfterRate, errorAfterRate,
                truncatedAfterRate}) {
            if (rate < 0 || rate > 1) {
                throw new IllegalArgumentException("fault rates are shares between 0 and 1, got " + rate);
            }
            sum += rate;
        }
        if (sum > 1.0000001) {
            throw new IllegalArgumentException("the fault rates together must not exceed 1");
        }
    }

    /** The settings before the answer-spoiling faults existed: those three rates are 0. */
    public FaultSettings(long latencyMillis, long jitterMillis, double http500Rate, double dropBeforeRate,
                         double dropAfterRate, String path, long seed) {
        this(latencyMillis, jitterMillis, http500Rate, dropBeforeRate, dropAfterRate, path, seed, 0, 0, 0);
    }

    public FaultSettings withLatency(long latency, long jitter) {
        return new FaultSettings(latency, jitter, http500Rate, dropBeforeRate, dropAfterRate, path, seed,
                htmlAfterRate, errorAfterRate, truncatedAfterRate);
    }

    public FaultSettings withRates(double http500, double dropBefore, double dropAfter) {
        return new FaultSettings(latencyMillis, jitterMillis, http500, dropBefore, dropAfter, path, seed,
                htmlAfterRate, errorAfterRate, truncatedAfterRate);
    }

    /** The faults that let the server act and then spoil its answer (HTML warnings, error envelope, cut body). */
    public FaultSettings withAfterRates(double htmlAfter, double errorAfter, double truncatedAfter) {
        return new FaultSettings(latencyMillis, jitterMillis, http500Rate, dropBeforeRate, dropAfterRate, path, seed,
                htmlAfter, errorAfter, truncatedAfter);
    }

    public FaultSettings withPath(String onlyPath) {
        return new FaultSettings(latencyMillis, jitterMillis, http500Rate, dropBeforeRate, dropAfterRate, onlyPath, seed,
                htmlAfterRate, errorAfterRate, truncatedAfterRate);
    }

    public FaultSettings withSeed(long newSeed) {
        return new FaultSettings(latencyMillis, jitterMillis, http500Rate, dropBeforeRate, dropAfterRate, path, newSeed,
                htmlAfterRate, errorAfterRate, truncatedAfterRate);
    }
}
