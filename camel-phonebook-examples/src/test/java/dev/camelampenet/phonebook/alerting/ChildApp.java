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
        return start(log, List.of("-Xmx512m"), args, null);
    }

    /**
     * Starts the application with these JVM flags and arguments, in {@code workingDir} (null: this process's), its
     * output appended to {@code log}. Nothing of this process's environment configures it (no {@code AMPENET_*},
     * {@code PHONEBOOK_*} or {@code BROKER_URL}): only the arguments do. Used by the tests and by the benchmark suite
     * (through this module's test-jar).
     */
    public static ChildApp start(Path log, List<String> jvmFlags, List<String> args, Path workingDir) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags);
        cmd.add("-cp");
        // under surefire, java.class.path may be only its booter jar
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        cmd.add("dev.camelampenet.phonebook.PhonebookApplication");
        cmd.addAll(args);
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (workingDir != null) {
            pb.directory(workingDir.toFile());
        }
        pb.environment().keySet().removeIf(k -> k.startsWith("AMPENET_") || k.startsWith("PHONEBOOK_") || k.equals("BROKER_URL"));
        return new ChildApp(pb.start(), log);
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
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
