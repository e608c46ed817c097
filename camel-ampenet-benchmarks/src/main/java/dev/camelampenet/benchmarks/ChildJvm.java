package dev.camelampenet.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Starts a main class of this module in a child JVM with the suite's class path, output to a log file. */
final class ChildJvm {

    /**
     * The JVM flags of every client child (the overhead contenders, bulk, pacing, capacity). The common pool's
     * parallelism is set because on one or two CPUs it is 1, and CompletableFuture then starts a thread for every
     * async task, which the JDK HttpClient's sendAsync does for every answer (see the component docs, "Small machines").
     */
    static final List<String> CLIENT_FLAGS = List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC",
            "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2");

    private ChildJvm() {
    }

    static String classpath() {
        // under surefire, java.class.path is only its booter jar
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    static Process start(List<String> jvmFlags, Class<?> main, List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", classpath(), main.getName()));
        command.addAll(args);
        Files.createDirectories(log.getParent());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Runs a child to its end (killing it after {@code timeout}) and reads its {@code RESULT <json>} line. */
    static JsonNode result(List<String> jvmFlags, Class<?> main, List<String> args, Path log, Duration timeout) throws Exception {
        Process child = start(jvmFlags, main, args, log);
        try {
            if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(main.getSimpleName() + " not done after " + timeout + "; see " + log + tail(log));
            }
            if (child.exitValue() != 0) {
                throw new IllegalStateException(main.getSimpleName() + " exited with " + child.exitValue() + "; see " + log + tail(log));
            }
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith("RESULT ")) {
                    return new ObjectMapper().readTree(line.substring("RESULT ".length()));
                }
            }
            throw new IllegalStateException(main.getSimpleName() + " printed no RESULT line; see " + log + tail(log));
        } finally {
            stop(child);
        }
    }

    static void stop(Process child) throws InterruptedException {
        if (child.isAlive()) {
            child.destroy();
            if (!child.waitFor(20, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
