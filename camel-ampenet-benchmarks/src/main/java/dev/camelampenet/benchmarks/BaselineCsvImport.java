package dev.camelampenet.benchmarks;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.dataformat.csv.CsvDataFormat;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The least a CSV import into contacts can be, for the import's CPU cost to be compared with: what a user writes with
 * plain Camel and no connector. camel-csv reads the file lazily (one row at a time), a streaming split hands the rows
 * to {@code --concurrency} threads, each row's number is put in international form (libphonenumber, as the API needs
 * it) and POSTed with camel-http to {@code /contacts/{group}/store}. No ledger, no report, no duplicate check, no
 * pacing, no retries: a row whose call fails is counted and dropped. Runs in a child JVM (same heap cap as the
 * phonebook application); prints {@code BASELINE DONE ...} when the file is through.
 */
public final class BaselineCsvImport {

    private BaselineCsvImport() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = ClientBench.parse(argv);
        Path inbox = Path.of(args.get("inbox")).toAbsolutePath();
        int concurrency = Integer.parseInt(args.getOrDefault("concurrency", "32"));
        String token = args.get("token");
        URI api = URI.create(args.get("base-url"));
        String base = "http://" + api.getHost() + ":" + api.getPort() + api.getPath();
        ObjectMapper json = new ObjectMapper();
        PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
        AtomicLong stored = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long[] started = new long[1];

        CamelContext context = new DefaultCamelContext();
        context.start();
        // the group, named after the file as the phonebook's import does
        String created = context.createProducerTemplate().requestBodyAndHeaders(base + "/contacts",
                json.writeValueAsBytes(Map.of("name", "benchmark")), Map.of(Exchange.HTTP_METHOD, "POST",
                        "Accept", "application/json", "Authorization", "Bearer " + token, Exchange.CONTENT_TYPE, "application/json"),
                String.class);
        String group = json.readTree(created).path("data").path("uid").asText();

        CsvDataFormat csv = new CsvDataFormat();
        csv.setLazyLoad(true);
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + inbox + "?include=.*\\.csv&move=.done/${file:name}&initialDelay=0&delay=100")
                        .routeId("baseline-import")
                        .process(e -> started[0] = System.nanoTime())
                        .unmarshal(csv)
                        .split(body()).streaming().parallelProcessing().executorService(workers)
                            .filter(simple("${exchangeProperty.CamelSplitIndex} > 0")) // the header line
                            .doTry()
                                .process(e -> {
                                    List<?> row = e.getMessage().getBody(List.class);
                                    Phonenumber.PhoneNumber number = phones.parse(String.valueOf(row.get(0)), "TZ");
                                    Map<String, Object> contact = new LinkedHashMap<>();
                                    contact.put("PHONE", phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164).substring(1));
                                    contact.put("FIRST_NAME", row.get(1));
                                    contact.put("LAST_NAME", row.get(2));
                                    e.getMessage().setBody(json.writeValueAsBytes(contact));
                                })
                                .removeHeaders("*")
                                .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                                .setHeader("Accept", constant("application/json"))
                                .setHeader("Authorization", constant("Bearer " + token))
                                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                                .to(base + "/contacts/" + group + "/store?throwExceptionOnFailure=false")
                                .process(e -> {
                                    JsonNode reply = json.readTree(e.getMessage().getBody(byte[].class));
                                    (reply.path("status").asText().equals("success") ? stored : failed).incrementAndGet();
                                })
                            .doCatch(Exception.class)
                                .process(e -> failed.incrementAndGet()) // an unparseable number, an I/O error
                            .end()
                            .end() // filter
                        .end() // split
                        .process(e -> System.out.printf("BASELINE DONE rows=%d stored=%d failed=%d seconds=%.1f%n",
                                stored.get() + failed.get(), stored.get(), failed.get(), (System.nanoTime() - started[0]) / 1e9));
            }
        });
        System.out.println("BASELINE STARTED");
        Thread.currentThread().join(); // the harness ends this JVM
    }
}
