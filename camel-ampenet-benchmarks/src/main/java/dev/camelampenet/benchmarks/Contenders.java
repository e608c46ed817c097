package dev.camelampenet.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camelampenet.ampenet.AmpenetComponent;
import dev.camelampenet.ampenet.AmpenetConstants;
import dev.camelampenet.ampenet.client.JdkHttpTransport;
import dev.camelampenet.ampenet.model.SendResult;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;

/**
 * The three ways to send one SMS that the overhead benchmark compares, each a blocking call a caller thread makes:
 * the JDK HttpClient by hand, the {@code ampenet:sms/send} endpoint in a route, and the route a user would write with
 * camel-http. All three send the same JSON with the same headers and read the answer's {@code status}, because the
 * API reports errors with HTTP 200.
 */
final class Contenders {

    static final String TEXT = "Habari! Your order 4711 is ready for pickup.";
    static final String SENDER = "AMPENET";

    /** One contender: sends one single-recipient SMS and fails unless the API accepted it. */
    interface Contender {
        String name();

        void send(String recipient) throws Exception;
    }

    private Contenders() {
    }

    /** Valid Tanzanian mobile numbers in the API's form (country code, no +), distinct for n below six million. */
    static String number(long n) {
        return "2557" + (12 + (int) (n / 1_000_000 % 6)) + String.format(Locale.ROOT, "%06d", n % 1_000_000);
    }

