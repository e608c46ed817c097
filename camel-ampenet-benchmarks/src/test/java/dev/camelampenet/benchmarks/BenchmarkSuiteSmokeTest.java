package dev.camelampenet.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the benchmark suite working in the default build: every part at toy sizes (a few seconds each, figures
 * meaningless; the import and instances parts start application JVMs, which is most of their time), checked for
 * having run and accounted for its work, from the simulator's and the broker's side, never for how fast anything was.
 */
class BenchmarkSuiteSmokeTest {

    @Test
    void everyPartRunsAndReportsItsRows() throws Exception {
        Path out = Path.of("target", "suite-smoke").toAbsolutePath();
        BenchmarkSuite.Settings settings = BenchmarkSuite.Settings.parse(new String[] {"--quick=true",
                "--work=" + out.resolve("work"), "--results=" + out.resolve("results")});

        BenchmarkSuite.Report report = BenchmarkSuite.run(settings);

        List<BenchmarkSuite.Row> rows = report.rows();
        assertThat(rows).as(report.markdown()).noneMatch(r -> r.met().equals("FAILED"));
        assertThat(rows).extracting(BenchmarkSuite.Row::benchmark).contains("1. Overhead vs raw client",
                "1. Overhead vs camel-http route", "2. Bulk: 1 exchange, 1,000 recipients", "3. Pacing", "3. Pacing: without it",
                "4. Import at scale: streaming", "4. Import at scale: naive route", "5. Per-exchange cost (JMH)",
                "6. Simulator capacity", "2. Bulk: connector vs raw client", "4. Import cost: CPU per row",
                "7. Several instances: alerting");
        // the parts' own checks: every CSV row accounted for, every bulk recipient accepted, no paced send lost
        // (its "met?" also says whether the peak RSS stayed under its target: a figure, not checked here)
        assertThat(row(rows, "4. Import at scale: streaming").figure()).contains("every row accounted for");
        assertThat(row(rows, "4. Import at scale: naive route").figure()).startsWith("completed");
        assertThat(rows).filteredOn(r -> r.benchmark().startsWith("2. Bulk: 1 exchange"))
                .allMatch(r -> r.figure().contains("1,000 accepted"));
        assertThat(row(rows, "3. Pacing").figure()).contains(" 0 failed exchanges");
        assertThat(row(rows, "3. Pacing: without it").figure()).doesNotStartWith("0 failed"); // what pacing prevents
        assertThat(rows).filteredOn(r -> r.benchmark().startsWith("5.")).extracting(BenchmarkSuite.Row::configuration)
                .contains("sendCall", "contactCall", "listPageCall");
        // the connector against the raw client on one big exchange: both made every call, every recipient accepted
        assertThat(row(rows, "2. Bulk: connector vs raw client").ratio()).matches("\\d+\\.\\d\\d");
        // the import's cost: both phonebook runs accounted for every row (report and group checked against the file);
        // the hand-written baseline got an answer for every row, and the simulator's group holds what it says it stored
        assertThat(rows).filteredOn(r -> r.benchmark().equals("4. Import cost: CPU per row")).hasSize(3)
                .filteredOn(r -> r.configuration().startsWith("phonebook import"))
                .hasSize(2).allMatch(r -> r.figure().contains("every row accounted for") && r.figure().contains(" µs/row"));
        JsonNode baseline = report.json().path("importCost").path("baseline");
        assertThat(baseline.path("stored").asLong() + baseline.path("failed").asLong()).isEqualTo(settings.rows());
        assertThat(baseline.path("groupSize").asLong()).isEqualTo(baseline.path("stored").asLong()).isPositive();
        // several instances: every configuration, every alert once in the simulator's outbox, nothing failed
        JsonNode instances = report.json().path("instances");
        assertThat(instances).extracting(n -> n.path("configuration").asText())
                .containsExactly("1 instance, 1 token", "3 instances, 1 token", "3 instances, 3 tokens");
        assertThat(instances).allSatisfy(n -> {
            assertThat(n.path("sms").asInt()).as(n.toString()).isEqualTo(n.path("alerts").asInt()).isEqualTo(settings.instancesAlerts());
            assertThat(n.path("numbers").asInt()).as(n.toString()).isEqualTo(settings.instancesAlerts());
            assertThat(n.path("duplicates").asInt()).as(n.toString()).isZero();
            assertThat(n.path("failedAlerts").asInt()).as(n.toString()).isZero();
        });
        assertThat(report.markdown()).contains("| benchmark | configuration | figure | baseline | ratio | target | met? |");
        assertThat(out.resolve("results").resolve("results.md")).exists();
        assertThat(Files.readString(out.resolve("results").resolve("results.json"))).contains("\"rows\"");
    }

    private static BenchmarkSuite.Row row(List<BenchmarkSuite.Row> rows, String benchmark) {
        return rows.stream().filter(r -> r.benchmark().equals(benchmark)).findFirst().orElseThrow();
    }
}
