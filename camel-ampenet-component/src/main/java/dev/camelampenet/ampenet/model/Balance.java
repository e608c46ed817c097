package dev.camelampenet.ampenet.model;

import java.math.BigDecimal;

/**
 * The account balance. Servers report it as formatted text ({@code "$1,250"} from v3.8, {@code "1,250"} units up to
 * v3.1, {@code "Unlimited"}); {@code amount} is that text read as a number.
 *
 * @param amount the number, or null when unlimited
 * @param currency the currency symbol the plan uses (e.g. "$"), or null for plain units
 * @param text the balance exactly as the server wrote it
 * @param expiresOn when the subscription period ends, as the server wrote it
 */
public record Balance(BigDecimal amount, String currency, boolean unlimited, String text, String expiresOn) {
}
