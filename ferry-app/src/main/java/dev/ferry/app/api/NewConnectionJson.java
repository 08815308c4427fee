package dev.ferry.app.api;

import dev.ferry.app.hc.InvalidDocumentException;
import dev.ferry.core.control.ConnectionUpdate;
import dev.ferry.core.control.NewConnection;
import dev.ferry.core.control.SalesforceCredentials;
import dev.ferry.core.control.SalesforceCredentials.Flow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/v3/connections}: {@code {"name", "schema_name", "features",
 * "credentials": {"login_url", "flow", "client_id", "client_secret", "username", "password",
 * "refresh_token", "private_key", "api_version"}}}. Heroku Connect authorizes through a browser
 * redirect instead; a self-hosted service takes the connected app's credentials directly (they are
 * sealed at rest and never echoed). Without {@code flow} it is inferred: password, refresh_token,
 * private_key (JWT bearer), else client credentials.
 */
final class NewConnectionJson {
  static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final Set<String> CREDENTIAL_KEYS =
      Set.of(
          "login_url",
          "flow",
          "client_id",
          "client_secret",
          "username",
          "password",
          "refresh_token",
          "private_key",
          "api_version");

  private NewConnectionJson() {}

  static NewConnection read(JsonNode body) {
    List<String> problems = new ArrayList<>();
    if (!body.isObject()) throw new InvalidDocumentException("the body must be a JSON object");
    String name = text(body, "name", problems);
    if (name == null || name.isBlank()) problems.add("name is required");
    String schema = text(body, "schema_name", problems);
    if (schema == null) schema = "salesforce";
    if (!SCHEMA.matcher(schema).matches()) {
      problems.add(
          "schema_name must be a lower-case PostgreSQL identifier ([a-z_][a-z0-9_]*), got '"
              + schema
              + "'");
    }
    Map<String, Boolean> features = new LinkedHashMap<>();
    JsonNode f = body.get("features");
    if (f != null && !f.isNull()) {
      if (!f.isObject()) problems.add("features must be an object of booleans");
      else
        f.forEachEntry((k, v) -> {
          if (v.isBoolean()) features.put(k, v.booleanValue());
          else problems.add("features." + k + " must be true or false");
        });
    }
    SalesforceCredentials credentials = null;
    JsonNode c = body.get("credentials");
    if (c != null && !c.isNull()) {
      if (!c.isObject()) problems.add("credentials must be an object");
      else credentials = credentials(c, problems);
    }
    if (!problems.isEmpty()) throw new InvalidDocumentException(problems);
    return new NewConnection(name, schema, credentials, features);
  }

  /**
   * The body of {@code POST /connections/{id}/actions/authorize}: {@code {"credentials": {...}}}
   * (as in {@code POST /connections}) or the credentials object itself.
   */
  static SalesforceCredentials readCredentials(JsonNode body) {
    if (!body.isObject()) throw new InvalidDocumentException("the body must be a JSON object");
    JsonNode c = body.has("credentials") ? body.get("credentials") : body;
    List<String> problems = new ArrayList<>();
    if (body.has("credentials")) {
      for (String key : body.propertyNames()) {
        if (!key.equals("credentials")) {
          problems.add(key + " is not a known key (known: credentials)");
        }
      }
    }
    if (c == null || !c.isObject()) {
      throw new InvalidDocumentException("credentials must be an object");
    }
    SalesforceCredentials credentials = credentials(c, problems);
    if (!problems.isEmpty() || credentials == null) {
      if (problems.isEmpty()) problems.add("credentials are incomplete");
      throw new InvalidDocumentException(problems);
    }
    return credentials;
  }

  private static final Set<String> UPDATE_KEYS = Set.of("name", "schema_name", "db_key");

