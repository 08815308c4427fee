package dev.ferry.core.port;

import dev.ferry.core.cdc.ChangeStreamListener;
import dev.ferry.core.cdc.ReplayFrom;
import java.util.Optional;

/**
 * Salesforce Change Data Capture, as the accelerated poll needs it: streams of change events per
 * channel (implemented over the Pub/Sub API in {@code ferry-salesforce}), and selecting an object
 * for Change Data Capture. The stream keeps itself alive (flow control, token renewal, reconnects
 * with backoff from the last replay id seen); the caller decides what a final failure means.
 */
public interface ChangeEventSource {

  /** The channel of one object's change events: {@code /data/AccountChangeEvent}. */
  static String channelOf(String objectName) {
    String base =
        objectName.endsWith("__c") ? objectName.substring(0, objectName.length() - 1) : objectName;
    return "/data/" + base + "ChangeEvent";
  }

  /** Opens a stream on {@code channel}; events go to {@code listener} until it is closed. */
  Subscription subscribe(String channel, ReplayFrom from, ChangeStreamListener listener);

  /**
   * Selects {@code objectName} for Change Data Capture on the standard {@code ChangeEvents} channel
   * (a Tooling API {@code PlatformEventChannelMember}); true when selected (or already was).
   */
  boolean selectEntity(String objectName);

  /**
   * Whether {@code objectName} is selected for Change Data Capture; empty when the org does not say
   * (then the stream is tried anyway). A subscription to an object that is not selected may simply
   * stay silent, so this is asked first.
   */
  Optional<Boolean> isSelected(String objectName);

  /** An open stream. */
  interface Subscription extends AutoCloseable {
    /** Stops the stream (no listener calls after it returns). */
    @Override
    void close();
  }
}
