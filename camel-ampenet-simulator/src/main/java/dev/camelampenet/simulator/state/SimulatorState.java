package dev.camelampenet.simulator.state;

import dev.camelampenet.simulator.HostKind;
import dev.camelampenet.simulator.Profile;
import dev.camelampenet.simulator.ServerBug;
import dev.camelampenet.simulator.sms.SmsCounter.Encoding;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Everything the simulated server knows: accounts by token, and the tables that route-model binding reads without
 * an owner check (groups, contacts, messages, campaigns are looked up globally, as on the real server).
 * Concurrency: concurrent maps for lookups, the account's monitor for balance and group names, the group's monitor
 * for its contacts. No lock spans the whole server.
 */
public final class SimulatorState {

    private final Clock clock;
    private final UidGenerator uids;
    private final Profile profile;
    private volatile int rateLimitPerMinute;
    private volatile Set<ServerBug> bugs;
    private volatile HostKind hostKind = HostKind.APACHE;

    private final Map<String, Account> accountsByToken = new ConcurrentHashMap<>();
    private final Map<String, ContactGroup> groups = new ConcurrentHashMap<>();
    private final Map<String, Contact> contacts = new ConcurrentHashMap<>();
    private final Map<String, SmsMessage> messagesByUid = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, SmsMessage> messages = new ConcurrentSkipListMap<>();
    private final Map<String, Campaign> campaignsByUid = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, Campaign> campaigns = new ConcurrentSkipListMap<>();
    private final Set<String> blacklist = ConcurrentHashMap.newKeySet();
    private final AtomicLong accountIds = new AtomicLong();
    private final AtomicLong groupIds = new AtomicLong();
    private final AtomicLong contactIds = new AtomicLong();
    private final AtomicLong messageIds = new AtomicLong();
    private final AtomicLong campaignIds = new AtomicLong();

    public SimulatorState(Profile profile, int rateLimitPerMinute, Clock clock) {
        this.profile = profile;
        this.rateLimitPerMinute = rateLimitPerMinute;
        this.clock = clock;
        this.uids = new UidGenerator(clock);
        this.bugs = EnumSet.copyOf(withNone(profile.defaultBugs()));
    }

    private static Set<ServerBug> withNone(Set<ServerBug> set) {
        return set.isEmpty() ? EnumSet.noneOf(ServerBug.class) : set;
    }

    public Profile profile() {
        return profile;
    }

    public Instant now() {
        return clock.instant();
    }

    public Clock clock() {
        return clock;
    }

    public String newUid() {
        return uids.next();
    }

    // ---- switches ------------------------------------------------------------------------------------------

    public boolean bug(ServerBug bug) {
        return bugs.contains(bug);
    }

    public synchronized void setBug(ServerBug bug, boolean on) {
        EnumSet<ServerBug> copy = bugs.isEmpty() ? EnumSet.noneOf(ServerBug.class) : EnumSet.copyOf(bugs);
        if (on) {
            copy.add(bug);
        } else {
            copy.remove(bug);
        }
        bugs = copy;
    }

    public Set<ServerBug> bugs() {
        return bugs.isEmpty() ? EnumSet.noneOf(ServerBug.class) : EnumSet.copyOf(bugs);
    }

    public HostKind hostKind() {
        return hostKind;
    }

    public void setHostKind(HostKind kind) {
        this.hostKind = kind;
    }

    public int rateLimitPerMinute() {
        return rateLimitPerMinute;
    }

    public void setRateLimitPerMinute(int limit) {
        this.rateLimitPerMinute = limit;
    }

    /**
     * Back to an empty server: no accounts, no data, the profile's default bugs, row ids from 1 again (as after a
     * fresh migration). Uids keep growing: like uniqid() they are time-based and never handed out twice.
     */
    public synchronized void clear() {
        accountIds.set(0);
        groupIds.set(0);
        contactIds.set(0);
        messageIds.set(0);
        campaignIds.set(0);
        accountsByToken.clear();
        groups.clear();
        contacts.clear();
        messagesByUid.clear();
        messages.clear();
        campaignsByUid.clear();
        campaigns.clear();
        blacklist.clear();
        bugs = EnumSet.copyOf(withNone(profile.defaultBugs()));
    }

    // ---- accounts ------------------------------------------------------------------------------------------

    public Account addAccount(String token, BigDecimal balance, ZoneId timezone) {
        return accountsByToken.computeIfAbsent(token, t -> new Account(accountIds.incrementAndGet(), newUid(), t,
                balance, timezone, now(), new RateLimiter(clock)));
    }

    public Optional<Account> account(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(accountsByToken.get(token));
    }

    public Optional<Account> accountById(long id) {
        return accountsByToken.values().stream().filter(a -> a.id == id).findFirst();
    }

    /** Every account's token (a live view), for masking them wherever requests are recorded. */
    public Collection<String> tokens() {
        return accountsByToken.keySet();
    }

    public List<Account> accounts() {
        return accountsByToken.values().stream().sorted((a, b) -> Long.compare(a.id, b.id)).collect(Collectors.toList());
    }

