package dev.camelampenet.phonebook;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.main.Main;

/**
 * The phonebook examples as one Camel Main application: drop a CSV into {@code data/inbox} and its rows become
 * contacts in an Ampenet contact group.
 * <p>
 * With no {@code AMPENET_API_TOKEN} (property {@code ampenet.api-token}) it starts the Ampenet simulator in-process
 * and uses it; with a token (and {@code AMPENET_BASE_URL} for another reseller) it uses that account. Every setting
 * is in {@code application.properties} and can be overridden by a system property, an environment variable
 * ({@code phonebook.inbox} is {@code PHONEBOOK_INBOX}) or an argument ({@code --phonebook.inbox=...}).
 */
public final class PhonebookApplication {

    private PhonebookApplication() {
    }

    /** The JDK's HttpClient completes every sendAsync on the CompletableFuture default pool. */
    static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    public static void main(String[] args) throws Exception {
        // With one or two CPUs the common pool has parallelism 1, and CompletableFuture then starts a new thread for
        // every async task: the JDK HttpClient's sendAsync would start one per API answer (a thousand a second in a
        // big import). Two workers make it a pool again. Set before anything touches the pool.
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null && Runtime.getRuntime().availableProcessors() <= 2) {
            System.setProperty(COMMON_POOL_PARALLELISM, "2");
        }
        Main main = new Main(PhonebookApplication.class);
        main.run(properties(main, args));
        dev.camelampenet.phonebook.demo.PhonebookDemo.exitIfRanOnce(); // ./demo --once: exit 0 when all accounted for
    }

    /** {@code --key=value} arguments become properties; the rest are Camel Main's own options. */
    static String[] properties(Main main, String[] args) {
        List<String> rest = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 2) {
                main.addOverrideProperty(arg.substring(2, eq), arg.substring(eq + 1));
            } else {
                rest.add(arg);
            }
        }
        return rest.toArray(String[]::new);
    }
}
