package dev.camelampenet.ampenet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.apache.camel.catalog.CamelCatalog;
import org.apache.camel.catalog.DefaultCamelCatalog;
import org.apache.camel.catalog.EndpointValidationResult;
import org.apache.camel.tooling.model.ComponentModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Camel tooling sees: the component found through its component.properties, added to Camel's own catalog from
 * the generated JSON, and URIs validated by the catalog as an IDE or Camel JBang would, before anything runs.
 */
class CatalogValidationTest {

    private static CamelCatalog catalog;

    @BeforeAll
    static void addTheComponentAsToolsDo() throws IOException {
        Properties list = new Properties();
        try (InputStream in = CatalogValidationTest.class.getResourceAsStream("/META-INF/services/org/apache/camel/component.properties")) {
            assertThat(in).as("component.properties, which tools read to list components").isNotNull();
            list.load(in);
        }
        assertThat(list.getProperty("components")).isEqualTo("ampenet");
        String json;
        try (InputStream in = CatalogValidationTest.class.getResourceAsStream("/META-INF/dev/camelampenet/ampenet/ampenet.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catalog = new DefaultCamelCatalog();
        catalog.addComponent("ampenet", AmpenetComponent.class.getName(), json);
    }

    @Test
    void aGoodUriValidates() {
        EndpointValidationResult result = catalog.validateEndpointProperties(
                "ampenet:sms/send?apiToken=7|x&senderId=AMPENET&maxSegments=12&smsType=unicode&groupName=Customers");
        assertThat(result.isSuccess()).as(result.summaryErrorMessage(false)).isTrue();
    }

    @Test
    void anUnknownOptionOrAWrongEnumIsFlaggedByTooling() {
        EndpointValidationResult misspelt = catalog.validateEndpointProperties("ampenet:sms/send?apiToken=7|x&senderID=AMPENET");
        assertThat(misspelt.isSuccess()).isFalse();
        assertThat(misspelt.getUnknown()).contains("senderID");

        EndpointValidationResult badType = catalog.validateEndpointProperties("ampenet:sms/send?apiToken=7|x&smsType=fax");
        assertThat(badType.isSuccess()).isFalse();
        assertThat(badType.getInvalidEnum()).containsKey("smsType");

        EndpointValidationResult notANumber = catalog.validateEndpointProperties("ampenet:sms/send?apiToken=7|x&maxSegments=ten");
        assertThat(notANumber.isSuccess()).isFalse();
    }

    @Test
    void contactsMoveAndItsTargetGroupAreKnownToTooling() {
        EndpointValidationResult move = catalog.validateEndpointProperties(
                "ampenet:contacts/move?apiToken=7|x&groupId=6b02a7f8e0c8e&targetGroupId=6b02a7f8e0c8f");
        assertThat(move.isSuccess()).as(move.summaryErrorMessage(false)).isTrue();
        EndpointValidationResult delete = catalog.validateEndpointProperties("ampenet:groups/delete?apiToken=7|x&targetGroupId=6b02a7f8e0c8f");
        assertThat(delete.isSuccess()).as(delete.summaryErrorMessage(false)).isTrue();
        assertThat(catalog.validateEndpointProperties("ampenet:contacts/moove?apiToken=7|x").isSuccess()).isFalse();

        ComponentModel model = catalog.componentModel("ampenet");
        assertThat(model.getEndpointHeaders()).filteredOn(h -> h.getName().equals(AmpenetConstants.TARGET_GROUP_ID))
                .singleElement().satisfies(h -> assertThat(h.getDescription()).contains("contacts/move").contains("groups/delete"));
        assertThat(model.getEndpointHeaders()).filteredOn(h -> h.getName().equals(AmpenetConstants.OPERATION))
                .singleElement().satisfies(h -> assertThat(h.getEnums()).contains("move", "store"));
    }

    @Test
    void anUnknownResourceOrOperationIsFlaggedByTooling() {
        assertThat(catalog.validateEndpointProperties("ampenet:letters/send?apiToken=7|x").isSuccess()).isFalse();
        assertThat(catalog.validateEndpointProperties("ampenet:sms/post?apiToken=7|x").isSuccess()).isFalse();
    }

    @Test
    void everyHeaderHasAJavaTypeAndTheClosedOnesTheirValues() {
        ComponentModel model = catalog.componentModel("ampenet");
        assertThat(model.getEndpointHeaders()).isNotEmpty().allSatisfy(h -> {
            assertThat(h.getJavaType()).as(h.getName()).isNotBlank().isNotEqualTo("java.lang.Object").isNotEqualTo("Object");
            assertThat(h.getDescription()).as(h.getName()).isNotBlank();
        });
        assertThat(model.getEndpointHeaders()).filteredOn(h -> h.getName().equals(AmpenetConstants.SMS_TYPE))
                .singleElement().satisfies(h -> assertThat(h.getEnums()).contains("plain", "unicode"));
        assertThat(model.getEndpointHeaders()).filteredOn(h -> h.getName().equals(AmpenetConstants.ENCODING))
                .singleElement().satisfies(h -> assertThat(h.getEnums()).containsExactly("GSM_7", "UCS_2"));
        assertThat(model.getEndpointHeaders()).filteredOn(h -> h.getName().equals(AmpenetConstants.EVENT))
                .singleElement().satisfies(h -> assertThat(h.getEnums()).containsExactly("NEW", "STATUS_CHANGED"));
    }
}
