package dev.ferry.core.cdc;

/**
 * Receives what one change-event stream sees. Called on the stream's own thread, one call at a
 * time; keep each call short (hand work to another thread).
 */
public interface ChangeStreamListener {

  /**
   * The stream is (again) subscribed and receiving.
   *
   * @param resumed true when it resumed from a replay id (nothing was missed); false when it
   *     started at LATEST, so changes made before it are not announced
   */
  void onSubscribed(boolean resumed);

  /** One event, in topic order. */
  void onEvent(ChangeEvent event);

  /** An idle keepalive carrying the topic's latest replay id (nothing was missed up to it). */
  void onKeepalive(ReplayId latest);

  /**
   * The stream dropped and is being re-opened from the last replay id seen, after a backoff.
   *
   * @param failures consecutive failed attempts (1 on the first drop)
   */
  void onInterrupted(String why, int failures);

  /** The stream ended for good; it will not call again. */
  void onFailed(StreamFailure failure);
}
