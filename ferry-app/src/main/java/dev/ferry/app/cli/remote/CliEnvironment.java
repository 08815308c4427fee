package dev.ferry.app.cli.remote;

import java.io.Console;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the remote commands take from the process: its environment variables (resolved through
 * declared settings, never read directly) and a way to ask the user for a secret without echoing
 * it. Tests pass their own.
 */
public record CliEnvironment(Map<String, String> variables, SecretPrompt prompt) {
  public CliEnvironment {
    variables = Map.copyOf(variables);
  }

  /** The real process: {@code System.getenv()} and the console (when there is one). */
  public static CliEnvironment system() {
    return new CliEnvironment(System.getenv(), SecretPrompt.console());
  }

  /** Reads a secret without echoing it. */
  @FunctionalInterface
  public interface SecretPrompt {
    /** The typed secret, or null when there is no terminal to ask on. */
    char @Nullable [] read(String prompt);

    static SecretPrompt console() {
      return prompt -> {
        Console console = System.console();
        return console == null ? null : console.readPassword("%s", prompt);
      };
    }

    static SecretPrompt none() {
      return prompt -> null;
    }
  }
}
