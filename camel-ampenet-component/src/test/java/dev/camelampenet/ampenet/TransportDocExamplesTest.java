package dev.camelampenet.ampenet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proxy, TLS and observability examples of ampenet-component.adoc are the code ProxyTest, TlsTrustTest and
 * ObservabilityDocExamplesTest run: each tagged
 * block of those tests must appear in the adoc as it is (less its indentation), so the docs cannot drift from what is
 * tested.
 */
class TransportDocExamplesTest {

    private static final Path ADOC = Path.of("src/main/docs/ampenet-component.adoc");
    private static final Path TESTS = Path.of("src/test/java/dev/camelampenet/ampenet");

    @ParameterizedTest(name = "{1} of {0}")
    @CsvSource({ "ProxyTest.java, proxy", "TlsTrustTest.java, tls", "TlsTrustTest.java, tls-route",
            "ObservabilityDocExamplesTest.java, meters-registry", "ObservabilityDocExamplesTest.java, meters-read",
            "ObservabilityDocExamplesTest.java, console" })
    void theAdocShowsTheTestedCode(String test, String tag) throws Exception {
        String source = Files.readString(TESTS.resolve(test));
        Matcher block = Pattern.compile("// tag::" + Pattern.quote(tag) + "\\[\\]\\n(.*?)\\n\\s*// end::" + Pattern.quote(tag)
                + "\\[\\]", Pattern.DOTALL).matcher(source);
        assertThat(block.find()).as(test + " has the block " + tag).isTrue();
        String snippet = dedent(block.group(1));

        assertThat(Files.readString(ADOC)).contains("[source,java]\n----\n" + snippet + "\n----\n");
    }

    private static String dedent(String text) {
        List<String> lines = text.lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return String.join("\n", lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
    }
}
