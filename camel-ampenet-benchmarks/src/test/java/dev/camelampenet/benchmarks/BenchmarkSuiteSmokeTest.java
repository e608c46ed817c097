package dev.camelampenet.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the benchmark suite working in the default build: every part at toy sizes (a few seconds each, figures
 * meaningless), checked for having run and reported, never for how fast anything was.
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
                "6. Simulator capacity");
        // the parts' own checks: every CSV row accounted for, every bulk recipient accepted, no paced send lost
        assertThat(row(rows, "4. Import at scale: streaming").met()).isEqualTo("yes");
        assertThat(row(rows, "4. Import at scale: naive route").figure()).startsWith("completed");
        assertThat(rows).filteredOn(r -> r.benchmark().startsWith("2. Bulk: 1 exchange"))
                .allMatch(r -> r.figure().contains("1,000 accepted"));
        assertThat(row(rows, "3. Pacing").figure()).contains(" 0 failed exchanges");
        assertThat(row(rows, "3. Pacing: without it").figure()).doesNotStartWith("0 failed"); // what pacing prevents
        assertThat(rows).filteredOn(r -> r.benchmark().startsWith("5.")).extracting(BenchmarkSuite.Row::configuration)
                .contains("sendCall", "contactCall", "listPageCall");
        assertThat(report.markdown()).contains("| benchmark | configuration | figure | baseline | ratio | target | met? |");
        assertThat(out.resolve("results").resolve("results.md")).exists();
        assertThat(Files.readString(out.resolve("results").resolve("results.json"))).contains("\"rows\"");
    }

    private static BenchmarkSuite.Row row(List<BenchmarkSuite.Row> rows, String benchmark) {
        return rows.stream().filter(r -> r.benchmark().equals(benchmark)).findFirst().orElseThrow();
    }
}
