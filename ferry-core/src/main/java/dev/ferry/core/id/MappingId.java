package dev.ferry.core.id;

import java.util.Objects;
import java.util.UUID;

/** A mapping's id (a UUID, as in Heroku Connect's API). */
public record MappingId(UUID value) implements Comparable<MappingId> {
  public MappingId {
    Objects.requireNonNull(value, "mapping id");
  }

  public static MappingId random() {
    return new MappingId(UUID.randomUUID());
  }

  /** Parses a UUID string; throws naming the bad value. */
  public static MappingId valueOf(String s) {
    try {
      return new MappingId(UUID.fromString(s));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a mapping id (UUID): '" + s + "'", e);
    }
  }

  @Override
  public int compareTo(MappingId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
