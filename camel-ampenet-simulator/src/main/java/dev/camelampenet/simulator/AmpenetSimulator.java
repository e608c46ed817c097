package dev.camelampenet.simulator;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.camelampenet.simulator.api.ApiDispatcher;
import dev.camelampenet.simulator.control.Faults;
import dev.camelampenet.simulator.control.Journal;
import dev.camelampenet.simulator.control.Revision;
import dev.camelampenet.simulator.http.SimulatorHttpHandler;
import dev.camelampenet.simulator.state.Account;
import dev.camelampenet.simulator.state.ContactGroup;
import dev.camelampenet.simulator.state.SimulatorState;
import dev.camelampenet.simulator.state.SmsMessage;
import dev.camelampenet.simulator.sms.SmsCounter;
import dev.camelampenet.simulator.tls.SimulatorCertificate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The Ampenet v3 API simulator, embedded: start it, point a client at {@link #baseUrl()} with {@link #token()},
 * and inspect or steer it through the methods below (the same operations the HTTP control API under
 * {@code /__simulator/} offers).
 *
 * <pre>{@code
 * try (AmpenetSimulator sim = AmpenetSimulator.builder().token("T").start()) {
 *     // POST sim.baseUrl() + "/sms/send" ...
 *     sim.outbox();
 * }
 * }</pre>
 */
public final class AmpenetSimulator implements AutoCloseable {

    public static final String DEFAULT_TOKEN = "1|simulator-token";
    public static final BigDecimal DEFAULT_BALANCE = new BigDecimal("10000");
    public static final int DEFAULT_RATE_LIMIT = 1000;
    public static final ZoneId DEFAULT_TIMEZONE = ZoneId.of("Africa/Dar_es_Salaam");

    static {
        // The JDK server writes a response's headers and body in separate packets. With Nagle on, the body waits
        // for the client's delayed ACK, so every request on a kept-alive connection took ~40 ms. The property is
        // read once, when the JDK's server config class loads, so it must be set before the first server starts;
        // a value the user set on the command line wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final Builder config;
    private final SimulatorState state;
    private final Faults faults = new Faults();
    private final Journal journal;
    private final Revision revision = new Revision();
    private final ApiDispatcher dispatcher;
    /** Made once per simulator, so a client that trusted it keeps working across stop and start. */
    private final SimulatorCertificate certificate;
    private HttpServer server;
    private ExecutorService executor;

    private AmpenetSimulator(Builder config) {
        this.config = config;
        this.state = new SimulatorState(config.profile, config.rateLimit, config.clock);
        state.setHostKind(config.hostKind);
        this.journal = new Journal(config.journalCapacity, () -> state.tokens());
        this.dispatcher = new ApiDispatcher(state, faults);
        this.certificate = config.tls ? SimulatorCertificate.generate(config.host) : null;
        seed();
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- lifecycle ----------------------------------------------------------------------------------------

    public synchronized AmpenetSimulator start() {
        if (server != null) {
            return this;
        }
        if (config.certificateOut != null) {
            writeCertificate(config.certificateOut); // before listening: a client that sees the port finds the file
        }
        try {
            InetSocketAddress address = new InetSocketAddress(config.host, config.port);
            if (certificate != null) {
                HttpsServer https = HttpsServer.create(address, 1024);
                https.setHttpsConfigurator(new HttpsConfigurator(certificate.serverSslContext()));
                server = https;
            } else {
                server = HttpServer.create(address, 1024);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + config.host + ":" + config.port, e);
        }
        AtomicInteger threads = new AtomicInteger();
        // Requests run in parallel (latency faults sleep in their own thread); the pool grows on demand.
        executor = new ThreadPoolExecutor(0, config.maxThreads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "ampenet-simulator-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(executor);
        server.createContext("/", new SimulatorHttpHandler(dispatcher, new ControlApi(this), faults, journal, state, revision));
        server.start();
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    // ---- where it is --------------------------------------------------------------------------------------

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("The simulator is not running");
        }
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>} ({@code https://} in TLS mode): the console and the control API live under it. */
    public String url() {
        return (certificate != null ? "https://" : "http://") + config.host + ":" + port();
    }

    // ---- TLS ----------------------------------------------------------------------------------------------

    /** True when the simulator serves HTTPS with its own self-signed certificate. */
    public boolean isTls() {
        return certificate != null;
    }

    /** The self-signed certificate the simulator presents (TLS mode only); trust it, and only it, in a client. */
    public X509Certificate certificate() {
        return tls().certificate();
    }

    /** The certificate as PEM text, for {@code curl --cacert} or a file. */
    public String certificatePem() {
        return tls().pem();
    }

    /** A PKCS12 trust store holding only the simulator's certificate. */
    public KeyStore trustStore() {
        return tls().trustStore();
    }

    /** An SSLContext that trusts the simulator's certificate and nothing else, e.g. for {@code HttpClient.newBuilder().sslContext(...)}. */
    public SSLContext clientSslContext() {
        return tls().clientSslContext();
    }

    /** Writes the certificate as PEM, so another process can trust it. */
    public void writeCertificate(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, tls().pem(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the certificate to " + file, e);
        }
    }

    private SimulatorCertificate tls() {
        if (certificate == null) {
            throw new IllegalStateException("The simulator serves plain HTTP; build it with tls(true) for a certificate");
        }
        return certificate;
    }

    /** {@code http://127.0.0.1:<port>/api/v3}: what a client uses as its base URL. */
    public String baseUrl() {
        return url() + ApiDispatcher.PREFIX;
    }

    public String controlUrl() {
        return url() + ControlApi.PREFIX;
    }

    /** {@code http://127.0.0.1:<port>/}: the web console, a page that shows the outbox, journal, groups and faults. */
    public String consoleUrl() {
        return url() + "/";
    }

    /** The token of the first account (the one the builder was given, or {@link #DEFAULT_TOKEN}). */
    public String token() {
        return config.tokens.keySet().iterator().next();
    }

    public Profile profile() {
        return config.profile;
    }

    public List<String> routes() {
        return dispatcher.routeTemplates();
    }

    // ---- state --------------------------------------------------------------------------------------------

    /** Forgets everything: accounts back to the configured ones and balances, no data, no faults, default bugs. */
    public void reset() {
        state.clear();
        faults.clear();
        journal.clear();
        state.setRateLimitPerMinute(config.rateLimit);
        state.setHostKind(config.hostKind);
        seed();
        revision.bump();
    }

    private void seed() {
        config.tokens.forEach((token, balance) -> state.addAccount(token, balance, config.timezone));
        config.bugs.forEach(state::setBug);
    }

    public Account addAccount(String token, BigDecimal balance) {
        Account added = state.addAccount(token, balance, config.timezone);
        revision.bump();
        return added;
    }

    public List<AccountSnapshot> accounts() {
        return state.accounts().stream().map(a -> new AccountSnapshot(a.id, a.uid, a.maskedToken(),
                a.balance().toPlainString(), a.isUnlimited(), a.groups().size(), a.timezone.getId(), a.apiAccess()))
                .collect(Collectors.toList());
    }

    Account account(String token) {
        return state.account(token).orElseThrow(() -> new NoSuchElementException("No account has the given token"));
    }

    Account accountById(long id) {
        return state.accountById(id).orElseThrow(() -> new NoSuchElementException("No account with id " + id));
    }

    public BigDecimal balance() {
        return balance(token());
    }

    public BigDecimal balance(String token) {
        return account(token).balance();
    }

    public void setBalance(BigDecimal units) {
        setBalance(token(), units);
    }

    /** {@code -1} makes the plan unlimited. */
    public void setBalance(String token, BigDecimal units) {
        account(token).setBalance(units);
        revision.bump();
    }

    public void setApiAccess(String token, boolean allowed) {
        account(token).setApiAccess(allowed);
        revision.bump();
    }

    /** Takes abilities (view_reports, view_contact, view_contact_group, create_contact, ...) from the token. */
    public void revokeAbilities(String token, Collection<String> abilities) {
        account(token).revokeAbilities(abilities);
        revision.bump();
    }

    public void setSenderIdVerification(String token, boolean on, Collection<String> approved) {
        account(token).setSenderIdVerification(on, approved);
        revision.bump();
    }

    /** Plan coverage: calling code -> price per segment; {@code elsewhere} null means other countries are refused. */
    public void setCoverage(String token, Map<Integer, BigDecimal> prices, BigDecimal elsewhere) {
        account(token).setCoverage(prices, elsewhere);
        revision.bump();
    }

    public void blacklist(Collection<String> numbers) {
        state.blacklist(numbers);
        revision.bump();
    }

    public void setBug(ServerBug bug, boolean on) {
        state.setBug(bug, on);
        revision.bump();
    }

    public java.util.Set<ServerBug> bugs() {
        return state.bugs();
    }

    public void setRateLimit(int perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("The rate limit is a number of requests per minute, at least 1");
        }
        state.setRateLimitPerMinute(perMinute);
        state.accounts().forEach(a -> a.rateLimiter().reset());
        revision.bump();
    }

    public int rateLimit() {
        return state.rateLimitPerMinute();
    }

    /** Apache answers a trailing slash with a 301 (the shipped .htaccess); nginx serves the path without it. */
    public void setHostKind(HostKind kind) {
        state.setHostKind(java.util.Objects.requireNonNull(kind, "kind"));
        revision.bump();
    }

    public HostKind hostKind() {
        return state.hostKind();
    }

    // ---- faults -------------------------------------------------------------------------------------------

    public void setFaults(FaultSettings settings) {
        faults.set(settings);
        revision.bump();
    }

    public FaultSettings faults() {
        return faults.settings();
    }

    public void clearFaults() {
        faults.clear();
        revision.bump();
    }

    /** The next {@code count} API requests whose path starts with {@code path} (e.g. {@code /sms/send}; null = any) meet {@code fault}. */
    public void nextFault(Fault fault, int count, String path) {
        if (fault == Fault.THROTTLE) {
            faults.throttleNext(count, path);
        } else {
            faults.next(Faults.Kind.valueOf(fault.name()), count, path);
        }
        revision.bump();
    }

    /** Every API request is refused with "Too Many Attempts." for this long. */
    public void throttleFor(Duration duration) {
        faults.throttleFor(duration.toMillis());
        revision.bump();
    }

    // ---- what happened ------------------------------------------------------------------------------------

    /** Every message of every account, oldest first. */
    public List<OutboxMessage> outbox() {
        List<OutboxMessage> all = new ArrayList<>();
        state.allMessagesNewestFirst().forEach(m -> all.add(toOutbox(m)));
        java.util.Collections.reverse(all);
        return all;
    }

    public List<OutboxMessage> outbox(String token) {
        long id = account(token).id;
        return outbox().stream().filter(m -> m.accountId() == id).collect(Collectors.toList());
    }

    /** The newest messages first, a page at a time (for the control API and the console). */
    public List<OutboxMessage> outboxPage(Long accountId, int offset, int limit) {
        return outboxPage(accountId, null, offset, limit);
    }

    /**
     * The newest messages first, a page at a time, of one account (all when null) and matching {@code search}: a
     * case-insensitive part of the number (to or from), the text or the uid (everything when null or blank).
     */
    public List<OutboxMessage> outboxPage(Long accountId, String search, int offset, int limit) {
        return state.allMessagesNewestFirst().stream().filter(outboxFilter(accountId, search))
                .skip(Math.max(0, offset)).limit(Math.max(0, limit)).map(AmpenetSimulator::toOutbox).collect(Collectors.toList());
    }

    /** How many messages {@link #outboxPage(Long, String, int, int)} pages through. */
    public int outboxCount(Long accountId, String search) {
        if (search == null || search.isBlank()) {
            return accountId == null ? state.messageCount()
                    : state.accountById(accountId).map(a -> state.messagesNewestFirst(a).size()).orElse(0);
        }
        return (int) state.allMessagesNewestFirst().stream().filter(outboxFilter(accountId, search)).count();
    }

    private static Predicate<SmsMessage> outboxFilter(Long accountId, String search) {
        String needle = search == null || search.isBlank() ? null : search.trim().toLowerCase(Locale.ROOT);
        return m -> (accountId == null || m.account.id == accountId) && (needle == null
                || contains(m.to, needle) || contains(m.from, needle) || contains(m.message, needle) || contains(m.uid, needle));
    }

    private static boolean contains(String value, String lowerCaseNeedle) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(lowerCaseNeedle);
    }

    public int outboxSize() {
        return state.messageCount();
    }

    static OutboxMessage toOutbox(SmsMessage m) {
        return new OutboxMessage(m.uid, m.account.id, m.to, m.from, m.message, m.smsType, m.encoding.name(), m.segments,
                m.cost.stripTrailingZeros().toPlainString(), m.status(),
                m.direction == SmsMessage.Direction.INCOMING ? "incoming" : "outgoing", m.createdAt.toString(),
                m.scheduledFor == null ? null : m.scheduledFor.toString(), m.campaignUid, m.requestId);
    }

    /** The request journal, oldest first (bounded: the newest entries are kept). */
    public List<JournalEntry> journal() {
        return journal.entries(0, Integer.MAX_VALUE);
    }

    public List<JournalEntry> journal(long afterId, int limit) {
        return journal.entries(afterId, limit);
    }

    /** A page of the journal, newest first, of one account (all when null), optionally only the errors. */
    public Journal.Page journalNewestFirst(int offset, int limit, Long accountId, boolean errorsOnly) {
        return journal.newest(Math.max(0, offset), Math.max(0, limit), accountId, errorsOnly);
    }

    /** One journal entry by its id (an outbox message's {@code requestId}), while the bounded journal holds it. */
    public Optional<JournalEntry> journalEntry(long id) {
        return journal.entry(id);
    }

    int journalErrorCount() {
        return journal.errorCount();
    }

    int journalSize() {
        return journal.size();
    }

    /** One-shot faults still queued and forced throttling still armed (the random settings are {@link #faults()}). */
    public Faults.Pending pendingFaults() {
        return faults.pending();
    }

    /**
     * Grows whenever something the console shows may have changed (API requests, control calls that are not reads,
     * changes through this class); the console polls it to know when to fetch its lists again.
     */
    public long revision() {
        return revision.current();
    }

    public void clearJournal() {
        journal.clear();
        revision.bump();
    }

    /** A delivery report arrives: the message's customer status changes (Delivered, Undelivered, Expired...). */
    public void deliveryReport(String messageUid, String status) {
        SmsMessage m = state.message(messageUid).orElseThrow(() -> new NoSuchElementException("No message " + messageUid));
        m.deliveryReport(status, state.now());
        revision.bump();
    }

    /** An inbound SMS to the account's number (direction incoming), as a reply or a keyword would arrive. */
    public OutboxMessage receive(String token, String from, String text) {
        Account account = account(token);
        SmsCounter.Count count = SmsCounter.count(text);
        SmsMessage m = state.recordMessage(account, account.number, from, text, "plain", count.encoding, count.segments,
                BigDecimal.ZERO, SmsMessage.Direction.INCOMING, "Delivered", null, null, 0);
        revision.bump();
        return toOutbox(m);
    }

    /** The groups of an account with all their contacts. */
    public List<GroupSnapshot> groups(String token) {
        return account(token).groups().stream().map(g -> snapshot(g, Integer.MAX_VALUE)).collect(Collectors.toList());
    }

    public List<GroupSnapshot> groups() {
        return groups(token());
    }

    public GroupSnapshot group(String token, String name) {
        return groups(token).stream().filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("No group named " + name));
    }

    static GroupSnapshot snapshot(ContactGroup g, int maxContacts) {
        List<GroupSnapshot.ContactSnapshot> contacts = g.contacts(0, maxContacts).stream()
                .map(c -> new GroupSnapshot.ContactSnapshot(c.uid, c.phone(), c.status(), c.fields()))
                .collect(Collectors.toList());
        return new GroupSnapshot(g.uid, g.name(), g.owner.id, g.size(), g.fieldTags(), contacts);
    }

    List<GroupSnapshot> groupsOf(Account account, int maxContacts) {
        return account.groups().stream().map(g -> snapshot(g, maxContacts)).collect(Collectors.toList());
    }

    /** Adds a text field to a group, as a customer does in the web UI (the API cannot); its name comes from the tag. */
    public void defineField(String groupUid, String tag, boolean required) {
        defineField(groupUid, tag, null, "text", required);
    }

    /**
     * Adds (or redefines) a custom field of a group, as a customer does in the web UI; the public API has no call for
     * it. From v3.8 tags are upper-case, so {@code city} becomes {@code CITY}; a request must then use {@code CITY}.
     *
     * @param name the display name; null derives it from the tag ({@code CITY} → {@code City})
     * @param type one of {@link GroupField#TYPES}; null is {@code text}
     * @return the field as defined
     */
    public GroupField defineField(String groupUid, String tag, String name, String type, boolean required) {
        ContactGroup group = state.group(groupUid).orElseThrow(() -> new NoSuchElementException("No group " + groupUid));
        String stored = tag == null ? null : profile().upperCaseContactFields() ? tag.trim().toUpperCase(Locale.ROOT) : tag.trim();
        GroupField field = new GroupField(stored, name, type, required);
        group.defineField(field);
        revision.bump();
        return field;
    }

    /** A group's fields with names and types, PHONE first. */
    public List<GroupField> fields(String groupUid) {
        return state.group(groupUid).orElseThrow(() -> new NoSuchElementException("No group " + groupUid)).fieldDefinitions();
    }

    public void setContactStatus(String contactUid, String status) {
        if (!"subscribe".equals(status) && !"unsubscribe".equals(status)) {
            throw new IllegalArgumentException("A contact status is subscribe or unsubscribe");
        }
        state.setContactStatus(state.contact(contactUid).orElseThrow(() -> new NoSuchElementException("No contact " + contactUid)), status);
        revision.bump();
    }

    SimulatorState state() {
        return state;
    }

    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("profile", config.profile.label());
        d.put("baseUrl", baseUrl());
        d.put("rateLimitPerMinute", rateLimit());
        d.put("hostKind", hostKind().key());
        d.put("tls", isTls());
        d.put("bugs", state.bugs().stream().map(ServerBug::key).collect(Collectors.toList()));
        d.put("faults", faults.settings());
        d.put("accounts", accounts());
        d.put("messages", outboxSize());
        d.put("journalSize", journal.size());
        d.put("routes", routes());
        return d;
    }

    // ---- configuration ------------------------------------------------------------------------------------

    /** How to start a simulator. Every setting has a working default: port 0 picks a free port. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private final Map<String, BigDecimal> tokens = new LinkedHashMap<>();
        private BigDecimal balance = DEFAULT_BALANCE;
        private Profile profile = Profile.V3_8;
        private int rateLimit = DEFAULT_RATE_LIMIT;
        private ZoneId timezone = DEFAULT_TIMEZONE;
        private int journalCapacity = 10_000;
        private int maxThreads = 256;
        private Clock clock = Clock.systemUTC();
        private final Map<ServerBug, Boolean> bugs = new EnumMap<>(ServerBug.class);
        private HostKind hostKind = HostKind.APACHE;
        private boolean tls;
        private Path certificateOut;

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Adds an account with this token (the first one is {@link AmpenetSimulator#token()}). */
        public Builder token(String token) {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("A token must not be blank");
            }
            tokens.put(token, null);
            return this;
        }

        /** Starting balance in SMS units of every configured account; -1 is unlimited. */
        public Builder balance(BigDecimal units) {
            this.balance = units;
            return this;
        }

        public Builder balance(long units) {
            return balance(BigDecimal.valueOf(units));
        }

        public Builder profile(Profile profile) {
            this.profile = profile;
            return this;
        }

        public Builder rateLimit(int requestsPerMinute) {
            if (requestsPerMinute < 1) {
                throw new IllegalArgumentException("The rate limit is a number of requests per minute, at least 1");
            }
            this.rateLimit = requestsPerMinute;
            return this;
        }

        public Builder timezone(ZoneId zone) {
            this.timezone = zone;
            return this;
        }

        public Builder journalCapacity(int entries) {
            this.journalCapacity = entries;
            return this;
        }

        public Builder maxThreads(int threads) {
            this.maxThreads = threads;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The web server in front of the app: {@link HostKind#APACHE} (the default) or {@link HostKind#NGINX}. */
        public Builder hostKind(HostKind kind) {
            this.hostKind = java.util.Objects.requireNonNull(kind, "kind");
            return this;
        }

        /** Serve HTTPS with a self-signed certificate made at build time for localhost, 127.0.0.1 and the host. */
        public Builder tls(boolean on) {
            this.tls = on;
            return this;
        }

        /** Write the certificate as PEM to this file at every start (implies {@link #tls(boolean) tls(true)}). */
        public Builder certificateOut(Path file) {
            this.certificateOut = file;
            this.tls = file != null || tls;
            return this;
        }

        /** Switches a known server bug on or off, overriding the profile's default. */
        public Builder bug(ServerBug bug, boolean on) {
            bugs.put(bug, on);
            return this;
        }

        public AmpenetSimulator build() {
            if (tokens.isEmpty()) {
                tokens.put(DEFAULT_TOKEN, null);
            }
            tokens.replaceAll((t, b) -> balance);
            return new AmpenetSimulator(this);
        }

        public AmpenetSimulator start() {
            return build().start();
        }
    }

}
