package dev.ferry.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where Ferry's database is, from {@code DATABASE_URL}: the Heroku form {@code
 * postgres://user:password@host:port/database?sslmode=require} (also {@code postgresql://}) or a
 * JDBC URL {@code jdbc:postgresql://host:port/database?user=...}. Credentials are kept apart from
 * the JDBC URL and {@link #toString()} never shows the password.
 *
 * @param jdbcUrl the JDBC URL without user and password (for Heroku-style input)
 * @param user user from the URL's authority, or null (then the JDBC URL or the driver decides)
 * @param password password from the URL's authority, or null
 * @param host host for display ({@code ?} when the URL does not say)
 * @param port port for display
 * @param database database name for display
 */
public record DatabaseUrl(
    String jdbcUrl,
    @Nullable String user,
    @Nullable String password,
    String host,
    int port,
    String database) {

  public static final int DEFAULT_PORT = 5432;

  /** Parses either form; throws IllegalArgumentException saying what is wrong, never the input. */
  public static DatabaseUrl parse(String raw) {
    String url = raw.trim();
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:postgresql:")) return fromJdbc(url);
    if (lower.startsWith("postgres://") || lower.startsWith("postgresql://")) return fromUri(url);
    throw new IllegalArgumentException(
        "a URL like postgres://user:password@host:5432/database or"
            + " jdbc:postgresql://host:5432/database");
  }

  private static DatabaseUrl fromUri(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("a valid URL (" + e.getReason() + ")");
    }
    String host = uri.getHost();
    if (host == null || host.isBlank()) throw new IllegalArgumentException("a URL with a host");
    String path = uri.getRawPath();
    if (path == null || path.length() <= 1) {
      throw new IllegalArgumentException("a URL naming the database, e.g. .../mydb");
    }
    String database = decode(path.substring(1));
    int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
    String user = null;
    String password = null;
    String info = uri.getRawUserInfo();
    if (info != null && !info.isEmpty()) {
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      password = colon < 0 ? null : decode(info.substring(colon + 1));
    }
    String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    String jdbc =
        "jdbc:postgresql://"
            + hostPart
            + ":"
            + port
            + "/"
            + path.substring(1)
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return new DatabaseUrl(jdbc, user, password, host, port, database);
  }

  private static DatabaseUrl fromJdbc(String url) {
    // jdbc:postgresql://host:port/db?params — the part after "jdbc:" is a URI for display only.
    String host = "?";
    int port = DEFAULT_PORT;
    String database = "?";
    try {
      URI uri = new URI(url.substring("jdbc:".length()));
      if (uri.getHost() != null) host = uri.getHost();
      if (uri.getPort() != -1) port = uri.getPort();
      if (uri.getPath() != null && uri.getPath().length() > 1)
        database = uri.getPath().substring(1);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("a valid JDBC URL (" + e.getReason() + ")");
    }
    return new DatabaseUrl(url, null, null, host, port, database);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** {@code host:port/database} (for logs and banners). */
  public String display() {
    return host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    // JDBC URLs may carry password=...; show only where the database is.
    return "DatabaseUrl[" + display() + (user == null ? "" : ", user=" + user) + "]";
  }
}