    // ---- groups --------------------------------------------------------------------------------------------

    /** Creates a group, or empty when the account already has one of that name. */
    public Optional<ContactGroup> createGroup(Account account, String name) {
        synchronized (account) {
            if (account.groupNamed(name).isPresent()) {
                return Optional.empty();
            }
            ContactGroup group = new ContactGroup(groupIds.incrementAndGet(), newUid(), account, name, now());
            account.addGroup(group);
            groups.put(group.uid, group);
            return Optional.of(group);
        }
    }

    /** Renames; false when another group of the same owner has that name. */
    public boolean renameGroup(ContactGroup group, String name) {
        synchronized (group.owner) {
            Optional<ContactGroup> holder = group.owner.groupNamed(name);
            if (holder.isPresent() && holder.get() != group) {
                return false;
            }
            group.rename(name);
            return true;
        }
    }

    public void deleteGroup(ContactGroup group) {
        synchronized (group.owner) {
            group.owner.removeGroup(group);
            groups.remove(group.uid);
        }
        for (Contact c : group.clear()) {
            contacts.remove(c.uid);
        }
    }

    /** Global binding lookup: no ownership check, as on the server. */
    public Optional<ContactGroup> group(String uid) {
        return Optional.ofNullable(groups.get(uid));
    }

    // ---- contacts ------------------------------------------------------------------------------------------

    /** Adds a contact to a group, or empty when the group already has that phone. */
    public Optional<Contact> addContact(ContactGroup group, String phone, Map<String, String> fields) {
        Optional<Contact> added = group.addIfAbsent(contactIds.incrementAndGet(), newUid(), phone, fields, now());
        added.ifPresent(c -> contacts.put(c.uid, c));
        return added;
    }

    public boolean updateContact(Contact contact, String phone, Map<String, String> fields) {
        return contact.group.update(contact, phone, fields, now());
    }

    public void setContactStatus(Contact contact, String status) {
        contact.group.setStatus(contact, status);
    }

    public void deleteContact(Contact contact) {
        if (contact.group.remove(contact)) {
            contacts.remove(contact.uid);
        }
    }

    public Optional<Contact> contact(String uid) {
        return Optional.ofNullable(contacts.get(uid));
    }

    // ---- messages ------------------------------------------------------------------------------------------

    public SmsMessage recordMessage(Account account, String to, String from, String text, String smsType,
                                    Encoding encoding, int segments, BigDecimal cost, SmsMessage.Direction direction,
                                    String status, Instant scheduledFor, String campaignUid, long requestId) {
        long seq = messageIds.incrementAndGet();
        SmsMessage message = new SmsMessage(seq, newUid(), account, to, from, text, smsType, encoding, segments, cost,
                direction, status, now(), scheduledFor, campaignUid, requestId);
        messagesByUid.put(message.uid, message);
        messages.put(seq, message);
        account.messages.put(seq, message);
        return message;
    }

    public Optional<SmsMessage> message(String uid) {
        return Optional.ofNullable(messagesByUid.get(uid));
    }

    /** Every message of every account, newest first (the outbox, and the v3.8 unscoped list). */
    public Collection<SmsMessage> allMessagesNewestFirst() {
        return messages.descendingMap().values();
    }

    public Collection<SmsMessage> messagesNewestFirst(Account account) {
        return account.messages.descendingMap().values();
    }

    public int messageCount() {
        return messages.size();
    }

    // ---- campaigns -----------------------------------------------------------------------------------------

    public Campaign createCampaign(Account account, String message, String smsType, String senderId,
                                   List<String> groupUids, Instant runAt) {
        long id = campaignIds.incrementAndGet();
        Campaign campaign = new Campaign(id, newUid(), account, "API_" + now().getEpochSecond(), message, smsType,
                senderId, groupUids, now(), runAt, runAt != null ? "scheduled" : "queued");
        campaigns.put(id, campaign);
        campaignsByUid.put(campaign.uid, campaign);
        account.campaigns.add(campaign);
        return campaign;
    }

    public void addCampaignMessage(Campaign campaign, SmsMessage message) {
        campaign.addMessage(message);
    }

    public void finishCampaign(Campaign campaign, String status) {
        campaign.finish(status, now());
    }

    public Optional<Campaign> campaign(String uid) {
        return Optional.ofNullable(campaignsByUid.get(uid));
    }

    /** {@code Campaigns::first()}: the oldest row of the whole table, whoever owns it. */
    public Optional<Campaign> firstCampaign() {
        Map.Entry<Long, Campaign> first = campaigns.firstEntry();
        return first == null ? Optional.empty() : Optional.of(first.getValue());
    }

    // ---- blacklist -----------------------------------------------------------------------------------------

    public boolean isBlacklisted(String phone) {
        return blacklist.contains(phone);
    }

    public void blacklist(Collection<String> phones) {
        blacklist.addAll(phones);
    }

    public List<String> blacklist() {
        return new ArrayList<>(blacklist);
    }
}
