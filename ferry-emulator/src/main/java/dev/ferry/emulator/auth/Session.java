package dev.ferry.emulator.auth;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An issued access token and whose it is. lastActivity moves with every authenticated call. */
public final class Session {
  private final String accessToken;
  private final String userId;
  private final Instant issuedAt;
  private final @Nullable String refreshToken;
  private volatile Instant lastActivity;

  Session(String accessToken, String userId, Instant issuedAt, @Nullable String refreshToken) {
    this.accessToken = accessToken;
    this.userId = userId;
    this.issuedAt = issuedAt;
    this.refreshToken = refreshToken;
    this.lastActivity = issuedAt;
  }

  public String accessToken() {
    return accessToken;
  }

  public String userId() {
    return userId;
  }

  public Instant issuedAt() {
    return issuedAt;
  }

  public @Nullable String refreshToken() {
    return refreshToken;
  }

  Instant lastActivity() {
    return lastActivity;
  }

  void touch(Instant now) {
    lastActivity = now;
  }
}