  /** The body of {@code PATCH /connections/{id}}: {@code {"name", "schema_name", "db_key"}}. */
  static ConnectionUpdate readUpdate(JsonNode body) {
    if (!body.isObject()) throw new InvalidDocumentException("the body must be a JSON object");
    List<String> problems = new ArrayList<>();
    for (String key : body.propertyNames()) {
      if (!UPDATE_KEYS.contains(key)) {
        problems.add(key + " is not a known key (known: name, schema_name, db_key)");
      }
    }
    String name = text(body, "name", problems);
    String schema = text(body, "schema_name", problems);
    String dbKey = text(body, "db_key", problems);
    if (body.has("name") && name == null && problems.isEmpty()) {
      problems.add("name must not be blank");
    }
    if (schema != null && !SCHEMA.matcher(schema).matches()) {
      problems.add(
          "schema_name must be a lower-case PostgreSQL identifier ([a-z_][a-z0-9_]*), got '"
              + schema
              + "'");
    }
    if (!problems.isEmpty()) throw new InvalidDocumentException(problems);
    if (name == null && schema == null && dbKey == null) {
      throw new InvalidDocumentException("nothing to change: give name, schema_name or db_key");
    }
    return new ConnectionUpdate(name, schema, dbKey);
  }

  private static @Nullable SalesforceCredentials credentials(JsonNode c, List<String> problems) {
    int before = problems.size();
    for (String key : c.propertyNames()) {
      if (!CREDENTIAL_KEYS.contains(key)) {
        problems.add(
            "credentials."
                + key
                + " is not a known key (known: login_url, flow,"
                + " client_id, client_secret, username, password, refresh_token, private_key,"
                + " api_version)");
      }
    }
    String loginUrl = text(c, "credentials.login_url", problems);
    if (loginUrl == null) loginUrl = "https://login.salesforce.com";
    if (!loginUrl.matches("https?://[^\\s/]+(/.*)?")) {
      problems.add("credentials.login_url must be an http(s) URL");
    }
    String clientId = text(c, "credentials.client_id", problems);
    if (clientId == null) problems.add("credentials.client_id is required");
    String secret = text(c, "credentials.client_secret", problems);
    String username = text(c, "credentials.username", problems);
    String password = text(c, "credentials.password", problems);
    String refresh = text(c, "credentials.refresh_token", problems);
    String key = text(c, "credentials.private_key", problems);
    String apiVersion = text(c, "credentials.api_version", problems);
    if (apiVersion != null && !apiVersion.matches("[1-9][0-9]\\.0")) {
      problems.add("credentials.api_version must look like 62.0, got '" + apiVersion + "'");
    }
    Flow flow = flow(text(c, "credentials.flow", problems), password, refresh, key, problems);
    if (flow != null) {
      switch (flow) {
        case PASSWORD -> {
          need(username, "username", flow, problems);
          need(password, "password", flow, problems);
          need(secret, "client_secret", flow, problems);
        }
        case REFRESH_TOKEN -> need(refresh, "refresh_token", flow, problems);
        case JWT_BEARER -> {
          need(username, "username", flow, problems);
          need(key, "private_key", flow, problems);
        }
        case CLIENT_CREDENTIALS -> need(secret, "client_secret", flow, problems);
      }
    }
    if (problems.size() > before || flow == null) return null;
    return new SalesforceCredentials(
        loginUrl, flow, clientId, secret, username, password, refresh, key, apiVersion);
  }

  private static @Nullable Flow flow(
      @Nullable String given,
      @Nullable String password,
      @Nullable String refresh,
      @Nullable String key,
      List<String> problems) {
    if (given != null) {
      try {
        return Flow.valueOf(given.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        problems.add(
            "credentials.flow must be password, refresh_token, client_credentials or jwt_bearer,"
                + " got '"
                + given
                + "'");
        return null;
      }
    }
    if (password != null) return Flow.PASSWORD;
    if (refresh != null) return Flow.REFRESH_TOKEN;
    if (key != null) return Flow.JWT_BEARER;
    return Flow.CLIENT_CREDENTIALS;
  }

  private static void need(@Nullable String value, String key, Flow flow, List<String> problems) {
    if (value == null) {
      problems.add(
          "credentials."
              + key
              + " is required by the "
              + flow.name().toLowerCase(Locale.ROOT)
              + " flow");
    }
  }

  /** The string at {@code path} ("name" or "credentials.name"); a non-string is a problem. */
  private static @Nullable String text(JsonNode node, String path, List<String> problems) {
    String key = path.substring(path.lastIndexOf('.') + 1);
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) return null;
    if (!v.isString()) {
      problems.add(path + " must be a string");
      return null;
    }
    String s = v.stringValue();
    return s.isBlank() ? null : s;
  }
}
