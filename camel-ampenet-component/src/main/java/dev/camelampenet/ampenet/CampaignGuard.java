package dev.camelampenet.ampenet;

import java.util.List;

import dev.camelampenet.ampenet.error.AmpenetUnknownOutcomeException;
import dev.camelampenet.ampenet.sms.SmsRequest;
import org.apache.camel.Exchange;

/**
 * A campaign is one call that messages a whole group, so a redelivery after an unknown outcome would message the
 * group again. The exchange remembers (in a property, which survives Camel's redelivery) the campaign whose outcome
 * it could not learn, and a redelivery of the same campaign fails with the same unknown outcome instead of sending.
 */
final class CampaignGuard {

    static final String PROPERTY = "CamelAmpenetUncertainCampaign";

    private CampaignGuard() {
    }

    /** Throws when an earlier attempt of this exchange sent the same campaign without learning its outcome. */
    static void checkNotUncertain(Exchange exchange, boolean redelivery, String endpointKey, SmsRequest request, List<String> groups) {
        String earlier = exchange.getProperty(PROPERTY, String.class);
        if (redelivery && RequestFingerprint.of(endpointKey, request, groups).equals(earlier)) {
            throw new AmpenetUnknownOutcomeException("sms/campaign", 0, "an earlier attempt of this exchange sent this campaign"
                    + " and got no usable answer: it may exist, so it is not sent again (check with campaigns/get or sms/list)", null);
        }
    }

    static void uncertain(Exchange exchange, String endpointKey, SmsRequest request, List<String> groups) {
        exchange.setProperty(PROPERTY, RequestFingerprint.of(endpointKey, request, groups));
    }
}
