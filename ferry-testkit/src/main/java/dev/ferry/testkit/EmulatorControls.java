package dev.ferry.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The emulator's test and chaos controls under {@code /__emulator/} (documented in the emulator's
 * {@code docs/emulator.md}), driven over HTTP exactly as an external script would. Every call fails
 * loudly with the status and body when the emulator refuses it.
 */
public final class EmulatorControls {
  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public EmulatorControls(URI baseUrl) {
    String b = baseUrl.toString();
    this.base = URI.create(b.endsWith("/") ? b : b + "/");
  }

  /** One fault rule; {@code count} null = unlimited, {@code rate} 1.0 = every matching call. */
  public record Fault(
      String endpoint, int status, String errorCode, double rate, Integer count, int latencyMs) {
    public static Fault of(String endpoint, int status, String errorCode, int count) {
      return new Fault(endpoint, status, errorCode, 1.0, count, 0);
    }

    String json() {
      return "{\"endpoint\":\""
          + endpoint
          + "\",\"status\":"
          + status
          + ",\"errorCode\":"
          + (errorCode == null ? "null" : "\"" + errorCode + "\"")
          + ",\"rate\":"
          + String.format(Locale.ROOT, "%s", rate)
          + ",\"count\":"
          + (count == null ? "null" : count)
          + ",\"latencyMs\":"
          + latencyMs
          + "}";
    }
  }

  public void faults(List<Fault> rules) {
    StringJoiner j = new StringJoiner(",", "{\"rules\":[", "]}");
    rules.forEach(r -> j.add(r.json()));
    send("POST", "faults", j.toString());
  }

  public void fault(Fault rule) {
    faults(List.of(rule));
  }

  public void clearFaults() {
    send("DELETE", "faults", null);
  }

  /** Every access token issued so far becomes invalid. */
  public void expireSessions() {
    send("POST", "sessions/expire", "{}");
  }

  public void dailyApiRequests(long max) {
    send("POST", "limits", "{\"dailyApiRequests\":" + max + "}");
  }

  /** Deactivates (logins fail with inactive_org, tokens die) or reactivates the org. */
  public void orgActive(boolean active) {
    send("POST", "org", "{\"active\":" + active + "}");
  }

  /**
   * A sandbox refresh: the same login now reaches an org with a new id, every session and refresh
   * token dies. Returns the new organization id.
   */
  public String refreshSandbox() {
    String body = send("POST", "org", "{\"refreshSandbox\":true}");
    return stringField(body, "organizationId");
  }

  /** The next {@code count} internal Bulk batches fail (and are retried by the emulator). */
  public void failBatches(int count) {
    send("POST", "bulk/fail-batches", "{\"count\":" + count + "}");
  }

  /** Sets how many API requests count as used already (with {@link #dailyApiRequests}). */
  public void apiRequestsUsed(long used) {
    send("POST", "limits", "{\"apiRequestsUsed\":" + used + "}");
  }

  /**
   * The next {@code count} saved records fail with {@code statusCode} (e.g. UNABLE_TO_LOCK_ROW).
   */
  public void recordErrors(int count, String statusCode) {
    send(
        "POST", "record-errors", "{\"count\":" + count + ",\"statusCode\":\"" + statusCode + "\"}");
  }

  /** Holds Bulk jobs in their current state (true) or lets them run on (false). */
  public void holdBulk(boolean hold) {
    send("POST", "bulk/hold", "{\"hold\":" + hold + "}");
  }

  /** A refresh token for the API user, for testing the refresh-token flow. */
  public String refreshToken() {
    String body = send("POST", "refresh-token", "{}");
    return stringField(body, "refresh_token");
  }

  /** The emulator's current time (its clock may run ahead of the machine's). */
  public java.time.Instant clockNow() {
    String body = send("GET", "clock", null);
    String now = stringField(body, "now");
    return java.time.OffsetDateTime.parse(
            now, java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxx"))
        .toInstant();
  }

  /** Moves the emulator's clock forward (it never goes back). */
  public void advanceClock(Duration by) {
    send("POST", "clock", "{\"advanceSeconds\":" + by.toSeconds() + "}");
  }

  /** Empties the recycle bin (deleted records drop out of queryAll). */
  public void purgeRecycleBin() {
    send("POST", "recycle-bin/purge", "{}");
  }

  /** Creates/updates records whose change stays invisible for a while; returns the JSON answer. */
  public String lateCommit(String sobject, String recordsJsonArray, int visibleAfterSeconds) {
    return send(
        "POST",
        "late-commit",
        "{\"sobject\":\""
            + sobject
            + "\",\"records\":"
            + recordsJsonArray
            + ",\"visibleAfterSeconds\":"
            + visibleAfterSeconds
            + "}");
  }

  public void addField(String sobject, String describeFieldJson) {
    send("POST", "schema/" + sobject + "/fields", describeFieldJson);
  }

  public void removeField(String sobject, String field) {
    send("DELETE", "schema/" + sobject + "/fields/" + field, null);
  }

  /** API calls by endpoint class, Bulk jobs by state, record counts by object (JSON). */
  public String stats() {
    return send("GET", "stats", null);
  }

  /** Back to the org definition and generated data; faults and limits cleared. */
  public void reset() {
    send("POST", "reset", "{}");
  }

  private String send(String method, String path, String json) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve("__emulator/" + path)).timeout(Duration.ofMinutes(2));
    if (json == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            method + " /__emulator/" + path + " answered " + r.statusCode() + ": " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new IllegalStateException("emulator control " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The value of the string field {@code key} of a JSON answer; fails naming it when absent. */
  private static String stringField(String body, String key) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"" + key + "\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
    if (!m.find()) throw new IllegalStateException("no " + key + " in " + body);
    return m.group(1);
  }
}
