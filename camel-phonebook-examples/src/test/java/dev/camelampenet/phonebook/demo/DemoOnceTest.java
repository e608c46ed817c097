package dev.camelampenet.phonebook.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.camelampenet.phonebook.alerting.ChildApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's run-once mode, as ./demo --once starts it: exit 0 and a summary that accounts for everything. */
class DemoOnceTest {

    @TempDir
    Path dir;

    @Test
    void runsTheSamplesOncePrintsTheSummaryAndExitsZero() throws Exception {
        ChildApp app = ChildApp.start(dir.resolve("demo.log"), List.of("--phonebook.demo.once=true",
                "--phonebook.demo.dir=" + dir.resolve("demo")));
        boolean ended = app.process().waitFor(Duration.ofSeconds(150).toMillis(), TimeUnit.MILLISECONDS);
        String out = app.output();
        assertThat(ended).as(out).isTrue();
        assertThat(app.process().exitValue()).as(out).isZero();
        assertThat(out)
                .contains("Ampenet simulator console: http://127.0.0.1:")
                .contains("CSV \"customers.csv\": 20 rows = 17 imported + 2 duplicate + 1 rejected")
                .contains("alerts: 20 = 17 sent + 0 uncertain + 1 failed + 2 invalid")
                .containsPattern("SMS calls: [67] sms/send \\+ 1 sms/campaign") // 6 unless a thread stalls past the window
                .contains("sms.alerts.failed: demo-16: ")
                .contains("sms.alerts.invalid: demo-17: no text")
                .contains("Every row and every alert is accounted for.");
    }
}
