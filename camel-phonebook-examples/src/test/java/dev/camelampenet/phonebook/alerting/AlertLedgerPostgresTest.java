package dev.camelampenet.phonebook.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.camelampenet.phonebook.store.FlowDatabase;
import dev.camelampenet.phonebook.store.PostgresServer;
import dev.camelampenet.phonebook.store.StoreSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ledger contract on PostgreSQL (one database per test, two instances with their own pools), and its rows. */
class AlertLedgerPostgresTest extends AlertLedgerContract {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private final List<FlowDatabase> stores = new ArrayList<>();
    private StoreSettings settings;

    private FlowDatabase store() {
        FlowDatabase db = FlowDatabase.open(settings, 4, Duration.ofSeconds(10));
        stores.add(db);
        return db;
    }

    @Override
    protected SendLedger create() throws Exception {
        settings = POSTGRES.newDatabase("ledger");
        return new PostgresSendLedger(store(), "instance-a");
    }

    @Override
    protected SendLedger reopen() {
        return new PostgresSendLedger(store(), "instance-b");
    }

    @Override
    protected SendLedger secondWriter() {
        return new PostgresSendLedger(store(), "instance-b");
    }

    @AfterEach
    void closeStores() {
        stores.forEach(FlowDatabase::close);
    }

    /** The rows an operator reads: who claimed a number in which call, and the alert's state. */
    @Test
    void theRowsSayWhichInstanceHoldsWhat() throws Exception {
        ledger.sendingRecipients("b-1", Map.of("a-1", List.of("255712000001", "255712000002")));
        ledger.called("b-1", Map.of("a-1", new SendLedger.CallRecord(Map.of("255712000001", "u1"), Map.of(), List.of(), null)));

        try (Connection c = stores.get(0).connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT number, state, batch_id, instance, message_uid FROM alert_recipient"
                     + " WHERE alert_id = 'a-1' ORDER BY number")) {
            assertThat(rs.next()).isTrue();
            assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                    .containsExactly("255712000001", "sent", "b-1", "instance-a", "u1");
            assertThat(rs.next()).isTrue();
            assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                    .as("not named by its call: open again").containsExactly("255712000002", "retry", "b-1");
        }
        try (Connection c = stores.get(0).connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT state FROM alert_send WHERE alert_id = 'a-1'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("open");
        }
    }

    /** A live call's answer arriving after another delivery marked its numbers uncertain is the truth. */
    @Test
    void theCallsOwnRecordReplacesAnotherDeliverysUncertainMark() throws Exception {
        ledger.sendingRecipients("b-1", Map.of("a-1", List.of("255712000001")));
        try (SendLedger other = reopen()) {
            other.called("b-1", Map.of("a-1", SendLedger.CallRecord.uncertain(List.of("255712000001"), "taken for dead")));
        }
        ledger.called("b-1", Map.of("a-1", new SendLedger.CallRecord(Map.of("255712000001", "u1"), Map.of(), List.of(), null)));
        assertThat(ledger.lookup("a-1").recipient("255712000001"))
                .isEqualTo(new SendLedger.Recipient(SendLedger.Standing.SENT, "u1"));
        // but another call's record never touches a number it did not claim
        ledger.called("b-9", Map.of("a-1", SendLedger.CallRecord.uncertain(List.of("255712000001"), "not mine")));
        assertThat(ledger.lookup("a-1").recipient("255712000001").standing()).isEqualTo(SendLedger.Standing.SENT);
    }
}
