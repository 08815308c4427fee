package dev.ferry.core.store;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Trigger-log entries waiting to be written to Salesforce (NEW, PENDING, REQUEUE).
 *
 * @param oldestCreatedAt when the oldest of them was captured; null when none waits
 */
public record Backlog(long waiting, @Nullable Instant oldestCreatedAt) {}
