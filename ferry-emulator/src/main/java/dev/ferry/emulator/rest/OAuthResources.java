package dev.ferry.emulator.rest;

import dev.ferry.emulator.auth.Session;
import dev.ferry.emulator.control.EndpointClass;
import dev.ferry.emulator.http.Exchange;
import dev.ferry.emulator.http.OAuthException;
import dev.ferry.emulator.http.Router;
import dev.ferry.emulator.http.Router.Access;
import dev.ferry.emulator.org.OrgIdentity;
import dev.ferry.emulator.server.EmulatorContext;
import dev.ferry.emulator.server.EmulatorOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The OAuth 2.0 endpoints: token (password, refresh_token, client_credentials, JWT bearer,
 * authorization_code), authorize (auto-approves; no login page), revoke.
 */
public final class OAuthResources {
  private static final String JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  private final EmulatorContext ctx;

  public OAuthResources(EmulatorContext ctx) {
    this.ctx = ctx;
  }

  public void register(Router r) {
    r.add("POST", "/services/oauth2/token", EndpointClass.OAUTH, Access.PUBLIC, this::token);
    r.add("GET", "/services/oauth2/authorize", EndpointClass.OAUTH, Access.PUBLIC, this::authorize);
    r.add(
        "POST", "/services/oauth2/authorize", EndpointClass.OAUTH, Access.PUBLIC, this::authorize);
    r.add("POST", "/services/oauth2/revoke", EndpointClass.OAUTH, Access.PUBLIC, this::revoke);
    r.add("GET", "/services/oauth2/revoke", EndpointClass.OAUTH, Access.PUBLIC, this::revoke);
  }

  private void token(Exchange ex) {
    String grant = ex.formOrQuery("grant_type");
    if (grant == null || grant.isBlank()) {
      throw new OAuthException("unsupported_grant_type", "grant type not supported");
    }
    EmulatorOptions o = ctx.options();
    OrgIdentity id = ctx.identity();
    switch (grant) {
      case "password" -> {
        checkClient(ex, true);
        checkActive();
        String username = ex.formOrQuery("username");
        String password = ex.formOrQuery("password");
        if (!o.username().equalsIgnoreCase(nvl(username)) || !passwordMatches(nvl(password))) {
          throw new OAuthException("invalid_grant", "authentication failure");
        }
        ex.json(200, tokenResponse(ctx.tokens().issue(id.userId(), null), null));
      }
      case "client_credentials" -> {
        checkClient(ex, true);
        checkActive();
        ex.json(200, tokenResponse(ctx.tokens().issue(id.userId(), null), null));
      }
      case "refresh_token" -> {
        checkClient(ex, false);
        checkActive();
        String refresh = ex.formOrQuery("refresh_token");
        String user = refresh == null ? null : ctx.tokens().refreshTokenUser(refresh).orElse(null);
        if (user == null) {
          throw new OAuthException("invalid_grant", "expired access/refresh token");
        }
        ex.json(200, tokenResponse(ctx.tokens().issue(user, refresh), null));
      }
      case "authorization_code" -> {
        checkClient(ex, true);
        checkActive();
        String code = ex.formOrQuery("code");
        var redeemed = code == null ? null : ctx.tokens().redeemCode(code).orElse(null);
        if (redeemed == null) {
          throw new OAuthException("invalid_grant", "invalid authorization code");
        }
        String redirect = ex.formOrQuery("redirect_uri");
        if (redirect != null && !redirect.equals(redeemed.redirectUri())) {
          throw new OAuthException(
              "redirect_uri_mismatch", "redirect_uri must match configuration");
        }
        if (redeemed.codeChallenge() != null) {
          String verifier = ex.formOrQuery("code_verifier");
          if (verifier == null || !redeemed.codeChallenge().equals(s256(verifier))) {
            throw new OAuthException("invalid_grant", "invalid code verifier");
          }
        }
        String refresh = ctx.tokens().issueRefreshToken(redeemed.userId());
        ex.json(200, tokenResponse(ctx.tokens().issue(redeemed.userId(), refresh), refresh));
      }
      case JWT_GRANT -> {
        checkActive();
        String assertion = ex.formOrQuery("assertion");
        if (assertion == null || assertion.isBlank()) {
          throw new OAuthException("invalid_request", "assertion is required");
        }
        if (ctx.jwt() == null) {
          throw new OAuthException("invalid_client", "invalid client credentials");
        }
        JsonNode claims;
        try {
          claims = ctx.jwt().verify(assertion);
        } catch (IllegalArgumentException e) {
          throw new OAuthException("invalid_grant", "invalid assertion");
        }
        if (!o.clientId().equals(claims.path("iss").asString(""))) {
          throw new OAuthException("invalid_client_id", "client identifier invalid");
        }
        long exp = claims.path("exp").asLong(0);
        if (exp == 0 || Instant.ofEpochSecond(exp).isBefore(ctx.clock().instant())) {
          throw new OAuthException("invalid_grant", "expired authorization code");
        }
        if (!o.username().equalsIgnoreCase(claims.path("sub").asString(""))) {
          throw new OAuthException("invalid_grant", "user hasn't approved this consumer");
        }
        ex.json(200, tokenResponse(ctx.tokens().issue(id.userId(), null), null));
      }
      default -> throw new OAuthException("unsupported_grant_type", "grant type not supported");
    }
  }

