package dev.camelampenet.phonebook.alerting;

import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelampenet.phonebook.store.FlowDatabase;

/**
 * The {@link SendLedger} of several active instances: the tables {@code alert_send} and {@code alert_recipient} of the
 * shared PostgreSQL store ({@link FlowDatabase}, migrations V1 and V2), written by every instance.
 * <p>
 * The claims are the guard: an {@code S} record is one transaction of {@code INSERT ... ON CONFLICT DO UPDATE ...
 * WHERE} statements on the unique keys ({@code alert_id}; {@code alert_id, number}), judged by their row counts. A
 * number is claimed only when it has no row or its row says its last call provably did not send it ({@code retry}),
 * and its alert is not settled. PostgreSQL makes a second claim of the same key wait for the first one's transaction
 * and then re-checks the condition on the row as committed, so two instances never both hold one recipient. Nothing
 * is read first and written after.
 * <p>
 * Every write that touches several rows takes them in one order (alert id, then number): two instances claiming
 * overlapping batches lock in the same order and cannot deadlock.
 * <p>
 * An {@code A} record settles a number only for the call that claimed it ({@code batch_id}), or one still
 * {@code sending} (how a later delivery marks a dead call's numbers uncertain): a late answer of a live call is the
 * truth and replaces that mark; nothing else is overwritten.
 */
public final class PostgresSendLedger implements SendLedger {

    private static final String CLAIM_ALERT = "INSERT INTO alert_send (alert_id, batch_id, state, instance) VALUES (?, ?, 'open', ?)"
            + " ON CONFLICT (alert_id) DO UPDATE SET state = 'open', batch_id = EXCLUDED.batch_id,"
            + " instance = EXCLUDED.instance, updated_at = now()"
            + " WHERE alert_send.state IN ('open', 'retry')";
    private static final String CLAIM_RECIPIENT = "INSERT INTO alert_recipient (alert_id, number, state, batch_id, instance)"
            + " VALUES (?, ?, 'sending', ?, ?)"
            + " ON CONFLICT (alert_id, number) DO UPDATE SET state = 'sending', batch_id = EXCLUDED.batch_id,"
            + " instance = EXCLUDED.instance, message_uid = NULL, reason = NULL, updated_at = now()"
            + " WHERE alert_recipient.state = 'retry'";
    private static final String CLAIM_WHOLE = "INSERT INTO alert_send (alert_id, batch_id, state, instance) VALUES (?, ?, 'sending', ?)"
            + " ON CONFLICT (alert_id) DO UPDATE SET state = 'sending', batch_id = EXCLUDED.batch_id,"
            + " instance = EXCLUDED.instance, result = NULL, updated_at = now()"
            + " WHERE alert_send.state = 'retry' OR (alert_send.state = 'open' AND NOT EXISTS"
            + " (SELECT 1 FROM alert_recipient r WHERE r.alert_id = alert_send.alert_id AND r.state = 'sending'))";
    /** An A record needs its alert's row; a whole-alert call that ended is no longer 'sending'. */
    private static final String CALLED_ALERT = "INSERT INTO alert_send (alert_id, batch_id, state, instance) VALUES (?, ?, 'open', ?)"
            + " ON CONFLICT (alert_id) DO UPDATE SET state = 'open', updated_at = now(), instance = EXCLUDED.instance"
            + " WHERE alert_send.state IN ('open', 'sending')";
    private static final String CALLED_RECIPIENT = "INSERT INTO alert_recipient (alert_id, number, state, message_uid, reason,"
            + " batch_id, instance) VALUES (?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (alert_id, number) DO UPDATE SET state = EXCLUDED.state, message_uid = EXCLUDED.message_uid,"
            + " reason = EXCLUDED.reason, instance = EXCLUDED.instance, updated_at = now()"
            + " WHERE alert_recipient.batch_id = EXCLUDED.batch_id OR alert_recipient.state = 'sending'";
    /** The call's numbers its A record does not name never went out: open for the next claim. */
    private static final String CALLED_UNNAMED = "UPDATE alert_recipient SET state = 'retry', instance = ?, updated_at = now()"
            + " WHERE alert_id = ? AND batch_id = ? AND state = 'sending' AND NOT (number = ANY (?))";
    private static final String RESULT = "INSERT INTO alert_send (alert_id, state, result, instance) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (alert_id) DO UPDATE SET state = EXCLUDED.state, result = EXCLUDED.result,"
            + " instance = EXCLUDED.instance, updated_at = now()";
    private static final String ALERT_COLUMNS = "SELECT alert_id, state, batch_id, result,"
            + " (extract(epoch FROM updated_at) * 1000)::bigint FROM alert_send";
    private static final String RECIPIENT_COLUMNS = "SELECT alert_id, number, state, batch_id, message_uid, reason"
            + " FROM alert_recipient";

