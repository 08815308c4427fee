package dev.ferry.engine.events;

import dev.ferry.core.config.Settings;
import java.time.Duration;

/** Accelerated polling's settings, resolved once (see {@link EventSettings}). */
public record EventConfig(
    boolean enabled, Duration safetyPoll, Duration debounce, Duration lease, int fallbackAfter) {

  public static EventConfig from(Settings s) {
    return new EventConfig(
        s.get(EventSettings.ENABLED),
        s.get(EventSettings.SAFETY_POLL),
        Duration.ofMillis(s.get(EventSettings.DEBOUNCE_MILLIS)),
        s.get(EventSettings.LEASE),
        s.get(EventSettings.FALLBACK_AFTER));
  }
}
