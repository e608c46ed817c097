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
 */
public record FaultSettings(long latencyMillis, long jitterMillis, double http500Rate, double dropBeforeRate,
                            double dropAfterRate, String path, long seed) {

    public static final FaultSettings NONE = new FaultSettings(0, 0, 0, 0, 0, null, 0);

    public FaultSettings {
        if (latencyMillis < 0 || jitterMillis < 0) {
            throw new IllegalArgumentException("latencyMillis and jitterMillis must be >= 0");
        }
        for (double rate : new double[] {http500Rate, dropBeforeRate, dropAfterRate}) {
            if (rate < 0 || rate > 1) {
                throw new IllegalArgumentException("fault rates are shares between 0 and 1, got " + rate);
            }
        }
        if (http500Rate + dropBeforeRate + dropAfterRate > 1.0000001) {
            throw new IllegalArgumentException("http500Rate + dropBeforeRate + dropAfterRate must not exceed 1");
        }
    }

    public FaultSettings withLatency(long latency, long jitter) {
        return new FaultSettings(latency, jitter, http500Rate, dropBeforeRate, dropAfterRate, path, seed);
    }

    public FaultSettings withRates(double http500, double dropBefore, double dropAfter) {
        return new FaultSettings(latencyMillis, jitterMillis, http500, dropBefore, dropAfter, path, seed);
    }

    public FaultSettings withPath(String onlyPath) {
        return new FaultSettings(latencyMillis, jitterMillis, http500Rate, dropBeforeRate, dropAfterRate, onlyPath, seed);
    }

    public FaultSettings withSeed(long newSeed) {
        return new FaultSettings(latencyMillis, jitterMillis, http500Rate, dropBeforeRate, dropAfterRate, path, newSeed);
    }
}
