package dev.ferry.core.store;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which notifications a listing or an acknowledgement covers: created after {@code after}
 * (exclusive), before {@code before} (exclusive), of kind {@code eventType}; null: no bound.
 */
public record NotificationFilter(
    @Nullable Instant after, @Nullable Instant before, @Nullable String eventType) {
  public static final NotificationFilter ALL = new NotificationFilter(null, null, null);
}