  private boolean passwordMatches(String given) {
    EmulatorOptions o = ctx.options();
    return given.equals(o.password() + o.securityToken())
        || (o.securityToken().isEmpty() && given.equals(o.password()));
  }

  private void checkActive() {
    if (!ctx.active()) {
      throw new OAuthException("inactive_org", "organization is inactive");
    }
  }

  /** client_id (and secret when required) from the body or HTTP Basic. */
  private void checkClient(Exchange ex, boolean secretRequired) {
    String id = ex.formOrQuery("client_id");
    String secret = ex.formOrQuery("client_secret");
    String basic = ex.header("Authorization");
    if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new OAuthException("invalid_client", "invalid client credentials");
      }
      int colon = decoded.indexOf(':');
      if (colon > 0) {
        id = java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
        secret = java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
      }
    }
    EmulatorOptions o = ctx.options();
    if (id == null || !id.equals(o.clientId())) {
      throw new OAuthException("invalid_client_id", "client identifier invalid");
    }
    if ((secretRequired || secret != null) && !o.clientSecret().equals(secret)) {
      throw new OAuthException("invalid_client", "invalid client credentials");
    }
  }

  private Map<String, Object> tokenResponse(Session s, @Nullable String refreshToken) {
    OrgIdentity id = ctx.identity();
    String identityUrl = ctx.baseUrl() + "/id/" + id.orgId() + "/" + id.userId();
    String issuedAt = Long.toString(s.issuedAt().toEpochMilli());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("access_token", s.accessToken());
    if (refreshToken != null) {
      m.put("refresh_token", refreshToken);
    }
    m.put("signature", sign(identityUrl + issuedAt));
    m.put("scope", refreshToken != null ? "refresh_token api id" : "api id");
    m.put("instance_url", ctx.baseUrl());
    m.put("id", identityUrl);
    m.put("token_type", "Bearer");
    m.put("issued_at", issuedAt);
    return m;
  }

  private String sign(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              ctx.options().clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String s256(String verifier) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The web-server flow's authorize step, approved at once for the configured user. */
  private void authorize(Exchange ex) {
    String responseType = ex.formOrQuery("response_type");
    String clientId = ex.formOrQuery("client_id");
    String redirect = ex.formOrQuery("redirect_uri");
    if (clientId == null || !clientId.equals(ctx.options().clientId())) {
      throw new OAuthException("invalid_client_id", "client identifier invalid");
    }
    if (redirect == null || redirect.isBlank()) {
      throw new OAuthException("redirect_uri_missing", "redirect_uri must be provided");
    }
    if (!"code".equals(responseType)) {
      throw new OAuthException("unsupported_response_type", "response type not supported");
    }
    checkActive();
    String challenge = ex.formOrQuery("code_challenge");
    String code = ctx.tokens().issueCode(ctx.identity().userId(), redirect, challenge);
    String state = ex.formOrQuery("state");
    StringBuilder location = new StringBuilder(redirect);
    location.append(redirect.contains("?") ? '&' : '?').append("code=").append(enc(code));
    if (state != null) {
      location.append("&state=").append(enc(state));
    }
    ex.redirect(location.toString());
  }

  private void revoke(Exchange ex) {
    String token = ex.formOrQuery("token");
    if (token == null || !ctx.tokens().revoke(token)) {
      throw new OAuthException("unsupported_token_type", "this token type is not supported");
    }
    ex.status(200);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String nvl(@Nullable String s) {
    return s == null ? "" : s;
  }
}
