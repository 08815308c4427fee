package dev.ferry.salesforce.internal;

import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One call to Salesforce, independent of the session: the target is a path resolved against the
 * current instance URL at every attempt (a refreshed token may move it), and the body is a supplier
 * so a retry sends it afresh.
 *
 * @param target a path with query string ({@code /services/data/v62.0/limits}) or an absolute URL
 * @param idempotent true when sending the request twice is harmless, so any retriable failure may
 *     be retried; false when it may only be resent if the failure proves Salesforce did not process
 *     it (see {@link CallFailure#notProcessed()})
 * @param sobject the object the call is about, for error messages
 * @param jobId the Bulk job the call is about, for error messages
 */
public record SfRequest(
    String method,
    String target,
    Map<String, String> headers,
    @Nullable Supplier<BodyPublisher> body,
    CallKind kind,
    boolean idempotent,
    @Nullable String sobject,
    @Nullable String jobId) {

  public SfRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(kind, "kind");
    headers = Map.copyOf(headers);
  }

  public static SfRequest get(String target, CallKind kind) {
    return new SfRequest("GET", target, Map.of(), null, kind, true, null, null);
  }

  public static SfRequest delete(String target, CallKind kind) {
    return new SfRequest("DELETE", target, Map.of(), null, kind, true, null, null);
  }

  /** POST, PATCH or PUT with a JSON body; not idempotent unless {@link #idempotent(boolean)}. */
  public static SfRequest json(String method, String target, byte[] json, CallKind kind) {
    return new SfRequest(
            method,
            target,
            Map.of(),
            () -> BodyPublishers.ofByteArray(json),
            kind,
            false,
            null,
            null)
        .header("Content-Type", "application/json; charset=UTF-8");
  }

  public SfRequest header(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new SfRequest(method, target, h, body, kind, idempotent, sobject, jobId);
  }

  public SfRequest body(Supplier<BodyPublisher> newBody) {
    return new SfRequest(method, target, headers, newBody, kind, idempotent, sobject, jobId);
  }

  public SfRequest idempotent(boolean value) {
    return new SfRequest(method, target, headers, body, kind, value, sobject, jobId);
  }

  public SfRequest sobject(@Nullable String value) {
    return new SfRequest(method, target, headers, body, kind, idempotent, value, jobId);
  }

  public SfRequest jobId(@Nullable String value) {
    return new SfRequest(method, target, headers, body, kind, idempotent, sobject, value);
  }

  /** Method and path without the query string, for messages (queries can be long). */
  public String describe() {
    int q = target.indexOf('?');
    return method + " " + (q < 0 ? target : target.substring(0, q));
  }
}
