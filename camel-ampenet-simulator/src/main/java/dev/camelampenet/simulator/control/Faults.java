package dev.camelampenet.simulator.control;

import dev.camelampenet.simulator.FaultSettings;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides, per API request, which injected fault it meets: one-shot faults queued for the next N matching requests
 * come first, then the seeded random rates. Also holds the "throttle now" switch the dispatcher consults.
 */
public final class Faults {

    public enum Kind {
        NONE, HTTP_500, DROP_BEFORE, DROP_AFTER, HTML_AFTER, ERROR_AFTER, TRUNCATED_AFTER;

        /** The server acts first and only its answer is lost or spoiled. */
        public boolean actsFirst() {
            return this == DROP_AFTER || this == HTML_AFTER || this == ERROR_AFTER || this == TRUNCATED_AFTER;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Kind parse(String key) {
            return valueOf(key.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** The fault for one request: a delay and what happens to the connection. */
    public static final class Decision {
        public final long delayMillis;
        public final Kind kind;

        Decision(long delayMillis, Kind kind) {
            this.delayMillis = delayMillis;
            this.kind = kind;
        }
    }

    private static final class OneShot {
        final Kind kind;
        final String path;
        final AtomicInteger remaining;

        OneShot(Kind kind, String path, int count) {
            this.kind = kind;
            this.path = path;
            this.remaining = new AtomicInteger(count);
        }
    }

    private volatile FaultSettings settings = FaultSettings.NONE;
    private Random random = new Random(0);
    private final Queue<OneShot> oneShots = new ConcurrentLinkedQueue<>();
    private final Queue<OneShot> throttleShots = new ConcurrentLinkedQueue<>();
    private final AtomicInteger throttleNext = new AtomicInteger();
    private volatile long throttleUntilMillis;

    public FaultSettings settings() {
        return settings;
    }

    public synchronized void set(FaultSettings newSettings) {
        this.settings = newSettings;
        this.random = new Random(newSettings.seed());
    }

    /** The next {@code count} requests under {@code path} (all when null) meet {@code kind}. */
    public void next(Kind kind, int count, String path) {
        oneShots.add(new OneShot(kind, normalise(path), count));
    }

    /** Refuse every request with "Too Many Attempts." for the next {@code millis}. */
    public void throttleFor(long millis) {
        throttleUntilMillis = System.currentTimeMillis() + millis;
    }

    public void throttleNext(int requests) {
        throttleNext.addAndGet(requests);
    }

    /** A burst of "Too Many Attempts." for the next {@code requests} requests under {@code path} (all when null). */
    public void throttleNext(int requests, String path) {
        String only = normalise(path);
        if (only == null) {
            throttleNext(requests);
        } else {
            // the kind is unused: throttling is decided at the rate limiter's step, not before the request is read
            throttleShots.add(new OneShot(Kind.NONE, only, requests));
        }
    }

    public boolean consumeForcedThrottle() {
        return consumeForcedThrottle(null);
    }

    /** @param apiPath the path relative to /api/v3; path-scoped bursts apply only under their path */
    public boolean consumeForcedThrottle(String apiPath) {
        if (System.currentTimeMillis() < throttleUntilMillis) {
            return true;
        }
        if (apiPath != null) {
            for (Iterator<OneShot> it = throttleShots.iterator(); it.hasNext(); ) {
                OneShot shot = it.next();
                if (apiPath.startsWith(shot.path)) {
                    if (shot.remaining.getAndDecrement() > 0) {
                        return true;
                    }
                    it.remove();
                }
            }
        }
        return throttleNext.get() > 0 && throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    /** A one-shot fault still waiting for {@code remaining} requests under {@code path} (all when null). */
    public record Queued(String fault, String path, int remaining) {
    }

    /**
     * What is armed besides the random settings, so a person looking at the console can tell why the next request
     * will fail.
     *
     * @param throttleMillisLeft how long "throttle for" still refuses every request, 0 when it does not
     */
    public record Pending(List<Queued> queued, int throttleNextRequests, long throttleMillisLeft) {
    }

    public Pending pending() {
        List<Queued> queued = new ArrayList<>();
        for (OneShot shot : oneShots) {
            int remaining = shot.remaining.get();
            if (remaining > 0) {
                queued.add(new Queued(shot.kind.key(), shot.path, remaining));
            }
        }
        for (OneShot shot : throttleShots) {
            int remaining = shot.remaining.get();
            if (remaining > 0) {
                queued.add(new Queued("throttle", shot.path, remaining));
            }
        }
        long left = Math.max(0, throttleUntilMillis - System.currentTimeMillis());
        return new Pending(queued, throttleNext.get(), left);
    }

    public void clear() {
        set(FaultSettings.NONE);
        oneShots.clear();
        throttleShots.clear();
        throttleNext.set(0);
        throttleUntilMillis = 0;
    }

    /** @param apiPath the path relative to /api/v3, e.g. {@code /sms/send} */
    public Decision decide(String apiPath) {
        for (Iterator<OneShot> it = oneShots.iterator(); it.hasNext(); ) {
            OneShot shot = it.next();
            if (shot.path == null || apiPath.startsWith(shot.path)) {
                if (shot.remaining.getAndDecrement() > 0) {
                    return new Decision(0, shot.kind);
                }
                it.remove();
            }
        }
        FaultSettings s = settings;
        if (s.path() != null && !apiPath.startsWith(normalise(s.path()))) {
            return new Decision(0, Kind.NONE);
        }
        if (s.latencyMillis() == 0 && s.jitterMillis() == 0 && s.http500Rate() == 0 && s.dropBeforeRate() == 0
                && s.dropAfterRate() == 0 && s.htmlAfterRate() == 0 && s.errorAfterRate() == 0 && s.truncatedAfterRate() == 0) {
            return new Decision(0, Kind.NONE);
        }
        double draw;
        long jitter;
        synchronized (this) { // one draw sequence, so a seed replays the same faults for the same request order
            draw = random.nextDouble();
            jitter = s.jitterMillis() == 0 ? 0 : (long) (random.nextDouble() * (s.jitterMillis() + 1));
        }
        long delay = s.latencyMillis() + jitter;
        // the older kinds keep their slices of the draw, so a seed replays what it replayed before
        double[] shares = {s.http500Rate(), s.dropBeforeRate(), s.dropAfterRate(), s.htmlAfterRate(), s.errorAfterRate(),
                s.truncatedAfterRate()};
        Kind[] kinds = {Kind.HTTP_500, Kind.DROP_BEFORE, Kind.DROP_AFTER, Kind.HTML_AFTER, Kind.ERROR_AFTER, Kind.TRUNCATED_AFTER};
        double bound = 0;
        for (int i = 0; i < shares.length; i++) {
            bound += shares[i];
            if (draw < bound) {
                return new Decision(delay, kinds[i]);
            }
        }
        return new Decision(delay, Kind.NONE);
    }

    /** Accepts {@code /sms/send}, {@code sms/send} or {@code /api/v3/sms/send}. */
    static String normalise(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        String p = path.startsWith("/") ? path : "/" + path;
        return p.startsWith("/api/v3/") ? p.substring("/api/v3".length()) : p;
    }
}
