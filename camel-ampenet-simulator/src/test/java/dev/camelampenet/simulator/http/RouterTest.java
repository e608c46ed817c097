package dev.camelampenet.simulator.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Route matching as Laravel's RouteCollection does it (docs/ampenet-api.md §4.2 and §5, wrong method vs unknown
 * path).
 */
class RouterTest {

    private final Router<String> router = new Router<String>()
            .add("PUT,PATCH", "contacts/{group_id}", "update")
            .add("DELETE", "contacts/{group_id}", "delete")
            .add("POST", "sms/campaign", "campaign")
            .add("POST", "sms/send", "send")
            .add("GET", "sms/{sms_uid}", "view");

    @Test
    void firstRegisteredRouteOfTheMethodWins() {
        Router.Match<String> m = router.match("GET", "sms/campaign");

        assertThat(m.found()).isTrue();
        assertThat(m.route.handler).isEqualTo("view");
        assertThat(m.params).containsEntry("sms_uid", "campaign");
    }

    @Test
    void getRoutesAnswerHead() {
        assertThat(router.match("HEAD", "sms/abc").route.handler).isEqualTo("view");
    }

    @Test
    void alternativeMethodsComeInLaravelVerbOrderNotRegistrationOrder() {
        Router.Match<String> m = router.match("PUT", "sms/campaign");

        assertThat(m.methodNotAllowed()).isTrue();
        assertThat(m.allowedMethods).containsExactly("GET", "HEAD", "POST");
        assertThat(router.match("GET", "contacts/abc").allowedMethods).containsExactly("PUT", "PATCH", "DELETE");
    }

    @Test
    void unknownPathIsNeitherFoundNorWrongMethod() {
        Router.Match<String> m = router.match("GET", "campaign/abc/view");

        assertThat(m.found()).isFalse();
        assertThat(m.methodNotAllowed()).isFalse();
    }
}
