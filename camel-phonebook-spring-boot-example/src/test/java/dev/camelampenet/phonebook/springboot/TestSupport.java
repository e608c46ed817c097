package dev.camelampenet.phonebook.springboot;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

/** Small helpers shared by the example's tests. */
final class TestSupport {

    private TestSupport() {
    }

    /** Waits until the condition holds, at most {@code timeout}; fails with the description otherwise. */
    static void await(Duration timeout, BooleanSupplier condition, Supplier<String> state) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not reached within " + timeout + ": " + state.get());
            }
            Thread.sleep(50);
        }
    }

    /** The first health detail whose name starts with the prefix (not its {@code .data} sibling). */
    static Map.Entry<String, JsonNode> check(JsonNode details, String prefix) {
        for (Map.Entry<String, JsonNode> e : details.properties()) {
            if (e.getKey().startsWith(prefix) && !e.getKey().endsWith(".data")) {
                return e;
            }
        }
        throw new AssertionError("no health check " + prefix + "* in " + details);
    }
}
