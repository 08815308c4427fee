package dev.ferry.app.config;

import static dev.ferry.app.config.AppSettings.SF_CLIENT_ID;
import static dev.ferry.app.config.AppSettings.SF_CLIENT_SECRET;
import static dev.ferry.app.config.AppSettings.SF_JWT_KEY_FILE;
import static dev.ferry.app.config.AppSettings.SF_LOGIN_URL;
import static dev.ferry.app.config.AppSettings.SF_PASSWORD;
import static dev.ferry.app.config.AppSettings.SF_REFRESH_TOKEN;
import static dev.ferry.app.config.AppSettings.SF_USERNAME;

import dev.ferry.core.config.Setting;
import dev.ferry.core.config.Settings;
import dev.ferry.core.control.SalesforceCredentials;
import dev.ferry.core.control.SalesforceCredentials.Flow;
import dev.ferry.core.error.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one connection that comes from the environment, as one Heroku Connect add-on is one
 * connection: {@code FERRY_SF_CLIENT_ID} plus exactly one login flow — {@code FERRY_SF_USERNAME} +
 * {@code FERRY_SF_PASSWORD}, {@code FERRY_SF_REFRESH_TOKEN}, or {@code FERRY_SF_JWT_KEY_FILE} +
 * {@code FERRY_SF_USERNAME}.
 */
public final class EnvConnection {
  private static final List<Setting<String>> ANY =
      List.of(
          SF_CLIENT_ID,
          SF_CLIENT_SECRET,
          SF_USERNAME,
          SF_PASSWORD,
          SF_REFRESH_TOKEN,
          SF_JWT_KEY_FILE);

  private EnvConnection() {}

  /** The cross-setting check: complete and unambiguous when any FERRY_SF_* is set. */
  public static final ConfigCheck CHECK = EnvConnection::problems;

  static List<String> problems(ConfigSources src) {
    if (ANY.stream().noneMatch(src::isSet)) return List.of();
    List<String> problems = new ArrayList<>();
    if (!src.isSet(SF_CLIENT_ID)) {
      problems.add(
          "FERRY_SF_CLIENT_ID is required when other FERRY_SF_* variables are set (the connected"
              + " app's consumer key)");
    }
    List<String> flows = new ArrayList<>();
    if (src.isSet(SF_PASSWORD)) flows.add("FERRY_SF_PASSWORD");
    if (src.isSet(SF_REFRESH_TOKEN)) flows.add("FERRY_SF_REFRESH_TOKEN");
    if (src.isSet(SF_JWT_KEY_FILE)) flows.add("FERRY_SF_JWT_KEY_FILE");
    if (flows.isEmpty()) {
      problems.add(
          "no Salesforce login flow: set FERRY_SF_USERNAME + FERRY_SF_PASSWORD,"
              + " FERRY_SF_REFRESH_TOKEN, or FERRY_SF_JWT_KEY_FILE + FERRY_SF_USERNAME");
    } else if (flows.size() > 1) {
      problems.add(
          "choose one Salesforce login flow: " + String.join(" and ", flows) + " are all set");
    } else if (src.isSet(SF_PASSWORD)) {
      if (!src.isSet(SF_USERNAME)) problems.add("FERRY_SF_PASSWORD needs FERRY_SF_USERNAME");
      if (!src.isSet(SF_CLIENT_SECRET)) {
        problems.add("the username-password flow needs FERRY_SF_CLIENT_SECRET");
      }
    } else if (src.isSet(SF_JWT_KEY_FILE)) {
      if (!src.isSet(SF_USERNAME)) problems.add("FERRY_SF_JWT_KEY_FILE needs FERRY_SF_USERNAME");
      String problem = pemProblem(Path.of(src.raw(SF_JWT_KEY_FILE)));
      if (problem != null) problems.add("FERRY_SF_JWT_KEY_FILE " + problem);
    }
    return problems;
  }

  private static String pemProblem(Path file) {
    if (!Files.isReadable(file)) return "names a file that cannot be read: " + file;
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII);
      return text.contains("-----BEGIN") && text.contains("PRIVATE KEY-----")
          ? null
          : "is not a PEM private key: " + file;
    } catch (IOException | RuntimeException e) {
      return "cannot be read (" + e.getMessage() + "): " + file;
    }
  }

  /** The credentials from the environment, or empty when no FERRY_SF_* variable is set. */
  public static Optional<SalesforceCredentials> credentials(Settings settings) {
    String clientId = settings.get(SF_CLIENT_ID);
    if (clientId == null) return Optional.empty();
    String loginUrl = settings.get(SF_LOGIN_URL);
    String secret = settings.get(SF_CLIENT_SECRET);
    String username = settings.get(SF_USERNAME);
    if (settings.get(SF_PASSWORD) != null) {
      return Optional.of(
          new SalesforceCredentials(
              loginUrl,
              Flow.PASSWORD,
              clientId,
              secret,
              username,
              settings.get(SF_PASSWORD),
              null,
              null,
              null));
    }
    if (settings.get(SF_REFRESH_TOKEN) != null) {
      return Optional.of(
          new SalesforceCredentials(
              loginUrl,
              Flow.REFRESH_TOKEN,
              clientId,
              secret,
              username,
              null,
              settings.get(SF_REFRESH_TOKEN),
              null,
              null));
    }
    String keyFile = settings.get(SF_JWT_KEY_FILE);
    if (keyFile == null) {
      throw new ConfigException("FERRY_SF_CLIENT_ID is set but no login flow is");
    }
    String pem;
    try {
      pem = Files.readString(Path.of(keyFile), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new ConfigException("FERRY_SF_JWT_KEY_FILE cannot be read: " + keyFile);
    }
    return Optional.of(
        new SalesforceCredentials(
            loginUrl, Flow.JWT_BEARER, clientId, secret, username, null, null, pem, null));
  }
}
