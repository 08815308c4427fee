package dev.ferry.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Node project under src/test that drives the emulator with a real third-party npm client: its
 * dependencies are installed with {@code npm ci} only when package-lock.json changed, and its
 * script runs with the emulator's addresses in the environment.
 */
public final class NodeProject {
  private final Path dir;

  public NodeProject(Path dir) {
    this.dir = dir;
  }

  public void installDependencies() throws Exception {
    Path lock = dir.resolve("package-lock.json");
    String hash =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(lock)));
    Path marker = dir.resolve("node_modules").resolve(".ferry-lock-sha256");
    if (Files.exists(marker) && Files.readString(marker).trim().equals(hash)) {
      return;
    }
    run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), Duration.ofMinutes(10));
    Files.writeString(marker, hash);
  }

  /** Runs a script with node; returns its output, failing when it fails or overruns. */
  public String node(String script, Map<String, String> env, Duration timeout) throws Exception {
    return run(List.of("node", script), env, timeout);
  }

  private String run(List<String> command, Map<String, String> env, Duration timeout)
      throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    String out;
    try (var in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    boolean finished = p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
    System.out.println(out);
    assertThat(finished).as(String.join(" ", command) + " finished in time").isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    return out;
  }
}
