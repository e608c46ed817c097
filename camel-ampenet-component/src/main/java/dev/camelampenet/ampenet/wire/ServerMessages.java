package dev.camelampenet.ampenet.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's vocabulary: every message text the component recognises, and what each means (docs/ampenet-api.md
 * §8). Recognising a text is what makes a failure definite: an error text that is not here, in answer to a write,
 * may have come after the server acted (a database error half-way through), so the client reports it as an unknown
 * outcome rather than a refusal.
 */
public final class ServerMessages {

    /** What an error message says happened. */
    public enum Kind {
        AUTHENTICATION, THROTTLED, PERMISSION, NOT_FOUND, MISSING_ROUTE, BALANCE, DUPLICATE, RECIPIENT_REFUSED,
        VALIDATION,
        /** Not a text the component knows: the server may have failed after acting. */
        UNRECOGNISED
    }

    /** The per-number refusals of the send path, as the bulk path joins them with spaces. */
    private static final Pattern REFUSAL = Pattern.compile("\\d+ is a invalid phone number"
            + "|Number contains in the blacklist"
            + "|Permission to send an SMS has not been enabled for the region indicated by the 'To' number: \\d+"
            + "|There is not enough balance available to send this message\\.You have \\S+ of the \\S+");
    /** The refusals that name their number. */
    private static final Pattern NAMED_NUMBER = Pattern.compile("^(\\d+) is a invalid phone number|'To' number: (\\d+)$");

    private ServerMessages() {
    }

    /** Classifies an error envelope's message; the HTTP status decides only between validation and unrecognised. */
    public static Kind classify(String message, int httpStatus, boolean sending) {
        String m = message == null ? "" : message;
        if (m.equals("Unauthenticated.") || m.equals("These credentials do not match our records.")) {
            return Kind.AUTHENTICATION;
        }
        if (m.equals("Too Many Attempts.")) {
            return Kind.THROTTLED;
        }
        if (m.equals("You do not have permission to access API") || m.equals("This action is unauthorized.")
                || m.startsWith("Sorry, but you do not have permissions")) {
            return Kind.PERMISSION;
        }
        if (m.startsWith("No query results for model") || m.startsWith("Sorry, but the page you were trying to view does not exist")
                || m.equals("SMS Info not found") || m.equals("locale.campaign.invalid_group")) {
            return Kind.NOT_FOUND;
        }
        if ((m.startsWith("The route ") && m.endsWith(" could not be found.")) || m.contains(" method is not supported for route ")) {
            return Kind.MISSING_ROUTE;
        }
        if (isBalanceRefusal(m)) {
            return Kind.BALANCE;
        }
        if (m.contains("has already been taken") || m.startsWith("You have already subscribed to")
                || m.endsWith("already available as your contact group.")) {
            return Kind.DUPLICATE;
        }
        if (sending && isRecipientRefusal(m)) {
            return Kind.RECIPIENT_REFUSED;
        }
        if (m.contains(" field is required.") || m.contains(" must be a number.") || m.contains(" is a invalid phone number")
                || m.equals("This phone was blacklisted") || m.startsWith("Please insert valid sms type")
                || m.startsWith("Invalid SMS type") || m.startsWith("Language and gender") || m.contains("media_url")
                || m.startsWith("Valid media url") || m.startsWith("Originator ") || httpStatus == 422) {
            return Kind.VALIDATION;
        }
        return Kind.UNRECOGNISED;
    }

    /** A refusal of a send for its recipients (the other recipients of a bulk call may still have gone out). */
    public static boolean isRecipientRefusal(String message) {
        return message.contains(" is a invalid phone number")
                || message.startsWith("Permission to send an SMS has not been enabled for the region")
                || message.equals("Number contains in the blacklist")
                || message.startsWith("You cannot send more than 100 SMS")
                || message.startsWith("Valid phone number not found")
                || message.equals("Phone numbers required")
                || !refusals(message).isEmpty();
    }

    public static boolean isBalanceRefusal(String reason) {
        return reason != null && (reason.startsWith("There is not enough balance available")
                || reason.equals("You have exceeded your sending limit."));
    }

    /** Splits a space-joined refusal message into its refusals; empty when any part of it is not a known refusal. */
    public static List<String> refusals(String message) {
        List<String> found = new ArrayList<>();
        if (message == null) {
            return found;
        }
        Matcher m = REFUSAL.matcher(message);
        int end = 0;
        while (m.find()) {
            if (!message.substring(end, m.start()).isBlank()) {
                return List.of();
            }
            found.add(m.group());
            end = m.end();
        }
        return message.substring(end).isBlank() ? found : List.of();
    }

    /** The number a refusal names ("255... is a invalid phone number", "... 'To' number: 255..."), or null. */
    public static String numberNamedIn(String refusal) {
        Matcher named = NAMED_NUMBER.matcher(refusal);
        return named.find() ? (named.group(1) != null ? named.group(1) : named.group(2)) : null;
    }

    private static final Pattern INVALID = Pattern.compile("(\\d+) is a invalid phone number");

    /** This number's reason, picked out of a message that may join several refusals; the whole message otherwise. */
    public static String reasonFor(String number, String message) {
        if (message == null) {
            return "refused by the server";
        }
        Matcher invalid = INVALID.matcher(message);
        while (invalid.find()) {
            if (invalid.group(1).equals(number)) {
                return number + " is a invalid phone number";
            }
        }
        String region = "Permission to send an SMS has not been enabled for the region indicated by the 'To' number: " + number;
        return message.contains(region) ? region : message;
    }
}
