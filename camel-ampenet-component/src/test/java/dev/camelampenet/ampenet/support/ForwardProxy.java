package dev.camelampenet.ampenet.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small forward HTTP proxy on 127.0.0.1 for the tests, so they can see calls pass through it: plain requests in
 * absolute form are forwarded (one per connection), CONNECT opens a tunnel (HTTPS). With credentials set it answers
 * 407 with a Basic challenge until a request brings the right Proxy-Authorization. It records what it forwarded.
 */
public final class ForwardProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String expectedAuthorization;
    /** "POST /api/v3/sms/send" for each request forwarded; "CONNECT 127.0.0.1:port" for each tunnel opened. */
    private final List<String> forwarded = new CopyOnWriteArrayList<>();
    private final AtomicInteger challenges = new AtomicInteger();

    private ForwardProxy(String username, String password) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.expectedAuthorization = username == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        Thread acceptor = new Thread(this::accept, "test-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static ForwardProxy open() throws IOException {
        return new ForwardProxy(null, null);
    }

    public static ForwardProxy withBasicAuth(String username, String password) throws IOException {
        return new ForwardProxy(username, password);
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<String> forwarded() {
        return List.copyOf(forwarded);
    }

    /** How many 407 answers it gave. */
    public int challenges() {
        return challenges.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> serve(client), "test-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            List<String> head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            String[] requestLine = head.get(0).split(" ");
            String proxyAuth = header(head, "Proxy-Authorization");
            int length = header(head, "Content-Length") == null ? 0 : Integer.parseInt(header(head, "Content-Length").trim());
            byte[] body = in.readNBytes(length);
            if (expectedAuthorization != null && !expectedAuthorization.equals(proxyAuth)) {
                challenges.incrementAndGet();
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return;
            }
            if ("CONNECT".equals(requestLine[0])) {
                tunnel(client, requestLine[1]);
            } else {
                forward(out, requestLine, head, body);
            }
        } catch (IOException e) {
            // the client or the server went away: nothing to do in a test proxy
        }
    }

    private void forward(OutputStream out, String[] requestLine, List<String> head, byte[] body) throws IOException {
        URI target = URI.create(requestLine[1]);
        try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
            forwarded.add(requestLine[0] + " " + target.getRawPath());
            StringBuilder request = new StringBuilder(requestLine[0] + " " + target.getRawPath()
                    + (target.getRawQuery() != null ? "?" + target.getRawQuery() : "") + " HTTP/1.1\r\n");
            for (String line : head.subList(1, head.size())) {
                String name = line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT);
                if (!name.startsWith("proxy-") && !name.equals("connection")) {
                    request.append(line).append("\r\n");
                }
            }
            request.append("Connection: close\r\n\r\n");
            OutputStream up = upstream.getOutputStream();
            up.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            up.write(body);
            up.flush();
            InputStream answer = upstream.getInputStream();
            // the answer's head with "Connection: close", as this proxy closes the client's connection after it
            StringBuilder answerHead = new StringBuilder();
            for (String line : readHead(answer)) {
                if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                    answerHead.append(line).append("\r\n");
                }
            }
            answerHead.append("Connection: close\r\n\r\n");
            out.write(answerHead.toString().getBytes(StandardCharsets.ISO_8859_1));
            answer.transferTo(out);
            out.flush();
        }
    }

    private void tunnel(Socket client, String authority) throws IOException {
        int colon = authority.lastIndexOf(':');
        try (Socket upstream = new Socket(authority.substring(0, colon), Integer.parseInt(authority.substring(colon + 1)))) {
            forwarded.add("CONNECT " + authority);
            client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            Thread back = new Thread(() -> pipe(upstream, client), "test-proxy-tunnel");
            back.setDaemon(true);
            back.start();
            pipe(client, upstream);
            try {
                back.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed
        }
    }

    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1).replace("\r", "");
                line.reset();
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
            } else {
                line.write(b);
            }
        }
        return lines;
    }

    private static String header(List<String> head, String name) {
        for (String line : head.subList(1, head.size())) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
