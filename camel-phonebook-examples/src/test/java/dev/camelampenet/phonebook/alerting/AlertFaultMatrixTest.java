package dev.camelampenet.phonebook.alerting;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import dev.camelampenet.ampenet.AmpenetComponent;
import dev.camelampenet.simulator.AmpenetSimulator;
import dev.camelampenet.simulator.Fault;
import dev.camelampenet.simulator.FaultSettings;
import dev.camelampenet.simulator.OutboxMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alerting flow's row of the fault matrix: every fault the simulator can inject, against a burst of eleven alerts
 * (ten to one number each, one to 250 numbers: three calls), with the broker's redeliveries. Counted from the
 * simulator's outbox per number against what the flow reported for it (an alert consumed as sent, or its copy on an
 * outcome queue naming each recipient's place):
 * dup (a number with two SMS), lost (no SMS, and not reported unsent, rejected or uncertain), misreported (an SMS,
 * but reported unsent or rejected), and uncertain (reported uncertain: may have the SMS; never resent).
 */
class AlertFaultMatrixTest {

    static AmpenetSimulator sim;

    @TempDir
    Path work;

    @BeforeAll
    static void startSimulator() {
        sim = AmpenetSimulator.builder().rateLimit(1_000_000).balance(-1).start();
    }

    @AfterAll
    static void stopSimulator() {
        sim.stop();
    }

    private record Injection(String name, Consumer<AmpenetSimulator> inject, boolean lasting) {
    }

    private static Injection once(String name, Fault fault) {
        return new Injection(name, s -> s.nextFault(fault, 1, "/sms/send"), false);
    }

    private static List<Injection> faults() {
        return List.of(
                once("drop before acting", Fault.DROP_BEFORE),
                once("drop after acting", Fault.DROP_AFTER),
                once("HTTP 500 before acting", Fault.HTTP_500),
                once("HTML 200 after acting", Fault.HTML_AFTER),
                once("error body after acting", Fault.ERROR_AFTER),
                once("truncated body after acting", Fault.TRUNCATED_AFTER),
                new Injection("throttle burst (5)", s -> s.nextFault(Fault.THROTTLE, 5, "/sms/send"), false),
                new Injection("latency past the timeout", s -> s.setFaults(new FaultSettings(1_500, 0, 0, 0, 0, "/sms/send", 0)), true));
    }

    private record Cell(int dup, int lost, int misreported, int uncertain, int alerts) {
        @Override
        public String toString() {
            return dup + "/" + lost + "/" + misreported + "/" + uncertain;
        }
    }

    @Test
    void noFaultDuplicatesLosesOrMisreportsARecipient() throws Exception {
        Map<String, Cell> table = new LinkedHashMap<>();
        int run = 0;
        for (Injection fault : faults()) {
            table.put(fault.name(), burst(fault, work.resolve("run" + run++)));
        }

        StringBuilder printed = new StringBuilder(String.format(
                "%nFault matrix, the alerting flow (dup/lost/misreported/uncertain recipients), counted from the simulator:%n"));
        table.forEach((fault, cell) -> printed.append(String.format("%-28s| %s%n", fault, cell)));
        System.out.println(printed);

        table.forEach((fault, cell) -> {
            assertThat(cell.alerts()).as(fault + ": every alert settled").isEqualTo(11);
            assertThat(cell.dup()).as(fault + ": duplicates").isZero();
            assertThat(cell.lost()).as(fault + ": lost").isZero();
            assertThat(cell.misreported()).as(fault + ": sent but reported not sent").isZero();
        });
    }

    private static String alert(String id, List<String> to, String text) {
        return "{\"id\":\"" + id + "\",\"to\":[" + to.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(","))
                + "],\"text\":\"" + text + "\"}";
    }

    private Cell burst(Injection fault, Path dir) throws Exception {
        sim.reset();
        Files.createDirectories(dir);
        Map<String, List<String>> alerts = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            alerts.put("one-" + i, List.of(String.format("255714%06d", i)));
        }
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            many.add(String.format("255715%06d", i));
        }
        alerts.put("many", many);

        try (AlertingHarness h = new AlertingHarness(sim, dir, Map.of("phonebook.alerts.max-delivery-attempts", "10"),
                context -> context.getComponent("ampenet", AmpenetComponent.class).getConfiguration().setRequestTimeout(400))) {
            fault.inject().accept(sim);
            List<String> bodies = new ArrayList<>();
            alerts.forEach((id, to) -> bodies.add(alert(id, to, "Alert " + id)));
            h.publish(bodies);
            if (fault.lasting()) {
                // the calls under way meet the latency; lift it once one has been caught by it
                AlertingHarness.await(() -> h.stats().count(AlertOutcome.UNCERTAIN) > 0 || h.stats().settled() >= 11,
                        Duration.ofSeconds(60), () -> "no alert met the latency: " + h.stats());
                sim.setFaults(FaultSettings.NONE);
            }
            h.awaitSettled(11, Duration.ofSeconds(120));
            // the latency's requests act on the server after the client gave up: let them land before counting
            AlertingHarness.await(() -> sim.journal(0, Integer.MAX_VALUE).size() >= h.sendCalls(), Duration.ofSeconds(30),
                    () -> "journal behind");
            return count(h, alerts);
        }
    }

    private static Cell count(AlertingHarness h, Map<String, List<String>> alerts) throws Exception {
        Set<String> reportedNotSent = new HashSet<>();
        Set<String> reportedUncertain = new HashSet<>();
        Set<String> withCopy = new HashSet<>();
        for (String queue : List.of("sms.alerts.failed", "sms.alerts.uncertain", "sms.alerts.invalid")) {
            for (AlertQueues.QueuedMessage copy : h.queue(queue)) {
                withCopy.add(copy.property(AlertHeaders.ID));
                reportedNotSent.addAll(numbers(copy.property(AlertHeaders.UNSENT)));
                reportedUncertain.addAll(numbers(copy.property(AlertHeaders.UNCERTAIN)));
                String rejected = copy.property(AlertHeaders.REJECTED);
                if (rejected != null) {
                    for (String part : rejected.split("; ")) {
                        reportedNotSent.add(part.contains(":") ? part.substring(0, part.indexOf(':')).trim() : part.trim());
                    }
                }
            }
        }
        Map<String, Long> copies = new HashMap<>();
        for (OutboxMessage m : sim.outbox()) {
            copies.merge(m.to(), 1L, Long::sum);
        }
        int dup = 0;
        int lost = 0;
        int misreported = 0;
        for (Map.Entry<String, List<String>> alert : alerts.entrySet()) {
            for (String number : alert.getValue()) {
                long n = copies.getOrDefault(number, 0L);
                dup += n > 1 ? 1 : 0;
                boolean accountedWithoutSms = reportedNotSent.contains(number) || reportedUncertain.contains(number);
                lost += n == 0 && !accountedWithoutSms ? 1 : 0;
                misreported += n > 0 && reportedNotSent.contains(number) ? 1 : 0;
            }
        }
        long settled = h.stats().settled() + h.stats().alreadySentCount();
        return new Cell(dup, lost, misreported, reportedUncertain.size(), (int) Math.min(settled, alerts.size()));
    }

    private static List<String> numbers(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : commaSeparated.split(",")) {
            String p = part.trim();
            out.add(p.contains(":") ? p.substring(0, p.indexOf(':')) : p);
        }
        return out;
    }
}
