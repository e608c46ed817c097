package dev.camelampenet.phonebook.springboot;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import dev.camelampenet.phonebook.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * How the example fails when its store cannot be opened: the start stops (no flow runs without its guards), the
 * reason names the URL, and the password, given both as {@code phonebook.store.password} and written into the URL,
 * is in neither the exception chain nor any line of the output.
 */
@ExtendWith(OutputCaptureExtension.class)
class StoreStartFailureTest {

    private static final String PASSWORD = "SbDownPwR2mJ8wLc";

    @TempDir
    Path dir;

    @Test
    void anUnreachableStoreStopsTheStartWithoutThePassword(CapturedOutput output) throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/phonebook";
        ConfigurableApplicationContext[] started = new ConfigurableApplicationContext[1];

        Throwable failure = catchThrowable(() -> started[0] = new SpringApplicationBuilder(PhonebookAlertsApplication.class)
                .run("--server.port=0",
                        "--phonebook.broker.port=-1",
                        "--phonebook.alerts.work-dir=" + dir.resolve("alerts"),
                        "--phonebook.store.url=" + url + "?password=" + PASSWORD + "&ssl=false",
                        "--phonebook.store.user=phonebook",
                        "--phonebook.store.password=" + PASSWORD,
                        "--logging.level.dev.camelampenet=DEBUG",
                        "--logging.level.com.zaxxer.hikari=DEBUG"));
        if (started[0] != null) {
            started[0].close();
        }

        assertThat(failure).as("the start fails").isNotNull();
        Throwable store = failure;
        while (store != null && !(store instanceof StoreException)) {
            store = store.getCause();
        }
        assertThat(store).as("a StoreException in the chain").isNotNull();
        assertThat(store.getMessage()).contains("Cannot open the flow store at " + url);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(PASSWORD);
        }
        assertThat(output.getAll()).contains("Cannot open the flow store at " + url);
        assertThat(output.getAll().lines().filter(l -> l.contains(PASSWORD)).count()).as("lines with the password")
                .isZero();
    }

    /** A port nothing listens on: taken, then given back. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
