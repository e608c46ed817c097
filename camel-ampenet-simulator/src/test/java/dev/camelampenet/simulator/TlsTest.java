package dev.camelampenet.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HTTPS with a self-signed certificate the simulator makes at start: trusted explicitly it works, by default it fails. */
@Timeout(60)
class TlsTest {

    private static final String TOKEN = "8|tls-test-secret-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AmpenetSimulator sim;

    @BeforeAll
    static void start() {
        sim = AmpenetSimulator.builder().token(TOKEN).tls(true).start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + TOKEN).header("Accept", "application/json").GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A client that trusts the given store and nothing else (not the JDK's CAs). */
    private static HttpClient trusting(KeyStore store) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void theUrlsAreHttps() {
        assertThat(sim.isTls()).isTrue();
        assertThat(sim.baseUrl()).isEqualTo("https://127.0.0.1:" + sim.port() + "/api/v3");
        assertThat(sim.controlUrl()).startsWith("https://127.0.0.1:");
    }

    @Test
    void aClientTrustingOnlyTheSimulatorsCertificateGetsTheBalance() throws Exception {
        KeyStore onlyTheSimulator = KeyStore.getInstance("PKCS12");
        onlyTheSimulator.load(null, null);
        onlyTheSimulator.setCertificateEntry("simulator", sim.certificate());

        HttpResponse<String> reply = get(trusting(onlyTheSimulator), sim.baseUrl() + "/balance");

        assertThat(reply.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(reply.body());
        assertThat(body.path("status").asText()).isEqualTo("success");
        assertThat(body.path("data").path("remaining_balance").asText()).isEqualTo("$10,000");
        assertThat(reply.sslSession()).isPresent();
        assertThat(reply.sslSession().get().getPeerCertificates()[0]).isEqualTo(sim.certificate());
    }

    @Test
    void theJavaApiHandsOutATrustStoreAndAnSslContext() throws Exception {
        assertThat(get(trusting(sim.trustStore()), sim.baseUrl() + "/me").statusCode()).isEqualTo(200);

        HttpClient client = HttpClient.newBuilder().sslContext(sim.clientSslContext()).build();
        HttpResponse<String> list = get(client, sim.baseUrl() + "/sms");
        assertThat(JSON.readTree(list.body()).path("data").path("path").asText())
                .as("page URLs follow the scheme").isEqualTo(sim.baseUrl() + "/sms");
    }

    @Test
    void aClientWithTheDefaultTrustFailsTheHandshake() {
        HttpClient defaults = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int journaled = sim.journal().size();

        assertThatThrownBy(() -> get(defaults, sim.baseUrl() + "/balance")).isInstanceOf(SSLHandshakeException.class);
        assertThat(sim.journal()).as("nothing reached the API").hasSize(journaled);
    }

    @Test
    void theCertificateNamesTheLoopbackHostsAndIsValidNow() throws Exception {
        X509Certificate certificate = sim.certificate();

        certificate.checkValidity();
        certificate.verify(certificate.getPublicKey()); // self-signed
        List<String> names = certificate.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1)))
                .collect(Collectors.toList());
        assertThat(names).contains("localhost", "127.0.0.1");
        assertThat(certificate.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
        assertThat(certificate.getBasicConstraints()).as("not a CA").isEqualTo(-1);
    }

    @Test
    void theCertificateIsWrittenAsPemAndServedByTheControlApi(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("certs/simulator.pem");
        try (AmpenetSimulator other = AmpenetSimulator.builder().token(TOKEN).certificateOut(pem).start()) {
            assertThat(other.isTls()).as("certificateOut implies TLS").isTrue();
            String text = Files.readString(pem);
            assertThat(text).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
            Collection<java.security.cert.Certificate> read = new java.util.ArrayList<>(CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII))));
            assertThat(read).containsExactly(other.certificate());

            HttpClient client = HttpClient.newBuilder().sslContext(other.clientSslContext()).build();
            HttpResponse<String> served = client.send(HttpRequest.newBuilder(URI.create(other.controlUrl() + "/certificate")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(served.body()).isEqualTo(text);
            assertThat(other.certificate()).as("each simulator has its own").isNotEqualTo(sim.certificate());
        }
    }

    @Test
    void theCommandLineTurnsTlsOnAndTheBannerShowsHttps(@TempDir Path dir) {
        Path pem = dir.resolve("sim.pem");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        AmpenetSimulator fromCli = SimulatorMain.parse(new String[] {"--port", "0", "--tls", "--tls-cert-out", pem.toString()}, quiet);
        try {
            fromCli.start();
            ByteArrayOutputStream banner = new ByteArrayOutputStream();
            SimulatorMain.printBanner(fromCli, new PrintStream(banner, true, StandardCharsets.UTF_8));

            String text = banner.toString(StandardCharsets.UTF_8);
            assertThat(text).contains("Base URL: https://127.0.0.1:" + fromCli.port() + "/api/v3")
                    .contains("TLS: self-signed certificate, SHA-256 fingerprint ");
            assertThat(pem).isRegularFile();
        } finally {
            fromCli.close();
        }
        assertThat(SimulatorMain.parse(new String[] {"--port", "0"}, quiet).isTls()).isFalse();
    }

    @Test
    void aPlainSimulatorHasNoCertificate() {
        try (AmpenetSimulator plain = AmpenetSimulator.builder().token(TOKEN).build()) {
            assertThat(plain.isTls()).isFalse();
            assertThatThrownBy(plain::certificate).isInstanceOf(IllegalStateException.class).hasMessageContaining("tls(true)");
        }
    }
}
