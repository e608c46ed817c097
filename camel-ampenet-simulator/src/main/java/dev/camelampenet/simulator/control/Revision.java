package dev.camelampenet.simulator.control;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A number that grows whenever something the console shows may have changed: an API request (it is journaled and
 * may change messages, groups or the balance), a control call that is not a read, or a change made through the
 * embedded Java API. The console polls this one cheap number every second and fetches its lists only when it
 * moved, so an idle page costs the simulator nothing but that call. It never goes back, not even on a reset, so
 * a page that missed the reset still sees that something changed.
 */
public final class Revision {

    private final AtomicLong value = new AtomicLong();

    public long current() {
        return value.get();
    }

    public void bump() {
        value.incrementAndGet();
    }
}
