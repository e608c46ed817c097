package dev.camelampenet.phonebook.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger contract on the file ledger of one instance (the embedded default), and its unchanged file format. */
class AlertLedgerFileTest extends AlertLedgerContract {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("send.ledger");
    }

    @Override
    protected SendLedger create() throws Exception {
        return SendLedger.open(file());
    }

    @Override
    protected SendLedger reopen() throws Exception {
        return SendLedger.open(file());
    }

    @Override
    protected SendLedger secondWriter() {
        return ledger; // one process writes the file
    }

    /** The lines are those of the format docs/alerting.md describes; a claim of nobody writes no line. */
    @Test
    void theFileKeepsItsFormat() throws Exception {
        ledger.sendingRecipients("b-1", Map.of("a-1", List.of("255712000001")));
        ledger.sendingRecipients("b-2", Map.of("a-1", List.of("255712000001")));
        ledger.called("b-1", Map.of("a-1", new SendLedger.CallRecord(Map.of("255712000001", "6b02a82f1df6f"), Map.of(), List.of(), null)));
        ledger.results(Map.of("a-1", new AlertResult(AlertOutcome.SENT, null, List.of("6b02a82f1df6f"), List.of(),
                List.of("255712000001:6b02a82f1df6f"), List.of(), List.of())));

        List<String> lines = Files.readAllLines(file());
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("S\tb-1\t\\d+\ta-1=255712000001");
        assertThat(lines.get(1)).matches("A\ta-1\tb-1\t\\d+\t255712000001:6b02a82f1df6f\t-\t-\t-");
        assertThat(lines.get(2)).matches("R\ta-1\tSENT\t\\d+\t6b02a82f1df6f\t-\t-\t255712000001%3A6b02a82f1df6f\t-\t-");
    }
}
