package dev.ferry.core.config;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One configuration key, declared once: its name, environment variable, type, default, validation
 * and documentation. Settings are resolved by {@link Settings}; the configuration reference ({@code
 * docs/configuration.md}) is generated from the declarations by {@link ConfigReference}.
 *
 * @param key dotted property name (e.g. {@code ferry.drift.delay-seconds}), also the
 *     flag/properties key
 * @param env environment variable (e.g. {@code FERRY_DRIFT_DELAY_SECONDS})
 * @param group section of the reference (e.g. "Server", "Sync")
 * @param type a short type name for the docs ("seconds", "integer", "string", ...)
 * @param defaultValue null means "no default": the setting is optional unless {@code required}
 * @param secret secrets are masked whenever the effective configuration is printed
 */
public record Setting<T>(
    String key,
    String env,
    String group,
    String type,
    @Nullable T defaultValue,
    boolean required,
    boolean secret,
    String doc,
    Function<String, T> parser,
    Validator<T> validator) {

  public Setting {
    Objects.requireNonNull(key);
    Objects.requireNonNull(env);
    Objects.requireNonNull(doc);
    Objects.requireNonNull(parser);
    Objects.requireNonNull(validator);
  }

  /** Checks a parsed value; returns a problem description, or null when the value is fine. */
  @FunctionalInterface
  public interface Validator<T> {
    @Nullable String problem(T value);

    static <T> Validator<T> any() {
      return v -> null;
    }
  }

  public static Builder<String> string(String key, String env) {
    return new Builder<>(key, env, "string", s -> s);
  }

  public static Builder<Integer> integer(String key, String env) {
    return new Builder<>(key, env, "integer", s -> Integer.valueOf(s.trim()));
  }

  public static Builder<Long> longValue(String key, String env) {
    return new Builder<>(key, env, "integer", s -> Long.valueOf(s.trim()));
  }

  public static Builder<Boolean> bool(String key, String env) {
    return new Builder<>(
        key,
        env,
        "boolean",
        s ->
            switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
              case "true", "yes", "1", "on" -> true;
              case "false", "no", "0", "off" -> false;
              default -> throw new IllegalArgumentException("expected true or false");
            });
  }

  /** A duration given in whole seconds. */
  public static Builder<Duration> seconds(String key, String env) {
    return new Builder<>(key, env, "seconds", s -> Duration.ofSeconds(Long.parseLong(s.trim())));
  }

  public static <E extends Enum<E>> Builder<E> enumValue(String key, String env, Class<E> type) {
    return new Builder<>(
        key,
        env,
        "one of "
            + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT),
        s -> Enum.valueOf(type, s.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_')));
  }

  /** Renders a value the way it would be written in the environment (for docs and logs). */
  public String render(@Nullable Object value) {
    if (value == null) return "";
    if (value instanceof Duration d) return Long.toString(d.toSeconds());
    if (value instanceof Enum<?> e) return e.name().toLowerCase(java.util.Locale.ROOT);
    return value.toString();
  }

  /** Fluent declaration. */
  public static final class Builder<T> {
    private final String key;
    private final String env;
    private final String type;
    private final Function<String, T> parser;
    private String group = "General";
    private @Nullable T defaultValue;
    private boolean required;
    private boolean secret;
    private String doc = "";
    private Validator<T> validator = Validator.any();

    private Builder(String key, String env, String type, Function<String, T> parser) {
      this.key = key;
      this.env = env;
      this.type = type;
      this.parser = parser;
    }

    public Builder<T> group(String group) {
      this.group = group;
      return this;
    }

    public Builder<T> defaultValue(T value) {
      this.defaultValue = value;
      return this;
    }

    public Builder<T> required() {
      this.required = true;
      return this;
    }

    public Builder<T> secret() {
      this.secret = true;
      return this;
    }

    public Builder<T> doc(String doc) {
      this.doc = doc;
      return this;
    }

    public Builder<T> validate(Validator<T> validator) {
      this.validator = validator;
      return this;
    }

    public Setting<T> build() {
      return new Setting<>(
          key, env, group, type, defaultValue, required, secret, doc, parser, validator);
    }
  }

  /** Common validators. */
  public static final class Checks {
    private Checks() {}

    public static Validator<Integer> between(int min, int max) {
      return v ->
          v < min || v > max ? "must be between " + min + " and " + max + ", got " + v : null;
    }

    public static Validator<Long> atLeast(long min) {
      return v -> v < min ? "must be at least " + min + ", got " + v : null;
    }

    public static Validator<Duration> durationBetween(Duration min, Duration max) {
      return v ->
          v.compareTo(min) < 0 || v.compareTo(max) > 0
              ? "must be between "
                  + min.toSeconds()
                  + " and "
                  + max.toSeconds()
                  + " seconds, got "
                  + v.toSeconds()
              : null;
    }

    public static Validator<String> matches(String regex, String what) {
      java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
      return v -> p.matcher(v).matches() ? null : "must be " + what + ", got '" + v + "'";
    }
  }
}
