package dev.camelampenet.ampenet.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelampenet.ampenet.api.AmpenetOperation;
import dev.camelampenet.ampenet.error.AmpenetUnknownOutcomeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection reuse on the default transport, against a raw HTTP/1.1 server that keeps connections open and then
 * closes them the way servers do: counted from the server's side (requests and connections it saw).
 * <ul>
 * <li>closed while idle: the pool checks a connection idle for over a second before reusing it, so the next POST
 * goes out once, on a new connection, and succeeds;</li>
 * <li>closed as the POST arrives (the race no check can close): the POST reached the server, so it is an unknown
 * outcome, and neither HttpClient nor the component sends it again.</li>
 * </ul>
 */
class StaleConnectionTest {

    private static final String OK = "{\"status\":\"success\",\"message\":\"ok\",\"data\":{\"uid\":\"g1\",\"name\":\"x\"}}";

    private KeepAliveServer server;
    private ApacheHttpTransport transport;

    @AfterEach
    void close() throws IOException {
        if (transport != null) {
            transport.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private AmpenetClient client() {
        transport = new ApacheHttpTransport(new TransportSettings(10_000, 10, null, -1, null, null, null));
        return new AmpenetClient(transport, new ObjectMapper(), "http://127.0.0.1:" + server.port() + "/api/v3", "7|stale-token",
                new RequestPacer(1_000_000), Duration.ofSeconds(30), 3, 5);
    }

    private static CallOutcome create(AmpenetClient client) {
        return client.outcome(AmpenetOperation.GROUPS_CREATE, Map.of(), new ObjectMapper().createObjectNode().put("name", "x"), null)
                .join();
    }

    @Test
    void aConnectionTheServerClosedWhileIdleIsNotUsedForTheNextPost() throws Exception {
        server = new KeepAliveServer(false);
        AmpenetClient client = client();

        assertThat(create(client).isAnswered()).isTrue();
        server.awaitIdleClose();
        Thread.sleep(1_500); // idle past the pool's one-second check (a lower bound only)

        CallOutcome second = create(client);

        assertThat(second.isAnswered()).as(String.valueOf(second.error())).isTrue();
        assertThat(server.requests()).isEqualTo(2);
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void aPostOnAConnectionClosedAsItArrivesIsAnUnknownOutcomeAndIsNotRepeated() throws Exception {
        server = new KeepAliveServer(true);
        AmpenetClient client = client();

        assertThat(create(client).isAnswered()).isTrue();
        CallOutcome second = create(client); // at once: the connection looks fine to the pool

        assertThat(second.error()).isInstanceOf(AmpenetUnknownOutcomeException.class);
        assertThat(second.error().getApiMessage()).contains("the server may have acted");
        assertThat(server.requests()).as("the second POST reached the server once, and was not sent again").isEqualTo(2);
        assertThat(server.connections()).isEqualTo(1);
    }

    /**
     * Answers the first request of a connection with keep-alive; then either closes the connection while idle, or
     * reads the next request and closes without answering.
     */
    private static final class KeepAliveServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final boolean dropSecond;
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger connections = new AtomicInteger();
        private final AtomicInteger idleCloses = new AtomicInteger();

        KeepAliveServer(boolean dropSecond) throws IOException {
            this.dropSecond = dropSecond;
            Thread t = new Thread(this::accept, "keep-alive-server");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int requests() {
            return requests.get();
        }

        int connections() {
            return connections.get();
        }

        void awaitIdleClose() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (idleCloses.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(idleCloses.get()).isEqualTo(1);
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket c = socket.accept();
                    connections.incrementAndGet();
                    Thread t = new Thread(() -> serve(c), "keep-alive-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket c) {
            try (c) {
                InputStream in = c.getInputStream();
                OutputStream out = c.getOutputStream();
                readRequest(in);
                requests.incrementAndGet();
                byte[] body = OK.getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                if (dropSecond) {
                    if (readRequest(in)) {
                        requests.incrementAndGet(); // read it whole, then close without a word
                    }
                } else {
                    idleCloses.incrementAndGet(); // the server's keep-alive timeout, made short
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        /** Reads one request (head and Content-Length body); false at end of stream. */
        private static boolean readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                head.write(b);
                String h = head.toString(StandardCharsets.ISO_8859_1);
                if (h.endsWith("\r\n\r\n")) {
                    int length = 0;
                    for (String line : h.split("\r\n")) {
                        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                            length = Integer.parseInt(line.substring(15).trim());
                        }
                    }
                    in.readNBytes(length);
                    return true;
                }
            }
            return false;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
