package dev.camelampenet.simulator;

import dev.camelampenet.simulator.support.RawApi;
import dev.camelampenet.simulator.support.RawApi.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The runnable jar, started exactly as a user starts it: {@code java -jar camel-ampenet-simulator.jar ...}. Runs
 * after {@code package} (failsafe), which passes the jar's path as the system property {@code simulator.jar}.
 */
@Timeout(60)
class SimulatorCliIT {

    private static final Duration STARTUP = Duration.ofSeconds(20);
    private static final Duration EXIT = Duration.ofSeconds(15);

    private static Path jar;
    private final List<Running> started = new ArrayList<>();

    @BeforeAll
    static void findTheJar() {
        String path = System.getProperty("simulator.jar");
        assertThat(path).as("system property simulator.jar (set by the failsafe configuration)").isNotBlank();
        jar = Path.of(path);
        assertThat(jar).as("the runnable jar; run 'mvn verify' so that package builds it").isRegularFile();
    }

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Running r : started) {
            if (r.process.isAlive()) {
                r.process.destroyForcibly();
                r.process.waitFor(EXIT.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    /** Acceptance: "java -jar ... --port 0 --token T starts, prints its base URL, and answers GET /api/v3/balance with the token". */
    @Test
    void startsPrintsItsBaseUrlAndAnswersTheBalanceWithTheToken() throws Exception {
        Running sim = run("--port", "0", "--token", "T");

        String baseUrl = sim.awaitLine("Base URL: ").substring("Base URL: ".length()).trim();

        assertThat(baseUrl).matches("http://127\\.0\\.0\\.1:\\d+/api/v3");
        assertThat(sim.stdout()).anyMatch(l -> l.startsWith("Ampenet API simulator, profile v3.8, rate limit 1000/min"));
        assertThat(sim.stdout()).anyMatch(l -> l.startsWith("Control API: http://127.0.0.1:") && l.endsWith("/__simulator"));
        String console = sim.stdout().stream().filter(l -> l.startsWith("Console: ")).findFirst().orElseThrow()
                .substring("Console: ".length()).trim();
        assertThat(console).isEqualTo(baseUrl.replace("/api/v3", "/"));
        Reply page = new RawApi(console, null).get(console);
        assertThat(page.status).isEqualTo(200);
        assertThat(page.body).contains("Ampenet simulator console");
        Reply balance = new RawApi(baseUrl, "T").get("/balance");
        assertThat(balance.status).isEqualTo(200);
        assertThat(balance.outcome()).isEqualTo("success");
        assertThat(balance.data().path("remaining_balance").asText()).isEqualTo("$10,000");
        assertThat(new RawApi(baseUrl, "wrong").get("/balance").message()).isEqualTo("Unauthenticated.");

        sim.stop();

        assertThat(sim.process.isAlive()).isFalse();
        if (!isWindows()) { // destroy() is SIGTERM on POSIX: the shutdown hook runs, as on Ctrl-C
            assertThat(sim.stdout()).as("exit %d, stderr %s", sim.process.exitValue(), sim.stderr())
                    .contains("Ampenet simulator stopped.");
        }
    }

    @Test
    void theControlApiAnswersOnTheSamePort() throws Exception {
        Running sim = run("--port", "0", "--token", "T", "--rate-limit", "7", "--balance", "25");
        String controlUrl = sim.awaitLine("Control API: ").substring("Control API: ".length()).trim();
        String baseUrl = sim.awaitLine("Base URL: ").substring("Base URL: ".length()).trim();

        Reply describe = new RawApi(controlUrl, null).get("");

        assertThat(describe.json().path("rateLimitPerMinute").asInt()).isEqualTo(7);
        assertThat(describe.json().path("baseUrl").asText()).isEqualTo(baseUrl);
        assertThat(new RawApi(baseUrl, "T").get("/balance").data().path("remaining_balance").asText()).isEqualTo("$25");
        sim.stop();
    }

    @Test
    void theV31ProfileAnswersWithRemainingUnitAndTheDefaultTokenIsShown() throws Exception {
        Running sim = run("--port=0", "--profile", "v3.1");
        String baseUrl = sim.awaitLine("Base URL: ").substring("Base URL: ".length()).trim();

        assertThat(sim.stdout()).anyMatch(l -> l.startsWith("Ampenet API simulator, profile v3.1"));
        assertThat(sim.stdout()).anyMatch(l -> l.startsWith("Token: " + AmpenetSimulator.DEFAULT_TOKEN));
        Reply balance = new RawApi(baseUrl, AmpenetSimulator.DEFAULT_TOKEN).get("/balance");
        assertThat(balance.data().path("remaining_unit").asText()).isEqualTo("10,000");
        assertThat(balance.data().has("remaining_balance")).isFalse();
        sim.stop();
    }

    /** HTTPS from the jar: the banner's URLs are https, the PEM file trusts the server, default trust does not. */
    @Test
    void tlsServesHttpsWithTheCertificateWrittenToAFile(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("simulator.pem");
        Running sim = run("--port", "0", "--token", "T", "--tls", "--tls-cert-out", pem.toString(), "--host-kind", "nginx");
        String baseUrl = sim.awaitLine("Base URL: ").substring("Base URL: ".length()).trim();

        assertThat(baseUrl).matches("https://127\\.0\\.0\\.1:\\d+/api/v3");
        assertThat(sim.stdout()).anyMatch(l -> l.startsWith("TLS: self-signed certificate, SHA-256 fingerprint "));
        assertThat(sim.stdout()).anyMatch(l -> l.startsWith("Ampenet API simulator, profile v3.8, rate limit 1000/min, nginx host"));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trust.setCertificateEntry("simulator", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        HttpRequest balance = HttpRequest.newBuilder(URI.create(baseUrl + "/balance/"))
                .header("Authorization", "Bearer T").header("Accept", "application/json").build();

        HttpResponse<String> trusted = HttpClient.newBuilder().sslContext(context).build()
                .send(balance, HttpResponse.BodyHandlers.ofString());

        assertThat(trusted.statusCode()).as("nginx: the trailing slash is ignored").isEqualTo(200);
        assertThat(trusted.body()).contains("\"remaining_balance\":\"$10,000\"");
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(balance, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
        sim.stop();
    }

    @Test
    void helpPrintsTheUsageAndExitsZero() throws Exception {
        Running help = run("--help");

        assertThat(help.awaitExit()).isZero();
        assertThat(String.join("\n", help.stdout()))
                .contains("Usage: java -jar camel-ampenet-simulator.jar [options]")
                .contains("--port <n>").contains("--token <token>").contains("--profile <p>");
    }

    @Test
    void anUnknownOptionExitsTwoWithAClearMessage() throws Exception {
        Running bad = run("--port", "0", "--frobnicate");

        assertThat(bad.awaitExit()).isEqualTo(2);
        String stderr = String.join("\n", bad.stderr());
        assertThat(stderr).contains("Error: Unknown option '--frobnicate'").contains("Usage:");
        assertThat(bad.stdout()).noneMatch(l -> l.startsWith("Base URL: "));
    }

    @Test
    void badOptionValuesExitTwoWithAClearMessage() throws Exception {
        Running port = run("--port", "eighty");
        Running profile = run("--profile", "v9");
        Running bug = run("--bug", "no-such-bug");
        Running missing = run("--token");

        assertThat(port.awaitExit()).isEqualTo(2);
        assertThat(port.stderr()).contains("Error: --port needs a whole number, got 'eighty'");
        assertThat(profile.awaitExit()).isEqualTo(2);
        assertThat(String.join("\n", profile.stderr())).contains("Unknown profile 'v9'");
        assertThat(bug.awaitExit()).isEqualTo(2);
        assertThat(String.join("\n", bug.stderr())).contains("Unknown bug 'no-such-bug'").contains("unscoped-sms-list");
        assertThat(missing.awaitExit()).isEqualTo(2);
        assertThat(missing.stderr()).contains("Error: --token needs a value");
    }

    @Test
    void aPortInUseExitsOneWithAClearMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Running sim = run("--port", String.valueOf(taken.getLocalPort()));

            assertThat(sim.awaitExit()).isEqualTo(1);
            assertThat(String.join("\n", sim.stderr())).contains("Error: Cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    // ---- running the jar -----------------------------------------------------------------------------------

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    }

    private Running run(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java").toString());
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        Running running = new Running(new ProcessBuilder(command).start());
        started.add(running);
        return running;
    }

    /** A child process whose output is read line by line as it comes, so neither pipe can fill up and block it. */
    private static final class Running {
        private static final String EOF = "\u0000EOF";
        final Process process;
        private final BlockingQueue<String> fresh = new LinkedBlockingQueue<>();
        private final List<String> out = new ArrayList<>();
        private final List<String> err = new ArrayList<>();
        private final Thread outReader;
        private final Thread errReader;

        Running(Process process) {
            this.process = process;
            this.outReader = pump(process.getInputStream(), out, fresh);
            this.errReader = pump(process.getErrorStream(), err, null);
        }

        private static Thread pump(InputStream stream, List<String> into, BlockingQueue<String> notify) {
            Thread t = new Thread(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        synchronized (into) {
                            into.add(line);
                        }
                        if (notify != null) {
                            notify.add(line);
                        }
                    }
                } catch (IOException e) {
                    // the pipe was closed under us (a forced kill): what was read so far is all there is
                } finally {
                    if (notify != null) {
                        notify.add(EOF);
                    }
                }
            }, "simulator-cli-output");
            t.setDaemon(true);
            t.start();
            return t;
        }

        /** Waits (bounded) for the first stdout line starting with {@code prefix}. */
        String awaitLine(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + STARTUP.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left <= 0 ? null : fresh.poll(left, TimeUnit.NANOSECONDS);
                if (line == null || line.equals(EOF)) {
                    throw new AssertionError("No line starting with '" + prefix + "' within " + STARTUP.toSeconds()
                            + " s; stdout " + stdout() + ", stderr " + stderr());
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }

        int awaitExit() throws InterruptedException {
            assertThat(process.waitFor(EXIT.toSeconds(), TimeUnit.SECONDS)).as("the process ends").isTrue();
            drained();
            return process.exitValue();
        }

        /**
         * SIGTERM on POSIX (the shutdown hook runs), then a bounded wait for the end and the last output. Through the
         * ProcessHandle: Process.destroy() also closes our ends of the pipes, which loses what the hook prints.
         */
        void stop() throws InterruptedException {
            process.toHandle().destroy();
            if (!process.waitFor(EXIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("The simulator did not stop within " + EXIT.toSeconds() + " s of SIGTERM");
            }
            drained();
        }

        private void drained() throws InterruptedException {
            outReader.join(EXIT.toMillis());
            errReader.join(EXIT.toMillis());
        }

        List<String> stdout() {
            synchronized (out) {
                return new ArrayList<>(out);
            }
        }

        List<String> stderr() {
            synchronized (err) {
                return new ArrayList<>(err);
            }
        }
    }

    @Test
    void theJarIsSelfContained() throws IOException {
        // the shaded jar carries Jackson and libphonenumber, and leaves JUnit out
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(SimulatorMain.class.getName());
            assertThat(file.getEntry("com/fasterxml/jackson/databind/ObjectMapper.class")).isNotNull();
            assertThat(file.getEntry("com/google/i18n/phonenumbers/PhoneNumberUtil.class")).isNotNull();
            assertThat(file.getEntry("org/junit/jupiter/api/Test.class")).isNull();
        }
        assertThat(Files.size(jar)).isPositive();
    }
}
