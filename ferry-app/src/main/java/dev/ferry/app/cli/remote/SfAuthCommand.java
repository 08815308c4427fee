package dev.ferry.app.cli.remote;

import static dev.ferry.app.config.AppSettings.SF_CLIENT_ID;
import static dev.ferry.app.config.AppSettings.SF_CLIENT_SECRET;
import static dev.ferry.app.config.AppSettings.SF_JWT_KEY_FILE;
import static dev.ferry.app.config.AppSettings.SF_LOGIN_URL;
import static dev.ferry.app.config.AppSettings.SF_PASSWORD;
import static dev.ferry.app.config.AppSettings.SF_REFRESH_TOKEN;
import static dev.ferry.app.config.AppSettings.SF_USERNAME;

import dev.ferry.app.config.ConfigLoader;
import dev.ferry.app.config.ConfigSources;
import dev.ferry.core.config.Setting;
import dev.ferry.core.config.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ferry sf:auth}: (re-)authorizes the connection with a connected app's credentials, through
 * one of Ferry's OAuth flows (Heroku Connect opens a browser instead). The body is the {@code
 * credentials} object of {@code POST /api/v3/connections}. Secrets come from a file option, the
 * {@code FERRY_SF_*} variable or a prompt that does not echo; never from a plain option (it would
 * show in the process list) and never printed.
 */
@Command(
    name = "sf:auth",
    mixinStandardHelpOptions = true,
    description = {
      "Authorize the connection to Salesforce with a connected app: username-password, refresh",
      "token, JWT bearer (key file) or client credentials. Secrets come from --*-file options,",
      "the FERRY_SF_* variables, or a prompt."
    })
public final class SfAuthCommand extends RemoteCommand {
  enum Flow {
    PASSWORD,
    REFRESH_TOKEN,
    JWT_BEARER,
    CLIENT_CREDENTIALS
  }

  @Option(
      names = "--flow",
      paramLabel = "FLOW",
      description =
          "password, refresh-token, jwt-bearer or client-credentials (default: from what is given).")
  String flow;

  @Option(
      names = "--login-url",
      paramLabel = "URL",
      description = "Where to log in (FERRY_SF_LOGIN_URL; default https://login.salesforce.com).")
  String loginUrl;

  @Option(
      names = {"-e", "--environment"},
      paramLabel = "ENV",
      description = "production (login.salesforce.com) or sandbox (test.salesforce.com).")
  String environment;

  @Option(
      names = {"-d", "--domain"},
      paramLabel = "HOST",
      description = "The org's My Domain host, e.g. acme.my.salesforce.com.")
  String domain;

  @Option(
      names = "--client-id",
      paramLabel = "KEY",
      description = "Connected app consumer key (FERRY_SF_CLIENT_ID).")
  String clientId;

  @Option(
      names = "--username",
      paramLabel = "USER",
      description = "Salesforce user (FERRY_SF_USERNAME), for password and JWT bearer.")
  String username;