    private final FlowDatabase store;
    private final String instance;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param store the shared store, opened (and closed) by the application: this ledger only borrows connections
     * @param instance this instance's name in the rows it writes (host, process, CamelContext), for an operator
     */
    public PostgresSendLedger(FlowDatabase store, String instance) {
        this.store = store;
        this.instance = instance;
    }

    @Override
    public Entry lookup(String alertId) {
        Map<String, Entry> found = read(" WHERE alert_id = ?", alertId);
        return found.get(alertId);
    }

    @Override
    public Map<String, List<String>> sendingRecipients(String batchId, Map<String, ? extends Collection<String>> numbersByAlert)
            throws IOException {
        Map<String, List<String>> claimed = new LinkedHashMap<>();
        // one order for every writer (alert id, then number): overlapping claims wait for each other, never deadlock
        Map<String, ? extends Collection<String>> ordered = new TreeMap<>(numbersByAlert);
        transaction(c -> {
            claimed.clear();
            try (PreparedStatement alert = c.prepareStatement(CLAIM_ALERT);
                 PreparedStatement recipient = c.prepareStatement(CLAIM_RECIPIENT)) {
                for (Map.Entry<String, ? extends Collection<String>> e : ordered.entrySet()) {
                    alert.setString(1, e.getKey());
                    alert.setString(2, batchId);
                    alert.setString(3, instance);
                    if (alert.executeUpdate() == 0) {
                        continue; // settled, or a whole-alert call of it is open: none of its numbers may go
                    }
                    List<String> mine = new ArrayList<>();
                    for (String number : new TreeSet<>(e.getValue())) {
                        recipient.setString(1, e.getKey());
                        recipient.setString(2, number);
                        recipient.setString(3, batchId);
                        recipient.setString(4, instance);
                        if (recipient.executeUpdate() == 1) {
                            mine.add(number);
                        }
                    }
                    if (!mine.isEmpty()) {
                        claimed.put(e.getKey(), inGivenOrder(e.getValue(), mine));
                    }
                }
            }
        });
        return claimed;
    }

    @Override
    public Set<String> sending(String batchId, Collection<String> alertIds) throws IOException {
        Set<String> claimed = new LinkedHashSet<>();
        transaction(c -> {
            claimed.clear();
            try (PreparedStatement whole = c.prepareStatement(CLAIM_WHOLE)) {
                for (String id : new TreeSet<>(alertIds)) {
                    whole.setString(1, id);
                    whole.setString(2, batchId);
                    whole.setString(3, instance);
                    if (whole.executeUpdate() == 1) {
                        claimed.add(id);
                    }
                }
            }
        });
        return claimed;
    }

    @Override
    public void called(String batchId, Map<String, CallRecord> records) throws IOException {
        Map<String, CallRecord> ordered = new TreeMap<>(records);
        transaction(c -> {
            try (PreparedStatement alert = c.prepareStatement(CALLED_ALERT);
                 PreparedStatement recipient = c.prepareStatement(CALLED_RECIPIENT);
                 PreparedStatement unnamed = c.prepareStatement(CALLED_UNNAMED)) {
                for (Map.Entry<String, CallRecord> e : ordered.entrySet()) {
                    String alertId = e.getKey();
                    CallRecord r = e.getValue();
                    alert.setString(1, alertId);
                    alert.setString(2, batchId);
                    alert.setString(3, instance);
                    alert.executeUpdate();
                    Map<String, String[]> rows = new TreeMap<>();
                    r.sent().forEach((n, uid) -> rows.put(n, new String[] {"sent", uid, null}));
                    r.rejected().forEach((n, reason) -> rows.put(n, new String[] {"failed", null, reason}));
                    r.uncertain().forEach(n -> rows.put(n, new String[] {"uncertain", null, r.uncertainReason()}));
                    for (Map.Entry<String, String[]> row : rows.entrySet()) {
                        recipient.setString(1, alertId);
                        recipient.setString(2, row.getKey());
                        recipient.setString(3, row.getValue()[0]);
                        recipient.setString(4, row.getValue()[1]);
                        recipient.setString(5, row.getValue()[2]);
                        recipient.setString(6, batchId);
                        recipient.setString(7, instance);
                        recipient.executeUpdate();
                    }
                    Array named = c.createArrayOf("text", rows.keySet().toArray());
                    unnamed.setString(1, instance);
                    unnamed.setString(2, alertId);
                    unnamed.setString(3, batchId);
                    unnamed.setArray(4, named);
                    unnamed.executeUpdate();
                }
            }
        });
    }

