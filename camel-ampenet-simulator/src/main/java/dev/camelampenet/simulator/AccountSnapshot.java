package dev.camelampenet.simulator;

/** An account as the control API shows it: never the token, only its masked form. */
public record AccountSnapshot(long id, String uid, String maskedToken, String balance, boolean unlimited, int groups,
                             String timezone, boolean apiAccess) {
}
