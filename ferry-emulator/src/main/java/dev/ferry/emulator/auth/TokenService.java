package dev.ferry.emulator.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Access tokens, refresh tokens and authorization codes. Access tokens look like real ones ({@code
 * 00D…!AQ…}) and expire after {@code ttl} without use (Salesforce's session timeout counts from the
 * last activity); all can be expired at once (a control) or die with the org (inactive org).
 */
public final class TokenService {
  private static final String TOKEN_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
  private static final Duration CODE_TTL = Duration.ofMinutes(15);

  private final InstantSource clock;
  private final Duration ttl;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
  private final Map<String, AuthorizationCode> codes = new ConcurrentHashMap<>();
  private volatile String orgId15 = "00D000000000000";

  /** A pending authorization code of the web-server flow. */
  public record AuthorizationCode(
      String userId, String redirectUri, @Nullable String codeChallenge, Instant expiresAt) {}

  public TokenService(InstantSource clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  /** The org whose id prefixes every access token. */
  public void org(String orgId18) {
    this.orgId15 = orgId18.substring(0, 15);
  }

  public Session issue(String userId, @Nullable String refreshToken) {
    String token = orgId15 + "!AQ" + randomText(94);
    Session s = new Session(token, userId, clock.instant(), refreshToken);
    sessions.put(token, s);
    return s;
  }

  public String issueRefreshToken(String userId) {
    String token = "5Aep" + randomText(83);
    refreshTokens.put(token, userId);
    return token;
  }

  /** The user a refresh token belongs to, or empty when it is unknown or revoked. */
  public Optional<String> refreshTokenUser(String token) {
    return Optional.ofNullable(refreshTokens.get(token));
  }

  public String issueCode(String userId, String redirectUri, @Nullable String codeChallenge) {
    String code = "aPrx" + randomText(60);
    codes.put(
        code,
        new AuthorizationCode(userId, redirectUri, codeChallenge, clock.instant().plus(CODE_TTL)));
    return code;
  }

  /** Consumes a code (single use); empty when unknown or expired. */
  public Optional<AuthorizationCode> redeemCode(String code) {
    AuthorizationCode c = codes.remove(code);
    if (c == null || clock.instant().isAfter(c.expiresAt())) {
      return Optional.empty();
    }
    return Optional.of(c);
  }

  /** The live session of a token, refreshing its activity; empty when unknown or timed out. */
  public Optional<Session> validate(String token) {
    Session s = sessions.get(token);
    if (s == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (now.isAfter(s.lastActivity().plus(ttl))) {
      sessions.remove(token);
      return Optional.empty();
    }
    s.touch(now);
    return Optional.of(s);
  }

  /** Whether a token is live, without counting as activity (long-lived streams check it). */
  public boolean isLive(String token) {
    Session s = sessions.get(token);
    return s != null && !clock.instant().isAfter(s.lastActivity().plus(ttl));
  }

  /** Revokes an access token, or a refresh token together with its access tokens. */
  public boolean revoke(String token) {
    if (sessions.remove(token) != null) {
      return true;
    }
    if (refreshTokens.remove(token) != null) {
      sessions.values().removeIf(s -> token.equals(s.refreshToken()));
      return true;
    }
    return false;
  }

  /** Every issued access token becomes invalid (refresh tokens stay usable). */
  public int expireAll() {
    int n = sessions.size();
    sessions.clear();
    return n;
  }

  /** Forgets everything, refresh tokens included (org deactivated). */
  public void revokeEverything() {
    sessions.clear();
    refreshTokens.clear();
    codes.clear();
  }

  public int activeSessions() {
    return sessions.size();
  }

  private String randomText(int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(TOKEN_CHARS.charAt(random.nextInt(TOKEN_CHARS.length())));
    }
    return sb.toString();
  }
}
