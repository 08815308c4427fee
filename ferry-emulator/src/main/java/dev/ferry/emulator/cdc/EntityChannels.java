package dev.ferry.emulator.cdc;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Names of change event entities and channels: {@code Account} → {@code AccountChangeEvent}; {@code
 * MyObj__c} → {@code MyObj__ChangeEvent}; topics {@code /data/ChangeEvents} (every selected entity)
 * and {@code /data/<Entity>ChangeEvent}.
 */
public final class EntityChannels {
  public static final String ALL_TOPIC = "/data/ChangeEvents";
  private static final String DATA = "/data/";
  private static final String SUFFIX = "ChangeEvent";

  private EntityChannels() {}

  /** The change event entity of an object. */
  public static String channelOf(String objectName) {
    if (objectName.toLowerCase(Locale.ROOT).endsWith("__c")) {
      return objectName.substring(0, objectName.length() - 1) + SUFFIX;
    }
    return objectName + SUFFIX;
  }

  /** The object of a change event entity name ({@code X__ChangeEvent} → {@code X__c}), or null. */
  public static @Nullable String objectOf(String channel) {
    if (!channel.endsWith(SUFFIX) || channel.length() == SUFFIX.length()) {
      return null;
    }
    String base = channel.substring(0, channel.length() - SUFFIX.length());
    return base.endsWith("__") ? base + "c" : base;
  }

  /** The entity of a per-entity topic ({@code /data/AccountChangeEvent}), or null for others. */
  public static @Nullable String entityOfTopic(String topic) {
    if (!topic.startsWith(DATA) || topic.equals(ALL_TOPIC)) {
      return null;
    }
    String channel = topic.substring(DATA.length());
    return objectOf(channel) == null ? null : channel;
  }

  public static String topicOf(String channel) {
    return DATA + channel;
  }
}
