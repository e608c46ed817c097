package dev.camelampenet.phonebook.alerting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The phonebook application in a JVM of its own, as a user starts it; its output goes to a file. */
public final class ChildApp {

    private final Process process;
    private final Path log;

    private ChildApp(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static ChildApp start(Path log, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.camelampenet.phonebook.PhonebookApplication");
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().remove("AMPENET_API_TOKEN");
        pb.environment().remove("BROKER_URL");
        return new ChildApp(pb.start(), log);
    }

    public String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** Waits for a line of the log, failing when the process ends or time runs out. */
    public void awaitLog(String text, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (!output().contains(text)) {
            if (!process.isAlive()) {
                throw new AssertionError("the application ended (exit " + process.exitValue() + ") before logging '" + text
                        + "':\n" + tail());
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("no '" + text + "' after " + timeout + ":\n" + tail());
            }
            Thread.sleep(100);
        }
    }

    public String tail() throws IOException {
        String out = output();
        return out.length() > 6000 ? out.substring(out.length() - 6000) : out;
    }

    public Process process() {
        return process;
    }

    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: Camel Main's graceful shutdown. */
    public int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return process.exitValue();
    }
}
