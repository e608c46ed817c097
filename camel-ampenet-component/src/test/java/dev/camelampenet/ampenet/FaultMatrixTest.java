package dev.camelampenet.ampenet;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import dev.camelampenet.ampenet.api.AmpenetTransport;
import dev.camelampenet.ampenet.api.HttpAnswer;
import dev.camelampenet.ampenet.api.HttpCall;
import dev.camelampenet.ampenet.client.ApacheHttpTransport;
import dev.camelampenet.ampenet.client.JdkHttpTransport;
import dev.camelampenet.ampenet.client.TransportSettings;
import dev.camelampenet.ampenet.error.AmpenetException;
import dev.camelampenet.ampenet.error.AmpenetUnknownOutcomeException;
import dev.camelampenet.ampenet.model.RejectedRecipient;
import dev.camelampenet.ampenet.model.SendResult;
import dev.camelampenet.simulator.AmpenetSimulator;
import dev.camelampenet.simulator.Fault;
import dev.camelampenet.simulator.FaultSettings;
import dev.camelampenet.simulator.GroupSnapshot;
import dev.camelampenet.simulator.OutboxMessage;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault matrix of the component: every fault the simulator can inject, against every operation that writes,
 * with the fault on a call in the middle of the exchange where there are several (the third of ten in a bulk send of
 * 1,000) and the route's error handler redelivering as the docs recommend. Each cell is counted from the simulator's
 * own records (outbox, contacts, groups) against what the exchange reported:
 * <ul>
 * <li>dup: a recipient with more than one SMS, a contact or a group stored twice;</li>
 * <li>lost: a recipient without an SMS that the exchange did not report as rejected, unsent or uncertain; a contact
 * or group missing although the exchange succeeded;</li>
 * <li>misreported: sent (stored) but reported as a definite failure (rejected, unsent, or a refusal);</li>
 * <li>uncertain: reported uncertain, which the flows reconcile (not an error).</li>
 * </ul>
 * The flows' own matrix (alerting, CSV import) is in the examples module.
 */
class FaultMatrixTest extends CamelTestSupport {

