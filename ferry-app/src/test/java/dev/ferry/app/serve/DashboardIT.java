package dev.ferry.app.serve;

import static dev.ferry.app.serve.FerryServer.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.id.ConnectionId;
import dev.ferry.testkit.EmulatorControls;
import dev.ferry.testkit.PostgresExtension;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard of a real {@code ferry serve} (PostgreSQL, the emulator over HTTP, the real engine
 * and write path): login, sessions and CSRF over plain HTTP; then headless chromium logs in, goes
 * through every page (a screenshot of each in {@code target/screenshots/}), and uses every button:
 * reload, abort, pause, resume and the retry of a write Salesforce refused, watching the state
 * change through htmx's refreshes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
  @TempDir static Path dataDir;

  static final int ACCOUNTS = 40;
  static final int CONTACTS = 400;
  static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  static final Duration WAIT = Duration.ofSeconds(60);

  FerryServer server;
  EmulatorControls controls;
  String connection;
  String accountMapping;
  String contactMapping;
  Chromium chromium;
  final HttpClient http = HttpClient.newHttpClient(); // follows no redirects

  @BeforeAll
  void start() {
    var emulator = FerryServer.emulator(Map.of("Account", ACCOUNTS, "Contact", CONTACTS));
    Map<String, String> env = FerryServer.environment(PG.jdbcUrl(), emulator, dataDir);
    // Contact (above 50 rows) loads through a Bulk API 2.0 job, so abort has a job to stop.
    env.put("FERRY_LARGE_QUERY_THRESHOLD", "50");
    server = FerryServer.start(emulator, env, null);
    controls = new EmulatorControls(emulator.baseUrl());
    connection = server.connectionId();
    accountMapping =
        createMapping(
            "Account",
            "read_only",
            "\"Id\": {}, \"IsDeleted\": {}, \"SystemModstamp\": {}, \"Name\": {}, \"Industry\": {}");
    contactMapping =
        createMapping(
            "Contact",
            "read_write",
            "\"Id\": {}, \"IsDeleted\": {}, \"SystemModstamp\": {}, \"LastName\": {},"
                + " \"FirstName\": {}, \"Email\": {}");
    server.awaitMapping(accountMapping, state("DATA_SYNCED"));
    server.awaitMapping(contactMapping, state("DATA_SYNCED"));
  }

  @AfterAll
  void stop() {
    if (chromium != null) chromium.close();
    if (server != null) {
      server.close();
      server.emulator.close();
    }
  }

  String createMapping(String object, String access, String fields) {
    var r =
        server.post(
            "/api/v3/connections/" + connection + "/mappings",
            """
            {"object_name": "%s", "config": {"access": "%s", "sf_polling_seconds": 2,
              "fields": {%s},
              "indexes": {"Id": {"unique": true}, "SystemModstamp": {"unique": false}}}}
            """
                .formatted(object, access, fields));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.json().path("id").asString();
  }

  // ---- plain HTTP: login, session cookie, CSRF

  @Test
  @Order(1)
  void everyPageNeedsALoginAndEveryActionItsCsrfToken() {
    String page = "/dashboard/connections/" + connection;
    var anonymous = get(page, null);
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.headers().firstValue("Location")).hasValue("/dashboard/login");
    var part = send(request(page + "/parts/connection", null).header("HX-Request", "true").GET());
    assertThat(part.statusCode()).isEqualTo(401);
    assertThat(part.headers().firstValue("HX-Redirect")).hasValue("/dashboard/login");
    var anonymousPause = post(page + "/pause", null, Map.of());
    assertThat(anonymousPause.statusCode()).isEqualTo(403);
    assertThat(connectionState()).isEqualTo("IDLE");

    var loginPage = get("/dashboard/login", null);
    assertThat(loginPage.statusCode()).isEqualTo(200);
    assertThat(loginPage.body()).contains("name=\"token\"");
    assertThat(loginPage.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
    assertThat(get("/dashboard/assets/htmx.min.js", null).statusCode()).isEqualTo(200);

    var wrong = post("/dashboard/login", null, Map.of("token", "not-the-token"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(wrong.body()).contains("That is not the API token");

    String cookie = login();
    var dashboard = get(page, cookie);
    assertThat(dashboard.statusCode()).isEqualTo(200);
    assertThat(dashboard.body()).contains("Account").contains("Contact");
    assertThat(dashboard.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(dashboard.headers().firstValue("Cache-Control")).hasValue("no-store");
    String csrf = csrf(dashboard.body());

    var noToken = post(page + "/pause", cookie, Map.of());
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(noToken.body()).contains("CSRF");
    var wrongToken = post(page + "/pause", cookie, Map.of("_csrf", csrf + "x"));
    assertThat(wrongToken.statusCode()).isEqualTo(403);
    var otherSession = post(page + "/pause", login(), Map.of("_csrf", csrf));
    assertThat(otherSession.statusCode()).as("a token is only good for its session").isEqualTo(403);
    assertThat(connectionState()).isEqualTo("IDLE");

    var pause = post(page + "/pause", cookie, Map.of("_csrf", csrf));
    assertThat(pause.statusCode()).isEqualTo(303);
    assertThat(pause.headers().firstValue("Location")).hasValue(page);
    assertThat(connectionState()).isEqualTo("PAUSED");
    var headerToken =
        send(
            request(page + "/resume", cookie)
                .header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(headerToken.statusCode()).isEqualTo(303);
    assertThat(connectionState()).isEqualTo("IDLE");
    var refused = get(page, cookie);
    assertThat(refused.body())
        .as("the flash message of the resume, then a refused resume's")
        .contains("Connection resumed.");
    post(page + "/resume", cookie, Map.of("_csrf", csrf));
    assertThat(get(page, cookie).body()).contains("not PAUSED");

    var unknown = get("/dashboard/connections/00000000-0000-0000-0000-000000000000", cookie);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(unknown.body()).contains("00000000-0000-0000-0000-000000000000");

    var logout = post("/dashboard/logout", cookie, Map.of("_csrf", csrf));
    assertThat(logout.statusCode()).isEqualTo(303);
    assertThat(logout.headers().firstValue("Set-Cookie"))
        .hasValueSatisfying(
            c -> assertThat(c).startsWith("ferry_session=;").contains("Expires=Thu, 01 Jan 1970"));
    assertThat(get(page, cookie).statusCode()).as("the session ended").isEqualTo(302);
    assertThat(post(page + "/pause", cookie, Map.of("_csrf", csrf)).statusCode()).isEqualTo(403);
    assertThat(connectionState()).isEqualTo("IDLE");
  }

  /** Logs in over HTTP; returns the session cookie ({@code name=value}). */
  String login() {
    var r = post("/dashboard/login", null, Map.of("token", FerryServer.TOKEN));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/dashboard");
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie)
        .startsWith("ferry_session=")
        .containsIgnoringCase("HttpOnly")
        .containsIgnoringCase("SameSite=Strict")
        .contains("Path=/dashboard");
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    assertThat(m.find()).as("a CSRF field in the page").isTrue();
    return m.group(1);
  }

  String connectionState() {
    return server.get("/api/v3/connections/" + connection).json().path("state").asString();
  }

  HttpResponse<String> get(String path, String cookie) {
    return send(request(path, cookie).GET());
  }

  HttpResponse<String> post(String path, String cookie, Map<String, String> form) {
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> {
      if (!body.isEmpty()) body.append('&');
      body.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
    });
    return send(
        request(path, cookie)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  HttpRequest.Builder request(String path, String cookie) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.url(path)).timeout(Duration.ofSeconds(30));
    if (cookie != null) b.header("Cookie", cookie);
    return b;
  }

  HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- the browser

  /** Chromium, logged in through the login form (started once, by the first browser test). */
  WebDriver browser() {
    if (chromium == null) {
      Chromium started = Chromium.start();
      try {
        logIn(started);
      } catch (RuntimeException | Error e) {
        started.close();
        throw e;
      }
      chromium = started;
    }
    return chromium.driver;
  }

  void logIn(Chromium c) {
    WebDriver d = c.driver;
    d.get(server.url("/dashboard").toString());
    assertThat(d.getCurrentUrl()).endsWith("/dashboard/login");
    d.findElement(By.id("token")).sendKeys("wrong token");
    d.findElement(By.id("login")).click();
    assertThat(text(d, By.id("login-error"))).contains("not the API token");
    c.screenshot("login");
    d.findElement(By.id("token")).clear();
    d.findElement(By.id("token")).sendKeys(FerryServer.TOKEN);
    d.findElement(By.id("login")).click();
    awaitText(d, By.tagName("h1"), "Connections");
  }

  WebDriverWait waiting(WebDriver d) {
    WebDriverWait w = new WebDriverWait(d, WAIT, Duration.ofMillis(200));
    w.ignoring(StaleElementReferenceException.class);
    return w;
  }

  /** Clicks an element that htmx may swap out meanwhile (found again until the click lands). */
  void click(WebDriver d, By by) {
    waiting(d)
        .until(x -> {
          x.findElement(by).click();
          return true;
        });
  }

  /** The text of an element htmx may replace while it is read (read again until it holds still). */
  String text(WebDriver d, By by) {
    return waiting(d).until(x -> x.findElement(by).getText());
  }

  /** Waits for the page after a button's POST-redirect-GET to show its message. */
  void awaitFlash(WebDriver d, String expected) {
    waiting(d)
        .withMessage(() -> "a message saying " + expected)
        .until(x -> x.findElement(By.id("flash")).getText().contains(expected));
  }

  /** Waits until the element's text (found anew each time: htmx replaces it) is {@code text}. */
  void awaitText(WebDriver d, By by, String text) {
    waiting(d)
        .withMessage(() -> by + " to read " + text)
        .until(x -> x.findElement(by).getText().strip().equals(text));
  }

  void openConnection(WebDriver d) {
    d.get(server.url("/dashboard").toString());
    click(d, By.cssSelector("tr[data-connection='" + connection + "'] a.connection-link"));
    awaitText(d, By.id("connection-name"), "default");
  }

  void openMapping(WebDriver d, String mappingId) {
    openConnection(d);
    click(d, By.cssSelector("tr[data-mapping='" + mappingId + "'] a.mapping-link"));
    waiting(d).until(x -> x.getCurrentUrl().endsWith("/dashboard/mappings/" + mappingId));
  }

  @Test
  @Order(2)
  void everyPageShowsWhatTheServiceKnows() {
    WebDriver d = browser();
    assertThat(text(d, By.cssSelector("tr[data-connection='" + connection + "']")))
        .contains("default")
        .contains("IDLE")
        .contains("salesforce");
    chromium.screenshot("connections");

    openConnection(d);
    awaitText(d, By.id("connection-state"), "IDLE");
    assertThat(text(d, By.cssSelector("tr[data-mapping='" + contactMapping + "']")))
        .contains("Contact")
        .contains("DATA_SYNCED")
        .contains(String.format("%,d", CONTACTS));
    assertThat(text(d, By.cssSelector("tr[data-mapping='" + accountMapping + "']")))
        .contains("Account")
        .contains(String.valueOf(ACCOUNTS));
    waiting(d)
        .withMessage("the org's API usage to be shown")
        .until(x -> {
          x.navigate().refresh();
          return x.findElements(By.id("api-used")).size() == 1;
        });
    assertThat(text(d, By.id("api-usage"))).contains("daily API requests used");
    assertThat(text(d, By.id("usage-table"))).contains("Contact");
    assertThat(text(d, By.id("no-write-errors"))).contains("No failed writes");
    chromium.screenshot("connection");

    openMapping(d, accountMapping);
    assertThat(text(d, By.id("mapping-name"))).startsWith("Account");
    awaitText(d, By.id("mapping-state"), "DATA_SYNCED");
    assertThat(text(d, By.id("history"))).contains("RELOAD_TABLE").contains("DATA_SYNCED");
    waiting(d)
        .withMessage("a poll in the mapping's recent polls")
        .until(x -> x.findElement(By.id("polls")).getText().contains("DONE"));
    chromium.screenshot("mapping");

    click(d, By.id("nav-logs"));
    waiting(d)
        .withMessage("the process's log lines")
        .until(x -> x.findElement(By.id("log-lines")).getText().contains("dashboard login"));
    chromium.screenshot("logs");
  }

  @Test
  @Order(3)
  void reloadAndAbortChangeTheMappingsState() {
    WebDriver d = browser();
    openMapping(d, contactMapping);
    awaitText(d, By.id("mapping-state"), "DATA_SYNCED");

    controls.holdBulk(true);
    try {
      click(d, By.id("reload"));
      awaitFlash(d, "Reload requested");
      // htmx's refresh shows the load waiting for its Bulk job, with its progress
      awaitText(d, By.id("mapping-state"), "WAIT_BULK_LOAD");
      assertThat(text(d, By.id("load-progress")))
          .contains("of " + String.format("%,d", CONTACTS) + " rows");
      chromium.screenshot("mapping-loading");
      click(d, By.id("abort"));
      awaitFlash(d, "Abort requested");
      awaitText(d, By.id("mapping-state"), "ABORTED");
    } finally {
      controls.holdBulk(false);
    }
    assertThat(text(d, By.id("history"))).contains("Aborted by user");
    // ABORTED runs nothing: a second abort is refused, and the page says why
    click(d, By.id("abort"));
    awaitFlash(d, "nothing to abort");
    awaitText(d, By.id("mapping-state"), "ABORTED");

    click(d, By.id("reload"));
    awaitText(d, By.id("mapping-state"), "DATA_SYNCED");
    server.awaitMapping(contactMapping, state("DATA_SYNCED"));
    awaitText(d, By.id("db-count"), String.format("%,d", CONTACTS));
  }

  @Test
  @Order(4)
  void pauseAndResumeTheConnection() {
    WebDriver d = browser();
    openConnection(d);
    click(d, By.id("pause"));
    awaitFlash(d, "Connection paused");
    awaitText(d, By.id("connection-state"), "PAUSED");
    assertThat(connectionState()).isEqualTo("PAUSED");
    chromium.screenshot("connection-paused");

    click(d, By.id("resume"));
    awaitFlash(d, "Connection resumed");
    awaitText(d, By.id("connection-state"), "IDLE");
    assertThat(connectionState()).isEqualTo("IDLE");
  }

  @Test
  @Order(5)
  void aFailedWriteIsRetriedFromItsButton() throws Exception {
    WebDriver d = browser();
    controls.recordErrors(1, "FIELD_CUSTOM_VALIDATION_EXCEPTION");
    execute(
        "INSERT INTO salesforce.contact (lastname, email) VALUES ('Dashboard', 'd@example.com')");
    Awaitility.await("the write to fail")
        .atMost(WAIT)
        .until(
            () -> server.node.service().writeErrors(ConnectionId.valueOf(connection)).count(),
            n -> n == 1);
    assertThat(lastOp()).contains("FAILED");

    openConnection(d);
    WebElement failed = d.findElement(By.cssSelector("#write-errors tbody tr"));
    assertThat(failed.getText()).contains("contact").contains("FIELD_CUSTOM_VALIDATION_EXCEPTION");
    chromium.screenshot("connection-write-error");
    String entry = failed.getAttribute("data-entry");
    click(d, By.id("retry-" + entry));
    awaitFlash(d, "Queued again: 1 failed write");

    Awaitility.await("the retried write to succeed")
        .atMost(WAIT)
        .until(() -> lastOp().equals(Optional.of("INSERTED")));
    d.navigate().refresh();
    assertThat(d.findElement(By.id("no-write-errors")).getText()).contains("No failed writes");
  }

  Optional<String> lastOp() throws Exception {
    try (Connection c = PG.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT _hc_lastop FROM salesforce.contact WHERE lastname = 'Dashboard'")) {
      return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
    }
  }

  void execute(String sql) throws Exception {
    try (Connection c = PG.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
