package dev.camelampenet.phonebook.alerting;

import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Keeps the JVM alive on SIGTERM or Ctrl-C until Camel has stopped. Camel Main's own hook only asks Camel to stop
 * and returns, so without this the JVM could halt with alerts still in their transactions and the embedded broker
 * not closed: safe (they are delivered again), but every restart would then look like a crash.
 */
final class StopOnShutdown extends ServiceSupport {

    private final CamelContext context;
    private final Thread hook;

    StopOnShutdown(CamelContext context) {
        this.context = context;
        this.hook = new Thread(this::awaitStopped, "alerting-graceful-stop");
    }

    private void awaitStopped() {
        long timeout = TimeUnit.SECONDS.toMillis(context.getShutdownStrategy().getTimeout()) + 10_000;
        long end = System.currentTimeMillis() + timeout;
        while (!context.isStopped() && System.currentTimeMillis() < end) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    protected void doStart() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    protected void doStop() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it ends as soon as Camel is stopped
        }
    }
}
