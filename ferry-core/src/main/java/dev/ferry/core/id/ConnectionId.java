package dev.ferry.core.id;

import java.util.Objects;
import java.util.UUID;

/** A connection's id (a UUID, as in Heroku Connect's API). */
public record ConnectionId(UUID value) implements Comparable<ConnectionId> {
  public ConnectionId {
    Objects.requireNonNull(value, "connection id");
  }

  public static ConnectionId random() {
    return new ConnectionId(UUID.randomUUID());
  }

  /** Parses a UUID string; throws naming the bad value. */
  public static ConnectionId valueOf(String s) {
    try {
      return new ConnectionId(UUID.fromString(s));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a connection id (UUID): '" + s + "'", e);
    }
  }

  @Override
  public int compareTo(ConnectionId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
