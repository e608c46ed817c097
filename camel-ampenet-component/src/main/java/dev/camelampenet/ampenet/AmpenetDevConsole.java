package dev.camelampenet.ampenet;

import java.util.Comparator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.camelampenet.ampenet.api.AmpenetOperation;
import dev.camelampenet.ampenet.error.AmpenetException;
import dev.camelampenet.ampenet.metrics.AmpenetMetrics;
import dev.camelampenet.ampenet.model.Profile;
import dev.camelampenet.ampenet.wire.WireMapper;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/**
 * The {@code ampenet} dev console (Camel's developer console, {@code camel-console} / Camel JBang / the Spring Boot
 * actuator's camel endpoint): per account the profile name and balance, per endpoint the pacer, the counts and the
 * last error. The token is shown masked, only its public id ({@code 7|****}).
 * <p>
 * Cost: showing it asks the API for profile/me and profile/balance once per account (token and base URL) in use.
 * Those calls count among the endpoint's calls. When a call fails the console shows the last known name and balance
 * (from an earlier look or the health check) with their time, and the error.
 */
@DevConsole(name = "ampenet", displayName = "Ampenet SMS", description = "Ampenet SMS accounts, pacing and errors")
public class AmpenetDevConsole extends AbstractDevConsole {

    public AmpenetDevConsole() {
        super("camel", "ampenet", "Ampenet SMS", "Ampenet SMS accounts, pacing and errors");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder sb = new StringBuilder();
        for (JsonObject account : accounts()) {
            sb.append(String.format("Account %s at %s%n", account.get("token"), account.get("baseUrl")));
            sb.append(String.format("    Name: %s%n", account.get("name")));
            sb.append(String.format("    Balance: %s%s%n", account.get("balance"),
                    account.get("balanceAt") != null ? " (last known, " + account.get("balanceAt") + ")" : ""));
            if (account.get("error") != null) {
                sb.append(String.format("    Error: %s%n", account.get("error")));
            }
            sb.append(String.format("    Pacer: %s%n", account.get("pacer")));
            for (Object e : (JsonArray) account.get("endpoints")) {
                JsonObject endpoint = (JsonObject) e;
                sb.append(String.format("    %s: %s SMS sent (%s parts), %s recipients refused, %s calls (%s failed, %s retried,"
                                + " %s throttled)%n", endpoint.get("operation"), endpoint.get("smsSent"), endpoint.get("segments"),
                        endpoint.get("recipientsRefused"), endpoint.get("calls"), endpoint.get("failedCalls"),
                        endpoint.get("retries"), endpoint.get("throttles")));
                if (endpoint.get("lastError") != null) {
                    sb.append(String.format("        Last error (%s): %s%n", endpoint.get("lastErrorAt"), endpoint.get("lastError")));
                }
            }
        }
        return sb.length() == 0 ? "No ampenet endpoints\n" : sb.toString();
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        JsonObject root = new JsonObject();
        root.put("accounts", new JsonArray(accounts()));
        return root;
    }

    /** One entry per account (token and base URL), with its endpoints; asks the API for the name and balance. */
    private List<JsonObject> accounts() {
        Map<String, List<AmpenetEndpoint>> byAccount = new LinkedHashMap<>();
        getCamelContext().getEndpoints().stream()
                .filter(AmpenetEndpoint.class::isInstance).map(AmpenetEndpoint.class::cast)
                .forEach(e -> byAccount.computeIfAbsent(accountKey(e), k -> new ArrayList<>()).add(e));
        List<JsonObject> out = new ArrayList<>();
        byAccount.values().forEach(endpoints -> out.add(account(endpoints)));
        return out;
    }

    /** Endpoints of one token and base URL are one account; the key stays in this class (it holds the token). */
    private static String accountKey(AmpenetEndpoint endpoint) {
        return endpoint.getConfiguration().getBaseUrl() + " " + endpoint.getConfiguration().getApiToken();
    }

    private JsonObject account(List<AmpenetEndpoint> endpoints) {
        AmpenetEndpoint first = endpoints.get(0);
        JsonObject json = new JsonObject();
        json.put("token", masked(first.getConfiguration().getApiToken()));
        json.put("baseUrl", first.getBaseUrl());
        json.put("host", first.getHost());
        try {
            long timeout = first.getConfiguration().getRequestTimeout() + 5000;
            Profile profile = WireMapper.profile(first.client().call(AmpenetOperation.PROFILE_ME, Map.of(), null, null)
                    .get(timeout, TimeUnit.MILLISECONDS).data());
            String balance = WireMapper.balance(first.client().call(AmpenetOperation.PROFILE_BALANCE, Map.of(), null, null)
                    .get(timeout, TimeUnit.MILLISECONDS).data()).text();
            first.metrics().accountSeen(name(profile), balance);
            json.put("name", name(profile));
            json.put("balance", balance);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            json.put("error", "interrupted");
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            // an AmpenetException's message never holds the token; anything else is named by its type only
            json.put("error", cause instanceof AmpenetException ? cause.getMessage() : "API not reachable: " + cause.getClass().getSimpleName());
            // the last known values, from this console or the health check, on any endpoint of the account
            endpoints.stream().map(AmpenetEndpoint::metrics).filter(m -> m.lastBalanceAt() != null)
                    .max(Comparator.comparing(AmpenetMetrics::lastBalanceAt)).ifPresent(m -> {
                        json.put("name", m.accountName());
                        json.put("balance", m.lastBalance());
                        json.put("balanceAt", m.lastBalanceAt().toString());
                    });
        }
        json.put("pacer", first.getPacerState());
        JsonArray list = new JsonArray();
        for (AmpenetEndpoint endpoint : endpoints) {
            AmpenetMetrics m = endpoint.metrics();
            JsonObject e = new JsonObject();
            e.put("operation", endpoint.getApiOperationName());
            e.put("smsSent", m.smsSent());
            e.put("segments", m.segments());
            e.put("recipientsRefused", m.recipientsRefused());
            e.put("calls", m.calls());
            e.put("failedCalls", m.failedCalls());
            e.put("retries", m.retries());
            e.put("throttles", m.throttles());
            e.put("lastError", m.lastError());
            e.put("lastErrorAt", endpoint.getLastErrorTime());
            list.add(e);
        }
        json.put("endpoints", list);
        return json;
    }

    private static String name(Profile profile) {
        String name = ((profile.firstName() == null ? "" : profile.firstName()) + " "
                + (profile.lastName() == null ? "" : profile.lastName())).trim();
        return name.isEmpty() ? profile.email() : name;
    }

    /** A Sanctum token is "id|secret": the id is no secret and tells tokens apart; the rest never leaves. */
    static String masked(String token) {
        int bar = token == null ? -1 : token.indexOf('|');
        return bar > 0 && bar <= 10 && token.substring(0, bar).chars().allMatch(Character::isDigit)
                ? token.substring(0, bar + 1) + "****" : "****";
    }

}
