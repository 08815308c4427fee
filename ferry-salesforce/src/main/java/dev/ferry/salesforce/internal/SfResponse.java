package dev.ferry.salesforce.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A successful (2xx) response whose body has not been read yet: callers stream it (Bulk CSV) or
 * parse it whole (JSON), then close it so the connection is released.
 */
public final class SfResponse implements AutoCloseable {
  private final int status;
  private final HttpHeaders headers;
  private final InputStream body;
  private final SfRequest request;

  SfResponse(int status, HttpHeaders headers, InputStream body, SfRequest request) {
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.request = request;
  }

  public int status() {
    return status;
  }

  public @Nullable String header(String name) {
    return headers.firstValue(name).orElse(null);
  }

  /** The body, already gunzipped when the server compressed it. */
  public InputStream body() {
    return body;
  }

  public SfRequest request() {
    return request;
  }

  public String bodyAsString() {
    try (InputStream in = body) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException ignored) {
      // closing an abandoned HTTP body only fails when the connection is already gone
    }
  }
}
