package dev.camelampenet.simulator.state;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A customer account, reached through one API token. Holds the SMS unit balance, the plan's price coverage, the
 * sender-id policy and the account's groups, messages and campaigns. The account's monitor guards its balance and
 * its group names; nothing here is a global lock.
 */
public final class Account {
    /** {@code sms_unit = -1} means an unlimited plan. */
    public static final BigDecimal UNLIMITED = BigDecimal.ONE.negate();

    public final long id;
    public final String uid;
    private final String token;
    public final String firstName;
    public final String lastName;
    public final String email;
    /** The account's own number, where inbound SMS arrive (the simulator's stand-in for a dedicated number). */
    public final String number;
    public final ZoneId timezone;
    public final Instant createdAt;
    public final Instant subscriptionEndsAt;
    final RateLimiter rateLimiter;

    private BigDecimal smsUnit;
    private volatile boolean apiAccess = true;
    private volatile boolean senderIdVerification;
    /** Abilities (view_reports, create_contact, ...) taken away from this customer's token. */
    private final Set<String> revokedAbilities = ConcurrentHashMap.newKeySet();
    private final Set<String> approvedSenderIds = ConcurrentHashMap.newKeySet();
    /** Country calling code -> price per segment. Empty with {@code coverAll} means every country at defaultPrice. */
    private final Map<Integer, BigDecimal> coverage = new ConcurrentHashMap<>();
    private volatile boolean coverAll = true;
    private volatile BigDecimal defaultPrice = BigDecimal.ONE;
    private final Map<String, ContactGroup> groups = new LinkedHashMap<>();
    final ConcurrentSkipListMap<Long, SmsMessage> messages = new ConcurrentSkipListMap<>();
    final List<Campaign> campaigns = new CopyOnWriteArrayList<>();

    Account(long id, String uid, String token, BigDecimal balance, ZoneId timezone, Instant now, RateLimiter rateLimiter) {
        this.id = id;
        this.uid = uid;
        this.token = token;
        this.smsUnit = balance;
        this.timezone = timezone;
        this.firstName = "Jhon";
        this.lastName = "Doe";
        this.email = "customer" + id + "@example.com";
        this.number = String.format("2557000%05d", id);
        this.createdAt = now;
        this.subscriptionEndsAt = now.plusSeconds(30L * 24 * 3600);
        this.rateLimiter = rateLimiter;
    }

    /** The plain token; only /me hands it out (the real server does too). Never log it: use {@link #maskedToken()}. */
    public String token() {
        return token;
    }

    /** {@code 22|RMQR...} becomes {@code 22|****}: the id part helps a person tell accounts apart, the secret stays hidden. */
    public String maskedToken() {
        return mask(token);
    }

    public static String mask(String token) {
        int bar = token.indexOf('|');
        return bar > 0 && bar < 12 ? token.substring(0, bar + 1) + "****" : "****";
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    // ---- balance -------------------------------------------------------------------------------------------

    public synchronized BigDecimal balance() {
        return smsUnit;
    }

    public synchronized void setBalance(BigDecimal units) {
        this.smsUnit = units;
    }

    public synchronized boolean isUnlimited() {
        return smsUnit.compareTo(UNLIMITED) == 0;
    }

    /** Takes {@code cost} units if the balance covers it; the check and the debit are one step. */
    public synchronized boolean debit(BigDecimal cost) {
        if (isUnlimited()) {
            return true;
        }
        if (smsUnit.compareTo(cost) < 0) {
            return false;
        }
        smsUnit = smsUnit.subtract(cost);
        return true;
    }

    /** Failed sends are refunded. */
    public synchronized void refund(BigDecimal cost) {
        if (!isUnlimited()) {
            smsUnit = smsUnit.add(cost);
        }
    }

    // ---- plan ----------------------------------------------------------------------------------------------

    public boolean apiAccess() {
        return apiAccess;
    }

    public void setApiAccess(boolean allowed) {
        this.apiAccess = allowed;
    }

    public boolean can(String ability) {
        return !revokedAbilities.contains(ability);
    }

    /** Replaces the set of abilities the token lacks. */
    public void revokeAbilities(Collection<String> abilities) {
        revokedAbilities.clear();
        revokedAbilities.addAll(abilities);
    }

    public Set<String> revokedAbilities() {
        return Set.copyOf(revokedAbilities);
    }

    public boolean senderIdVerification() {
        return senderIdVerification;
    }

    public void setSenderIdVerification(boolean on, Collection<String> approved) {
        approvedSenderIds.clear();
        approvedSenderIds.addAll(approved);
        this.senderIdVerification = on;
    }

    public boolean isApprovedSender(String senderId) {
        return approvedSenderIds.contains(senderId);
    }

    /** The price of one segment to a country, or empty when the plan has no coverage there. */
    public Optional<BigDecimal> pricePerSegment(int countryCode) {
        BigDecimal price = coverage.get(countryCode);
        if (price != null) {
            return Optional.of(price);
        }
        return coverAll ? Optional.of(defaultPrice) : Optional.empty();
    }

    /** Restricts the plan to the given countries (calling code -> price per segment); empty restores "everywhere at 1". */
    public void setCoverage(Map<Integer, BigDecimal> prices, BigDecimal priceElsewhere) {
        coverage.clear();
        coverage.putAll(prices);
        coverAll = priceElsewhere != null || prices.isEmpty();
        defaultPrice = priceElsewhere != null ? priceElsewhere : BigDecimal.ONE;
    }

    // ---- groups --------------------------------------------------------------------------------------------

    public synchronized List<ContactGroup> groups() {
        return new ArrayList<>(groups.values());
    }

    synchronized Optional<ContactGroup> groupNamed(String name) {
        return groups.values().stream().filter(g -> g.name().equals(name)).findFirst();
    }

    synchronized void addGroup(ContactGroup group) {
        groups.put(group.uid, group);
    }

    synchronized void removeGroup(ContactGroup group) {
        groups.remove(group.uid);
    }

    public List<Campaign> campaigns() {
        return List.copyOf(campaigns);
    }
}
