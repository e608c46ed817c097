package dev.camelampenet.simulator;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar camel-ampenet-simulator.jar --port 8089 --token <token> [--profile v3.8|v3.1|v3.13]
 * [--rate-limit <per minute>] [--balance <units>] [--host 127.0.0.1] [--host-kind apache|nginx] [--bug <name>[=on|off]]}.
 * Prints the console's URL, the control API's and, last, the base URL when ready, and runs until Ctrl-C.
 */
public final class SimulatorMain {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar camel-ampenet-simulator.jar [options]",
            "  --port <n>            port to listen on; 0 picks a free one (default 8089)",
            "  --token <token>       API token of the account (repeat for more accounts; default " + AmpenetSimulator.DEFAULT_TOKEN + ")",
            "  --profile <p>         server generation: v3.8 (default), v3.1 or v3.13",
            "  --rate-limit <n>      requests per minute per token (default 1000; applies from v3.8)",
            "  --balance <units>     starting SMS units of each account; -1 is unlimited (default 10000)",
            "  --host <address>      address to bind (default 127.0.0.1)",
            "  --host-kind <k>       web server in front: apache (default; a trailing slash gets a 301) or nginx",
            "  --tls                 serve HTTPS with a self-signed certificate made at start (trust it explicitly)",
            "  --tls-cert-out <path> write that certificate as PEM to <path> (implies --tls)",
            "  --bug <name>[=on|off] switch a known server bug: unscoped-sms-list, contact-list-sql-error,",
            "                        campaign-create-returns-first, single-recipient-schedule-ignored,",
            "                        campaign-repeats-shared-numbers",
            "  --help                print this help");

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        AmpenetSimulator simulator;
        try {
            simulator = parse(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (simulator == null) {
            return; // --help
        }
        try {
            simulator.start();
        } catch (RuntimeException e) {
            System.err.println("Error: " + e.getMessage() + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""));
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.stop();
            System.out.println("Ampenet simulator stopped.");
            stopped.countDown();
        }, "ampenet-simulator-shutdown"));
        printBanner(simulator, System.out);
        stopped.await();
    }

    static void printBanner(AmpenetSimulator simulator, PrintStream out) {
        out.println("Ampenet API simulator, profile " + simulator.profile().label() + ", "
                + (simulator.profile().throttled() ? "rate limit " + simulator.rateLimit() + "/min" : "no rate limit (none before v3.8)")
                + (simulator.hostKind() == HostKind.APACHE ? "" : ", " + simulator.hostKind().key() + " host"));
        if (AmpenetSimulator.DEFAULT_TOKEN.equals(simulator.token())) {
            out.println("Token: " + AmpenetSimulator.DEFAULT_TOKEN + " (the built-in default; choose one with --token)");
        }
        if (simulator.isTls()) {
            out.println("TLS: self-signed certificate, SHA-256 fingerprint " + fingerprint(simulator)
                    + "; PEM at " + simulator.controlUrl() + "/certificate");
        }
        out.println("Console: " + simulator.consoleUrl());
        out.println("Control API: " + simulator.controlUrl());
        out.println("Base URL: " + simulator.baseUrl());
        out.flush();
    }

    /** Builds the simulator from the command line; null when only help was asked for. */
    static AmpenetSimulator parse(String[] args, PrintStream out) {
        AmpenetSimulator.Builder builder = AmpenetSimulator.builder().port(8089);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--help":
                case "-h":
                    out.println(USAGE);
                    return null;
                case "--port":
                    builder.port(integer(arg, value != null ? value : next(args, ++i, arg), 0, 65535));
                    break;
                case "--token":
                    builder.token(value != null ? value : next(args, ++i, arg));
                    break;
                case "--profile":
                    builder.profile(Profile.parse(value != null ? value : next(args, ++i, arg)));
                    break;
                case "--rate-limit":
                    builder.rateLimit(integer(arg, value != null ? value : next(args, ++i, arg), 1, Integer.MAX_VALUE));
                    break;
                case "--balance":
                    builder.balance(decimal(arg, value != null ? value : next(args, ++i, arg)));
                    break;
                case "--host":
                    builder.host(value != null ? value : next(args, ++i, arg));
                    break;
                case "--tls":
                    if (value != null) {
                        throw new IllegalArgumentException("--tls takes no value");
                    }
                    builder.tls(true);
                    break;
                case "--tls-cert-out":
                    builder.certificateOut(java.nio.file.Path.of(value != null ? value : next(args, ++i, arg)));
                    break;
                case "--host-kind":
                    builder.hostKind(HostKind.parse(value != null ? value : next(args, ++i, arg)));
                    break;
                case "--bug":
                    String spec = value != null ? value : next(args, ++i, arg);
                    String[] parts = spec.split("[=:]", 2);
                    boolean on = parts.length == 1 || parts[1].equalsIgnoreCase("on") || parts[1].equalsIgnoreCase("true");
                    builder.bug(ServerBug.parse(parts[0]), on); // its error names the bug and lists the known ones
                    break;
                default:
                    throw new IllegalArgumentException("Unknown option '" + args[i] + "'");
            }
        }
        return builder.build();
    }

    private static String fingerprint(AmpenetSimulator simulator) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(simulator.certificate().getEncoded());
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(hex.length() == 0 ? "" : ":").append(String.format("%02X", b));
            }
            return hex.toString();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String next(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int integer(String option, String text, int min, int max) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n < min || n > max) {
                throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + text + "'");
        }
    }

    private static BigDecimal decimal(String option, String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got '" + text + "'");
        }
    }
}