    private static final String TOKEN = "7|fault-matrix-token-secret";
    private static final int BULK = 1000;

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN).balance(new BigDecimal("1000000")));

    /**
     * Arms the cell's fault right before the n-th call reaches the simulator, and disarms it at the next one. The
     * matrix runs on each transport the component has: the default (Apache HttpClient 5) and the JDK one.
     */
    static final class ArmingTransport implements AmpenetTransport {
        private volatile AmpenetTransport http;
        private final AtomicInteger calls = new AtomicInteger();
        private volatile int armAt;
        private volatile int journalAtArm;
        private volatile Consumer<AmpenetSimulator> fault = s -> { };

        void arm(int atCall, Consumer<AmpenetSimulator> injectFault) {
            journalAtArm = sim.simulator().journal().size();
            calls.set(0);
            armAt = atCall;
            fault = injectFault;
        }

        /** Whichever transport it wraps may block the caller, so the client continues waits on worker threads. */
        @Override
        public boolean runsOnCallerThread() {
            return true;
        }

        /** True once the simulator has recorded every request made since {@link #arm}. */
        boolean settled() {
            return sim.simulator().journal().size() >= journalAtArm + calls.get();
        }

        @Override
        public CompletableFuture<HttpAnswer> send(HttpCall call) {
            int n = calls.incrementAndGet();
            if (n == armAt) {
                fault.accept(sim.simulator());
            } else if (n == armAt + 1) {
                sim.simulator().setFaults(FaultSettings.NONE); // a latency setting is not one-shot
            }
            return http.send(call);
        }
    }

    @BindToRegistry("armed")
    private final ArmingTransport transport = new ArmingTransport();

    private static String uri(String operation) {
        // a short request timeout so "latency past the timeout" is quick; the client's own retries stay small
        return "ampenet:" + operation + "?apiToken=" + TOKEN + "&baseUrl=" + sim.baseUrl()
                + "&transport=#armed&requestTimeout=400&retryDelay=5&maxRetries=1&rateLimit=1000000";
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                onException(AmpenetException.class).maximumRedeliveries(3).redeliveryDelay(0);
                from("direct:send").to(uri("sms/send"));
                // stores and creates are not redelivered: an unknown outcome is reported, never repeated blindly
                from("direct:store").errorHandler(noErrorHandler()).to(uri("contacts/store"));
                from("direct:create").errorHandler(noErrorHandler()).to(uri("groups/create"));
            }
        };
    }

    private record Fault_(String name, Consumer<AmpenetSimulator> inject) {
    }

    private static List<Fault_> faults() {
        return List.of(
                one("drop before acting", Fault.DROP_BEFORE),
                one("drop after acting", Fault.DROP_AFTER),
                one("HTTP 500 before acting", Fault.HTTP_500),
                one("HTML 200 after acting", Fault.HTML_AFTER),
                one("error body after acting", Fault.ERROR_AFTER),
                one("truncated body after acting", Fault.TRUNCATED_AFTER),
                new Fault_("throttle burst (5)", s -> s.nextFault(Fault.THROTTLE, 5, null)),
                new Fault_("latency past the timeout", s -> s.setFaults(new FaultSettings(1_500, 0, 0, 0, 0, null, 0))));
    }

    private static Fault_ one(String name, Fault fault) {
        return new Fault_(name, s -> s.nextFault(fault, 1, null));
    }

    /** dup, lost, misreported, uncertain. */
    private record Cell(int dup, int lost, int misreported, int uncertain) {
        @Override
        public String toString() {
            return dup + "/" + lost + "/" + misreported + "/" + uncertain;
        }
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = { "Apache HttpClient 5", "the JDK HttpClient" })
    void noFaultDuplicatesLosesOrMisreportsAnything(String client) {
        ApacheHttpTransport apache = new ApacheHttpTransport(new TransportSettings(10_000, 100, null, -1, null, null, null));
        transport.http = client.startsWith("Apache") ? apache : new JdkHttpTransport(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build());
        try {
            matrix(client);
        } finally {
            apache.close();
        }
    }

    private void matrix(String client) {
        List<String> operations = List.of("single send", "bulk send of 1,000", "contacts/store", "groups/create");
        Map<String, Map<String, Cell>> table = new LinkedHashMap<>();
        for (Fault_ fault : faults()) {
            Map<String, Cell> row = new LinkedHashMap<>();
            row.put(operations.get(0), send(fault, List.of("255712345678"), 1));
            row.put(operations.get(1), send(fault, numbers(), 3));
            row.put(operations.get(2), store(fault));
            row.put(operations.get(3), create(fault));
            table.put(fault.name(), row);
        }

        StringBuilder printed = new StringBuilder("\nFault matrix on " + client + " (dup/lost/misreported/uncertain), counted from the simulator:\n");
        printed.append(String.format("%-28s", "fault"));
        operations.forEach(op -> printed.append(String.format("| %-20s", op)));
        table.forEach((fault, row) -> {
            printed.append(String.format("%n%-28s", fault));
            row.values().forEach(cell -> printed.append(String.format("| %-20s", cell)));
        });
        System.out.println(printed);

        table.forEach((fault, row) -> row.forEach((op, cell) -> {
            assertThat(cell.dup()).as(fault + " x " + op + ": duplicates").isZero();
            assertThat(cell.lost()).as(fault + " x " + op + ": lost").isZero();
            assertThat(cell.misreported()).as(fault + " x " + op + ": sent but reported failed").isZero();
        }));
    }

    private static List<String> numbers() {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < BULK; i++) {
            numbers.add(String.format("255713%06d", i));
        }
        return numbers;
    }

    private Cell send(Fault_ fault, List<String> numbers, int atCall) {
        sim.simulator().reset();
        transport.arm(atCall, fault.inject());
        Exchange result = template.request("direct:send", e -> {
            e.getMessage().setBody("Maji yamerudi");
            e.getMessage().setHeader(AmpenetConstants.RECIPIENTS, numbers);
        });
        settle();
        SendResult accounting = result.getException() == null ? result.getMessage().getBody(SendResult.class)
                : ((AmpenetException) result.getException()).getSendResult();
        assertThat(accounting).as(fault.name() + ": every sms/send says where its recipients ended").isNotNull();
        Map<String, Long> copies = sim.simulator().outbox().stream()
                .collect(Collectors.groupingBy(OutboxMessage::to, Collectors.counting()));
        Set<String> reportedNotSent = new HashSet<>(accounting.unsent());
        accounting.rejected().stream().map(RejectedRecipient::number).forEach(reportedNotSent::add);
        int dup = (int) copies.values().stream().filter(c -> c > 1).count();
        int lost = (int) numbers.stream().filter(n -> !copies.containsKey(n) && !reportedNotSent.contains(n)
                && !accounting.uncertain().contains(n)).count();
        int misreported = (int) numbers.stream().filter(n -> copies.containsKey(n) && reportedNotSent.contains(n)).count();
        return new Cell(dup, lost, misreported, accounting.uncertain().size());
    }

    private Cell store(Fault_ fault) {
        sim.simulator().reset();
        String group = template.requestBody(uri("groups/create"), "Customers", dev.camelampenet.ampenet.model.ContactGroup.class).uid();
        transport.arm(1, fault.inject());
        Exchange result = template.request("direct:store", e -> {
            e.getMessage().setBody(Map.of("phone", "255712345678", "firstName", "Asha"));
            e.getMessage().setHeader(AmpenetConstants.GROUP_ID, group);
        });
        settle();
        GroupSnapshot snapshot = sim.simulator().group(TOKEN, "Customers");
        long stored = snapshot.contacts().stream().filter(c -> c.phone().equals("255712345678")).count();
        return single(result, stored);
    }

    private Cell create(Fault_ fault) {
        sim.simulator().reset();
        transport.arm(1, fault.inject());
        Exchange result = template.request("direct:create", e -> e.getMessage().setBody("Suppliers"));
        settle();
        long stored = sim.simulator().groups(TOKEN).stream().filter(g -> g.name().equals("Suppliers")).count();
        return single(result, stored);
    }

    /** One write: stored at most once; never stored while reported as a definite failure; never reported done but missing. */
    private static Cell single(Exchange result, long stored) {
        Exception failure = result.getException();
        boolean uncertain = failure instanceof AmpenetUnknownOutcomeException;
        int lost = failure == null && stored == 0 ? 1 : 0;
        int misreported = failure != null && !uncertain && stored > 0 ? 1 : 0;
        return new Cell(stored > 1 ? 1 : 0, lost, misreported, uncertain ? 1 : 0);
    }

    /**
     * Waits (bounded) until every request the transport made is in the simulator's journal: with latency past the
     * timeout the server acts after the client gave up, and the count must include what it did then.
     */
    private void settle() {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!transport.settled() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        sim.simulator().setFaults(FaultSettings.NONE);
    }
}
