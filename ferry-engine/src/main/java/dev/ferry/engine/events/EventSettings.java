package dev.ferry.engine.events;

import dev.ferry.core.config.Setting;
import dev.ferry.core.config.Setting.Checks;
import java.time.Duration;
import java.util.List;

/**
 * Every setting of accelerated polling (mappings with {@code sf_notify_enabled}: Change Data
 * Capture events over the Pub/Sub API), declared once (group "Change events"); {@code
 * docs/read-path.md} explains them.
 */
public final class EventSettings {
  private EventSettings() {}

  private static final String GROUP = "Change events";

  public static final Setting<Boolean> ENABLED =
      Setting.bool("ferry.events.enabled", "FERRY_EVENTS_ENABLED")
          .group(GROUP)
          .defaultValue(true)
          .doc(
              "This process may hold change-event subscriptions for mappings with"
                  + " sf_notify_enabled (one process per connection holds them at a time).")
          .build();

  public static final Setting<Duration> SAFETY_POLL =
      Setting.seconds("ferry.events.safety-poll-seconds", "FERRY_EVENTS_SAFETY_POLL_SECONDS")
          .group(GROUP)
          .defaultValue(Duration.ofMinutes(10))
          .validate(Checks.durationBetween(Duration.ofSeconds(1), Duration.ofDays(1)))
          .doc(
              "While a mapping's change events flow, its regular poll runs this often (never more"
                  + " often than sf_polling_seconds): the backstop for a lost event.")
          .build();

  public static final Setting<Integer> DEBOUNCE_MILLIS =
      Setting.integer("ferry.events.debounce-ms", "FERRY_EVENTS_DEBOUNCE_MS")
          .group(GROUP)
          .defaultValue(150)
          .validate(Checks.between(0, 10_000))
          .doc(
              "After a change event, wait this long for more before reading the changed records"
                  + " back, so a burst costs few calls.")
          .build();

  public static final Setting<Duration> LEASE =
      Setting.seconds("ferry.events.lease-seconds", "FERRY_EVENTS_LEASE_SECONDS")
          .group(GROUP)
          .defaultValue(Duration.ofSeconds(30))
          .validate(Checks.durationBetween(Duration.ofSeconds(3), Duration.ofMinutes(10)))
          .doc(
              "The subscription lease of a connection: when the process holding its streams dies,"
                  + " another takes them over within this time and resumes from the stored"
                  + " replay ids.")
          .build();

  public static final Setting<Integer> FALLBACK_AFTER =
      Setting.integer("ferry.events.fallback-after-failures", "FERRY_EVENTS_FALLBACK_AFTER")
          .group(GROUP)
          .defaultValue(3)
          .validate(Checks.between(1, 100))
          .doc(
              "Consecutive failed reconnects after which a stream counts as unavailable: the"
                  + " mapping polls at sf_polling_seconds again (and a notification says so) until"
                  + " it is back.")
          .build();

  public static final List<Setting<?>> ALL =
      List.of(ENABLED, SAFETY_POLL, DEBOUNCE_MILLIS, LEASE, FALLBACK_AFTER);
}
