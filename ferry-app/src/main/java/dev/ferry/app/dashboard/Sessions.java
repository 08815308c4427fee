package dev.ferry.app.dashboard;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Dashboard sessions, in this process's memory: a random id (the cookie) per login, each with its
 * own CSRF token and a one-time flash message. A session ends at logout, after {@link #idle}
 * without a request, or {@link #absolute} after login; the oldest goes when {@link #max} are open.
 * A restart logs everybody out.
 */
final class Sessions {
  static final Duration IDLE = Duration.ofHours(8);
  static final Duration ABSOLUTE = Duration.ofHours(24);
  static final int MAX = 1_000;

  /** One login. Mutable only through its synchronized methods. */
  static final class Session {
    private final String id;
    private final String csrf;
    private final Instant createdAt;
    private Instant lastSeen;
    private Model.@Nullable Flash flash;

    private Session(String id, String csrf, Instant now) {
      this.id = id;
      this.csrf = csrf;
      this.createdAt = now;
      this.lastSeen = now;
    }

    String id() {
      return id;
    }

    String csrf() {
      return csrf;
    }

    synchronized void flash(Model.Flash f) {
      this.flash = f;
    }

    /** The flash message, once. */
    synchronized Model.@Nullable Flash takeFlash() {
      Model.Flash f = flash;
      flash = null;
      return f;
    }

    @Override
    public String toString() {
      return "Session[created=" + createdAt + "]"; // never the id or the token
    }
  }

  private final InstantSource clock;
  private final Duration idle;
  private final Duration absolute;
  private final int max;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> sessions = new LinkedHashMap<>();

  Sessions(InstantSource clock) {
    this(clock, IDLE, ABSOLUTE, MAX);
  }

  Sessions(InstantSource clock, Duration idle, Duration absolute, int max) {
    this.clock = clock;
    this.idle = idle;
    this.absolute = absolute;
    this.max = max;
  }

  synchronized Session create() {
    Instant now = clock.instant();
    purge(now);
    while (sessions.size() >= max) {
      Iterator<String> oldest = sessions.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    Session s = new Session(token(), token(), now);
    sessions.put(s.id, s);
    return s;
  }

  /** The live session with this id (its idle time starts again), or empty. */
  synchronized Optional<Session> find(@Nullable String id) {
    if (id == null || id.isEmpty()) return Optional.empty();
    Session s = sessions.get(id);
    if (s == null) return Optional.empty();
    Instant now = clock.instant();
    if (expired(s, now)) {
      sessions.remove(id);
      return Optional.empty();
    }
    s.lastSeen = now;
    return Optional.of(s);
  }

  synchronized void remove(String id) {
    sessions.remove(id);
  }

  synchronized int size() {
    return sessions.size();
  }

  private boolean expired(Session s, Instant now) {
    return !now.isBefore(s.lastSeen.plus(idle)) || !now.isBefore(s.createdAt.plus(absolute));
  }

  private void purge(Instant now) {
    sessions.values().removeIf(s -> expired(s, now));
  }

  private String token() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