    /** The JDK HttpClient as the component configures its own: HTTP/1.1, no redirects, 10 s connect timeout. */
    static HttpClient httpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * The JDK HttpClient as the component configures its own, with one difference: its internal steps run on its
     * selector thread (a direct executor), as the component's do, instead of on its default pool.
     */
    static HttpClient tunedHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).executor(Runnable::run).build();
    }

    /** A few lines with the JDK HttpClient and Jackson: what the component does, without Camel. */
    static final class Raw implements Contender {
        private final String name;
        private final HttpClient http;
        private final ObjectMapper json = new ObjectMapper();
        private final URI send;
        private final String authorization;

        /** The plain JDK HttpClient, as a user writes it. */
        Raw(String baseUrl, String token) {
            this("raw JDK HttpClient", httpClient(), baseUrl, token);
        }

        Raw(String name, HttpClient http, String baseUrl, String token) {
            this.name = name;
            this.http = http;
            this.send = URI.create(baseUrl + "/sms/send");
            this.authorization = "Bearer " + token;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void send(String recipient) throws Exception {
            ObjectNode body = json.createObjectNode().put("message", TEXT).put("type", "plain").put("sender_id", SENDER)
                    .put("recipient", recipient);
            HttpRequest request = HttpRequest.newBuilder(send).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json").header("Authorization", authorization)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode reply = json.readTree(response.body());
            if (!"success".equals(reply.path("status").asText())) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + reply.path("message").asText());
            }
        }
    }

    /**
     * The same few lines on Apache HttpClient 5's classic client, as camel-http and the component's default transport
     * use it: the call and the reading of the answer on the caller's thread.
     */
    static final class RawApache implements Contender, AutoCloseable {
        private final CloseableHttpClient http = HttpClients.custom().disableAutomaticRetries().disableRedirectHandling()
                .disableCookieManagement().setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(100).setMaxConnPerRoute(100).build()).build();
        private final ObjectMapper json = new ObjectMapper();
        private final URI send;
        private final String authorization;

        RawApache(String baseUrl, String token) {
            this.send = URI.create(baseUrl + "/sms/send");
            this.authorization = "Bearer " + token;
        }

        @Override
        public String name() {
            return "raw Apache HttpClient 5";
        }

        @Override
        public void send(String recipient) throws Exception {
            ObjectNode body = json.createObjectNode().put("message", TEXT).put("type", "plain").put("sender_id", SENDER)
                    .put("recipient", recipient);
            HttpPost post = new HttpPost(send);
            post.setHeader("Accept", "application/json");
            post.setHeader("Authorization", authorization);
            post.setEntity(new ByteArrayEntity(json.writeValueAsBytes(body), ContentType.APPLICATION_JSON));
            JsonNode reply = http.execute(post, response -> json.readTree(EntityUtils.toByteArray(response.getEntity())));
            if (!"success".equals(reply.path("status").asText())) {
                throw new IllegalStateException("API error: " + reply.path("message").asText());
            }
        }

        @Override
        public void close() {
            http.close(CloseMode.GRACEFUL);
        }
    }

    /** A CamelContext with the Camel contenders as routes from direct: endpoints. */
    static final class Routes implements AutoCloseable {
        final CamelContext context = new DefaultCamelContext();
        final ProducerTemplate template;

        /**
         * @param ampenetOptions options of the ampenet endpoint, e.g. {@code rateLimit=...}
         */
        Routes(String baseUrl, String token, String ampenetOptions) throws Exception {
            AmpenetComponent ampenet = new AmpenetComponent();
            ampenet.getConfiguration().setApiToken(token);
            ampenet.getConfiguration().setBaseUrl(baseUrl);
            context.addComponent("ampenet", ampenet);
            // the JDK transport, the component's default before Apache HttpClient 5, as a transport bean
            context.getRegistry().bind("jdkTransport", JdkHttpTransport.create(Duration.ofSeconds(10)));
            ObjectMapper json = new ObjectMapper();
            URI api = URI.create(baseUrl);
            String httpUri = "http://" + api.getHost() + ":" + api.getPort() + api.getPath() + "/sms/send";
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:ampenet").routeId("ampenet")
                            .to("ampenet:sms/send?senderId=" + SENDER + (ampenetOptions.isEmpty() ? "" : "&" + ampenetOptions));
                    from("direct:ampenet-jdk").routeId("ampenet-jdk")
                            .to("ampenet:sms/send?transport=#jdkTransport&senderId=" + SENDER
                                    + (ampenetOptions.isEmpty() ? "" : "&" + ampenetOptions));

                    // what a user writes without the connector: the JSON body, the three headers, the check of "status"
                    from("direct:http").routeId("camel-http")
                            .process(e -> {
                                Map<String, Object> body = new LinkedHashMap<>();
                                body.put("message", e.getMessage().getBody(String.class));
                                body.put("type", "plain");
                                body.put("sender_id", SENDER);
                                body.put("recipient", e.getMessage().getHeader("to", String.class));
                                e.getMessage().setBody(json.writeValueAsBytes(body));
                            })
                            .removeHeaders("*")
                            .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                            .setHeader("Accept", constant("application/json"))
                            .setHeader("Authorization", constant("Bearer " + token))
                            .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                            .to(httpUri)
                            .process(e -> {
                                JsonNode reply = json.readTree(e.getMessage().getBody(byte[].class));
                                if (!"success".equals(reply.path("status").asText())) {
                                    throw new IllegalStateException("API error: " + reply.path("message").asText());
                                }
                            });
                }
            });
            context.start();
            template = context.createProducerTemplate();
        }

        /** The connector on its default transport (Apache HttpClient 5). */
        Contender component() {
            return component("direct:ampenet", "ampenet:sms/send");
        }

        /** The connector on the JDK HttpClient transport. */
        Contender componentOnJdk() {
            return component("direct:ampenet-jdk", "ampenet:sms/send, JDK transport");
        }

        private Contender component(String route, String name) {
            Endpoint direct = context.getEndpoint(route);
            return new Contender() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public void send(String recipient) {
                    Object result = template.requestBodyAndHeader(direct, TEXT, AmpenetConstants.RECIPIENTS, recipient);
                    if (!(result instanceof SendResult) || ((SendResult) result).accepted() != 1) {
                        throw new IllegalStateException("not sent: " + result);
                    }
                }
            };
        }

        Contender camelHttp() {
            Endpoint direct = context.getEndpoint("direct:http");
            return new Contender() {
                @Override
                public String name() {
                    return "camel-http route";
                }

                @Override
                public void send(String recipient) {
                    template.requestBodyAndHeader(direct, TEXT, "to", recipient);
                }
            };
        }

        @Override
        public void close() throws Exception {
            template.close();
            context.close();
        }
    }
}
