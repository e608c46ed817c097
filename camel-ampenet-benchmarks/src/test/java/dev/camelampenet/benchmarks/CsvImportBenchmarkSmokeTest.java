package dev.camelampenet.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the harness working in the default build: the same run as the benchmark, with 2,000 rows. */
class CsvImportBenchmarkSmokeTest {

    @Test
    void smallRunPassesItsChecks() throws Exception {
        CsvImportBenchmark.Settings settings = new CsvImportBenchmark.Settings(2_000, 600_000, 600_000, 8, "256m",
                Path.of("target", "benchmark-smoke").toAbsolutePath(), Path.of("target", "benchmark-smoke.md").toAbsolutePath(),
                Duration.ofSeconds(120), List.of());

        CsvImportBenchmark.Result result = CsvImportBenchmark.run(settings);

        assertThat(result.passed()).as(CsvImportBenchmark.markdown(result)).isTrue();
        assertThat(result.reportRows()).isEqualTo(2_000);
        assertThat(result.groupSize()).isEqualTo(result.expectedContacts()).isEqualTo(1_960);
        assertThat(CsvImportBenchmark.markdown(result)).contains("rows/s").contains("-Xmx256m");
    }
}
