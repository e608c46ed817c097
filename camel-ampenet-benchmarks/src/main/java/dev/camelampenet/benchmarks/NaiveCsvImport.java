package dev.camelampenet.benchmarks;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.camelampenet.ampenet.AmpenetComponent;
import dev.camelampenet.ampenet.model.ContactGroup;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The CSV import as a first attempt would write it, for comparison with the phonebook's streaming import: the whole
 * file unmarshalled by camel-csv into one {@code List} (no {@code lazyLoad}), split (not streaming) over a pool of
 * workers, each row to {@code ampenet:contacts/store}. Run in a child JVM with the same heap cap as the streaming
 * import. Prints {@code NAIVE READ rows=...} once the file is in memory and {@code NAIVE DONE ...} at the end.
 */
public final class NaiveCsvImport {

    private NaiveCsvImport() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = ClientBench.parse(argv);
        Path file = Path.of(args.get("file")).toAbsolutePath();
        int concurrency = Integer.parseInt(args.getOrDefault("concurrency", "32"));
        AtomicLong stored = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long[] started = new long[1];

        CamelContext context = new DefaultCamelContext();
        AmpenetComponent ampenet = new AmpenetComponent();
        ampenet.getConfiguration().setApiToken(args.get("token"));
        ampenet.getConfiguration().setBaseUrl(args.get("base-url"));
        ampenet.getConfiguration().setRateLimit(Integer.parseInt(args.getOrDefault("rate-limit", "600000")));
        ampenet.getConfiguration().setDefaultRegion("TZ");
        context.addComponent("ampenet", ampenet);
        context.start();
        String group = context.createProducerTemplate().requestBody("ampenet:groups/create", "naive", ContactGroup.class).uid();

        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + file.getParent() + "?fileName=" + file.getFileName() + "&noop=true&initialDelay=0&delay=100")
                        .routeId("naive-import")
                        .process(e -> started[0] = System.nanoTime())
                        .log("NAIVE START ${file:name}")
                        .unmarshal().csv()
                        .process(e -> System.out.println("NAIVE READ rows=" + e.getMessage().getBody(List.class).size()))
                        .split(body()).parallelProcessing().executorService(workers)
                            .filter(simple("${exchangeProperty.CamelSplitIndex} > 0")) // the header line
                            .doTry()
                                .process(e -> {
                                    List<?> row = e.getMessage().getBody(List.class);
                                    Map<String, Object> contact = new LinkedHashMap<>();
                                    contact.put("phone", row.get(0));
                                    contact.put("firstName", row.get(1));
                                    contact.put("lastName", row.get(2));
                                    contact.put("email", row.get(3));
                                    e.getMessage().setBody(contact);
                                })
                                .to("ampenet:contacts/store?groupId=" + group)
                                .process(e -> stored.incrementAndGet())
                            .doCatch(Exception.class)
                                .process(e -> failed.incrementAndGet())
                            .end()
                            .end() // filter
                        .end() // split
                        .process(e -> {
                            double seconds = (System.nanoTime() - started[0]) / 1e9;
                            System.out.printf("NAIVE DONE rows=%d stored=%d failed=%d seconds=%.1f%n", stored.get() + failed.get(),
                                    stored.get(), failed.get(), seconds);
                        });
            }
        });
        Thread progress = new Thread(() -> {
            try {
                while (true) {
                    TimeUnit.SECONDS.sleep(10);
                    System.out.println("NAIVE PROGRESS stored=" + stored.get() + " failed=" + failed.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "progress");
        progress.setDaemon(true);
        progress.start();
        Thread.currentThread().join(); // the harness ends this JVM
    }
}