    @Override
    public void results(Map<String, AlertResult> results) throws IOException {
        Map<String, String> encoded = new TreeMap<>();
        for (Map.Entry<String, AlertResult> e : results.entrySet()) {
            try {
                encoded.put(e.getKey(), json.writeValueAsString(e.getValue()));
            } catch (JsonProcessingException ex) {
                throw new IOException("cannot write the result of alert " + e.getKey() + ": " + ex.getMessage(), ex);
            }
        }
        transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(RESULT)) {
                for (Map.Entry<String, String> e : encoded.entrySet()) {
                    s.setString(1, e.getKey());
                    s.setString(2, results.get(e.getKey()).outcome().label());
                    s.setString(3, e.getValue());
                    s.setString(4, instance);
                    s.executeUpdate();
                }
            }
        });
    }

    @Override
    public Map<AlertOutcome, Long> counts() {
        Map<AlertOutcome, Long> counts = new EnumMap<>(AlertOutcome.class);
        try (Connection c = store.connection();
             PreparedStatement s = c.prepareStatement("SELECT state, count(*) FROM alert_send"
                     + " WHERE state IN ('sent', 'failed', 'uncertain', 'invalid') GROUP BY state");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                counts.put(outcome(rs.getString(1)), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw failure("read the counts", e);
        }
        return counts;
    }

    @Override
    public Collection<Entry> entries() {
        return List.copyOf(read("", null).values());
    }

    @Override
    public String location() {
        return "the flow store at " + store.settings().url();
    }

    /** The store is the application's: it opened it and closes it with Camel, after this ledger's last write. */
    @Override
    public void close() {
        // nothing of its own to release
    }

    @Override
    public String toString() {
        return "PostgresSendLedger[" + location() + ", instance " + instance + "]";
    }

    // ---- reading

    /** The alerts (one, or all) with their recipients, read in one snapshot (REPEATABLE READ). */
    private Map<String, Entry> read(String where, String alertId) {
        try (Connection c = store.connection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                Map<String, Object[]> alerts = new LinkedHashMap<>();
                try (PreparedStatement s = c.prepareStatement(ALERT_COLUMNS + where)) {
                    if (alertId != null) {
                        s.setString(1, alertId);
                    }
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            alerts.put(rs.getString(1), new Object[] {rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)});
                        }
                    }
                }
                Map<String, Map<String, Recipient>> recipients = new HashMap<>();
                if (!alerts.isEmpty()) {
                    try (PreparedStatement s = c.prepareStatement(RECIPIENT_COLUMNS + where + " ORDER BY alert_id, number")) {
                        if (alertId != null) {
                            s.setString(1, alertId);
                        }
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                Recipient r = recipient(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));
                                if (r != null) {
                                    recipients.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), r);
                                }
                            }
                        }
                    }
                }
                c.commit();
                Map<String, Entry> entries = new LinkedHashMap<>();
                for (Map.Entry<String, Object[]> a : alerts.entrySet()) {
                    String state = (String) a.getValue()[0];
                    String result = (String) a.getValue()[2];
                    entries.put(a.getKey(), new Entry(a.getKey(), outcome(state), result == null ? null : decode(result),
                            (String) a.getValue()[1], (Long) a.getValue()[3], recipients.getOrDefault(a.getKey(), Map.of()),
                            "sending".equals(state)));
                }
                return entries;
            } finally {
                c.rollback(); // nothing to undo after the commit; leaves the pooled connection clean on a failure
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw failure("read the send ledger", e);
        }
    }

    private static Recipient recipient(String state, String batchId, String uid, String reason) {
        return switch (state) {
            case "sending" -> new Recipient(Standing.SENDING, batchId);
            case "sent" -> new Recipient(Standing.SENT, uid);
            case "failed" -> new Recipient(Standing.REJECTED, reason);
            case "uncertain" -> new Recipient(Standing.UNCERTAIN, reason);
            default -> null; // retry: its call provably did not send it, as if it had no record
        };
    }

    /** The settled outcome of an alert's state; null while it is open or a call of it is under way. */
    private static AlertOutcome outcome(String state) {
        return switch (state) {
            case "open", "sending" -> null;
            default -> AlertOutcome.valueOf(state.toUpperCase(java.util.Locale.ROOT));
        };
    }

    private AlertResult decode(String result) {
        try {
            return json.readValue(result, AlertResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert_send.result is not an AlertResult: " + e.getOriginalMessage(), e);
        }
    }

    private static List<String> inGivenOrder(Collection<String> given, List<String> claimed) {
        Set<String> mine = new java.util.HashSet<>(claimed);
        return given.stream().filter(mine::contains).distinct().toList();
    }

    // ---- writing

    @FunctionalInterface
    private interface Work {
        void run(Connection c) throws SQLException;
    }

    /**
     * One committed transaction (READ COMMITTED): the guards are the unique keys and the conditions of the upserts,
     * which PostgreSQL re-checks on the committed row. A failure rolls everything back: a claim is all or nothing.
     */
    private void transaction(Work work) throws IOException {
        try (Connection c = store.connection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IOException(store.settings().mask("the send ledger in " + location() + " cannot be written: "
                    + e.getMessage()), e);
        } catch (RuntimeException e) {
            // no connection (StoreException, masked already)
            throw new IOException(store.settings().mask(e.getMessage()), e);
        }
    }

    private RuntimeException failure(String what, SQLException e) {
        return new IllegalStateException(store.settings().mask("cannot " + what + " in " + location() + ": " + e.getMessage()), e);
    }
}