  @Option(
      names = "--client-secret-file",
      paramLabel = "FILE",
      description = "File holding the consumer secret (else FERRY_SF_CLIENT_SECRET, else asked).")
  Path clientSecretFile;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "File holding password+security token (else FERRY_SF_PASSWORD, else asked).")
  Path passwordFile;

  @Option(
      names = "--refresh-token-file",
      paramLabel = "FILE",
      description = "File holding the refresh token (else FERRY_SF_REFRESH_TOKEN, else asked).")
  Path refreshTokenFile;

  @Option(
      names = "--jwt-key-file",
      paramLabel = "FILE",
      description = "PEM private key for the JWT bearer flow (FERRY_SF_JWT_KEY_FILE).")
  Path jwtKeyFile;

  @Option(
      names = "--api-version",
      paramLabel = "V",
      description = "Salesforce API version to use, e.g. 62.0 (default: the server's).")
  String apiVersion;

  public SfAuthCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int run(Remote r) {
    ObjectNode credentials = credentials();
    JsonNode c = r.connection();
    JsonNode answer =
        r.api()
            .post(
                Remote.API + "/connections/" + c.path("id").asString() + "/actions/authorize",
                credentials)
            .json();
    Output out = r.out();
    if (out.json()) {
      out.json(answer);
    } else {
      String state = answer.path("state").asString("");
      out.line(
          "Authorized connection "
              + Remote.label(c)
              + " with the "
              + credentials.path("flow").asString()
              + " flow at "
              + credentials.path("login_url").asString()
              + (state.isEmpty() ? "." : "; state " + state + "."));
    }
    return ExitCodes.OK;
  }

  /** The credentials object, every secret resolved; usage errors name what is missing. */
  ObjectNode credentials() {
    Settings s = settings();
    String id = s.get(SF_CLIENT_ID);
    if (id == null) {
      throw CliException.usage("The consumer key is needed: --client-id or FERRY_SF_CLIENT_ID.");
    }
    Path keyFile = jwtKeyFile != null ? jwtKeyFile : pathOrNull(s.get(SF_JWT_KEY_FILE));
    String password = secret(passwordFile, s.get(SF_PASSWORD));
    String refresh = secret(refreshTokenFile, s.get(SF_REFRESH_TOKEN));
    String user = s.get(SF_USERNAME);
    Flow f = flow(password, refresh, keyFile, user);
    ObjectNode body = Output.object();
    body.put("login_url", loginUrl(s));
    body.put("flow", f.name().toLowerCase(Locale.ROOT));
    body.put("client_id", id);
    switch (f) {
      case PASSWORD -> {
        body.put("username", required(user, "the username: --username or FERRY_SF_USERNAME"));
        body.put(
            "password",
            password != null
                ? password
                : ask("Salesforce password (+ security token)", "password"));
        body.put("client_secret", clientSecret(s, true));
      }
      case REFRESH_TOKEN -> {
        body.put(
            "refresh_token", refresh != null ? refresh : ask("Refresh token", "refresh token"));
        String secret = clientSecret(s, false);
        if (secret != null) body.put("client_secret", secret);
      }
      case JWT_BEARER -> {
        body.put("username", required(user, "the username: --username or FERRY_SF_USERNAME"));
        body.put(
            "private_key",
            pem(required(keyFile, "the key file: --jwt-key-file or FERRY_SF_JWT_KEY_FILE")));
      }
      case CLIENT_CREDENTIALS -> body.put("client_secret", clientSecret(s, true));
    }
    if (apiVersion != null) body.put("api_version", SchemaDiffCommand.normalize(apiVersion));
    return body;
  }

  private Settings settings() {
    Map<String, String> flags = new LinkedHashMap<>();
    put(flags, SF_LOGIN_URL, loginUrl);
    put(flags, SF_CLIENT_ID, clientId);
    put(flags, SF_USERNAME, username);
    List<Setting<?>> declared =
        List.of(
            SF_LOGIN_URL,
            SF_CLIENT_ID,
            SF_CLIENT_SECRET,
            SF_USERNAME,
            SF_PASSWORD,
            SF_REFRESH_TOKEN,
            SF_JWT_KEY_FILE);
    return ConfigLoader.load(declared, ConfigSources.of(flags, env.variables()), List.of());
  }

  private static void put(Map<String, String> flags, Setting<?> s, @Nullable String value) {
    if (value != null) flags.put(s.key(), value);
  }

  private String loginUrl(Settings s) {
    int given =
        (loginUrl != null ? 1 : 0) + (environment != null ? 1 : 0) + (domain != null ? 1 : 0);
    if (given > 1)
      throw CliException.usage("Give only one of --login-url, --environment, --domain.");
    if (environment != null) {
      return switch (environment.strip().toLowerCase(Locale.ROOT)) {
        case "production" -> "https://login.salesforce.com";
        case "sandbox" -> "https://test.salesforce.com";
        default ->
            throw CliException.usage(
                "--environment must be production or sandbox (for a My Domain use --domain)");
      };
    }
    if (domain != null) {
      String host = domain.strip().replaceFirst("^https?://", "").replaceAll("/+$", "");
      if (!host.matches("[A-Za-z0-9.-]+(:\\d+)?")) {
        throw CliException.usage("--domain must be a host name, e.g. acme.my.salesforce.com");
      }
      return "https://" + host;
    }
    return s.get(SF_LOGIN_URL);
  }

  private Flow flow(
      @Nullable String password,
      @Nullable String refresh,
      @Nullable Path keyFile,
      @Nullable String user) {
    if (flow != null) {
      try {
        return Flow.valueOf(flow.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw CliException.usage(
            "--flow must be password, refresh-token, jwt-bearer or client-credentials, got '"
                + flow
                + "'");
      }
    }
    if (password != null) return Flow.PASSWORD;
    if (refresh != null) return Flow.REFRESH_TOKEN;
    if (keyFile != null) return Flow.JWT_BEARER;
    if (user != null) return Flow.PASSWORD;
    return Flow.CLIENT_CREDENTIALS;
  }

  private @Nullable String clientSecret(Settings s, boolean needed) {
    String secret = secret(clientSecretFile, s.get(SF_CLIENT_SECRET));
    if (secret != null || !needed) return secret;
    return ask("Consumer secret", "consumer secret");
  }

  /** From the file option, else the variable; null when neither is given. */
  private static @Nullable String secret(@Nullable Path file, @Nullable String fromEnv) {
    if (file != null) {
      String text = read(file).replaceAll("[\\r\\n]+$", "");
      if (text.isEmpty()) throw CliException.usage(file + " is empty");
      return text;
    }
    return fromEnv;
  }

  private String ask(String prompt, String what) {
    char[] typed = env.prompt().read(prompt + ": ");
    if (typed == null) {
      throw CliException.usage(
          "The "
              + what
              + " is needed: give its --*-file option or FERRY_SF_* variable, or run in a terminal"
              + " to be asked.");
    }
    try {
      String s = new String(typed).strip();
      if (s.isEmpty()) throw CliException.usage("No " + what + " was typed.");
      return s;
    } finally {
      Arrays.fill(typed, '\0');
    }
  }

  private static String pem(Path file) {
    String text = read(file);
    if (!text.contains("-----BEGIN") || !text.contains("PRIVATE KEY-----")) {
      throw CliException.usage(file + " is not a PEM private key");
    }
    return text;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CliException.usage("Cannot read " + file + ": " + e.getClass().getSimpleName());
    }
  }

  private static @Nullable Path pathOrNull(@Nullable String path) {
    return path == null ? null : Path.of(path);
  }

  private static <T> T required(@Nullable T value, String what) {
    if (value == null) throw CliException.usage("The " + what + " is needed.");
    return value;
  }
}
