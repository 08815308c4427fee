package dev.ferry.salesforce.auth;

import dev.ferry.core.error.InactiveOrgException;
import dev.ferry.core.error.SalesforceError;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current access token, obtained lazily and renewed on demand. Renewals are serialised: when
 * several threads see the same expired token, one asks Salesforce for a new one and the others
 * reuse it (the jsforce refresh-delegate model). A rotated refresh token replaces the old one.
 */
public final class Session {
  private static final Logger log = LoggerFactory.getLogger(Session.class);

  private final TokenEndpoint endpoint;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile @Nullable AccessToken current;
  private Credentials credentials;
  private final @Nullable String expectedOrg;
  private long renewals;

  public Session(TokenEndpoint endpoint, Credentials credentials) {
    this(endpoint, credentials, null);
  }

  /**
   * @param expectedOrg the org every login must reach, or null for any
   */
  public Session(TokenEndpoint endpoint, Credentials credentials, @Nullable String expectedOrg) {
    this.endpoint = endpoint;
    this.credentials = credentials;
    this.expectedOrg = expectedOrg;
  }

  /** The token to use now, logging in first if there is none yet. */
  public AccessToken current() {
    AccessToken token = current;
    return token != null ? token : renew(null);
  }

  /**
   * Replaces {@code stale} with a new token, unless another thread already did (then that token is
   * returned). Throws the classified error when Salesforce refuses: {@code
   * SalesforceAuthException}, {@code InactiveOrgException}, or retriable {@code
   * SalesforceUnavailableException} when the token endpoint itself is unavailable.
   */
  public AccessToken renew(@Nullable AccessToken stale) {
    lock.lock();
    try {
      AccessToken now = current;
      if (now != null && now != stale) return now;
      TokenEndpoint.Grant grant = endpoint.request(credentials);
      requireExpectedOrg(grant.token());
      String rotated = grant.response().refreshToken();
      if (credentials instanceof Credentials.RefreshToken rt
          && rotated != null
          && !rotated.equals(rt.refreshToken())) {
        credentials = new Credentials.RefreshToken(rt.clientId(), rt.clientSecret(), rotated);
      }
      current = grant.token();
      renewals++;
      log.atInfo()
          .setMessage(stale == null ? "logged in to salesforce" : "renewed salesforce session")
          .addKeyValue("flow", credentials.flow())
          .addKeyValue("instance", grant.token().instanceUrl())
          .addKeyValue("org", grant.token().organizationId())
          .log();
      return grant.token();
    } finally {
      lock.unlock();
    }
  }

  /**
   * A sandbox refresh (or a login moved to another org) leaves the credentials working but reaches
   * a different org: refused as an inactive org, naming both ids, and the token is not kept.
   */
  private void requireExpectedOrg(AccessToken token) {
    String org = token.organizationId();
    if (expectedOrg == null || org == null || sameOrg(expectedOrg, org)) return;
    throw new InactiveOrgException(
        new SalesforceError(
            "ORG_CHANGED",
            0,
            "the login now reaches Salesforce org "
                + org
                + ", not org "
                + expectedOrg
                + " that this connection syncs: the org was replaced (a sandbox refresh?)."
                + " Authorize the connection again to sync the new org (every mapping is then"
                + " reloaded from it)",
            null,
            null));
  }

  /** Org ids compare on their case-sensitive 15-character form (18 adds a checksum). */
  private static boolean sameOrg(String a, String b) {
    return a.length() >= 15 && b.length() >= 15 && a.regionMatches(0, b, 0, 15);
  }

  /** Tokens obtained so far (the first login included). */
  public long renewals() {
    lock.lock();
    try {
      return renewals;
    } finally {
      lock.unlock();
    }
  }
}
