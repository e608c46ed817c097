package dev.camelampenet.ampenet;

import java.util.function.Consumer;

import dev.camelampenet.ampenet.error.AmpenetException;
import dev.camelampenet.ampenet.model.ContactGroup;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;

/**
 * The set-up of the tests of a multi-call operation cut between its calls: {@code direct:<route>} calls the operation
 * under an error handler that redelivers once, {@code direct:<route>Once} calls it with none, so a test sees both the
 * failure as reported and the redelivery that follows.
 */
abstract class OneRedeliveryRouteSupport extends CamelTestSupport {

    /** What the route's error handler does before its redelivery: sees the failure and the simulator at that moment. */
    protected volatile Consumer<Exchange> beforeRedelivery = e -> { };

    /** The endpoint URI of an operation, on the test's simulator and token. */
    protected abstract String endpointUri(String operation);

    /** The operation under test, e.g. {@code contacts/move}. */
    private final String operation;
    /** The name of its two routes, e.g. {@code move}. */
    private final String route;

    protected OneRedeliveryRouteSupport(String operation, String route) {
        this.operation = operation;
        this.route = route;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                onException(AmpenetException.class).maximumRedeliveries(1).redeliveryDelay(0)
                        .onRedelivery(e -> beforeRedelivery.accept(e));
                from("direct:" + route).to(endpointUri(operation));
                from("direct:" + route + "Once").errorHandler(noErrorHandler()).to(endpointUri(operation));
            }
        };
    }

    protected String group(String name) {
        return template.requestBody(endpointUri("groups/create"), name, ContactGroup.class).uid();
    }
}
