package dev.ferry.engine.connect;

import dev.ferry.core.control.SalesforceCredentials;
import dev.ferry.core.error.PermanentException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Turns credentials into the plaintext that the {@link dev.ferry.core.port.SecretBox} seals, and
 * back: a versioned properties document (no JSON library in the engine, and nothing to configure).
 */
public final class CredentialsCodec {
  private static final String VERSION = "1";

  private CredentialsCodec() {}

  public static byte[] encode(SalesforceCredentials c) {
    Properties p = new Properties();
    p.setProperty("version", VERSION);
    p.setProperty("loginUrl", c.loginUrl());
    p.setProperty("flow", c.flow().name());
    p.setProperty("clientId", c.clientId());
    put(p, "clientSecret", c.clientSecret());
    put(p, "username", c.username());
    put(p, "password", c.password());
    put(p, "refreshToken", c.refreshToken());
    put(p, "privateKeyPem", c.privateKeyPem());
    put(p, "apiVersion", c.apiVersion());
    StringWriter out = new StringWriter();
    try {
      p.store(out, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  public static SalesforceCredentials decode(byte[] plaintext) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(new String(plaintext, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!VERSION.equals(p.getProperty("version"))) {
      throw new PermanentException(
          "stored credentials have format version "
              + p.getProperty("version")
              + "; this Ferry reads version "
              + VERSION);
    }
    return new SalesforceCredentials(
        p.getProperty("loginUrl"),
        SalesforceCredentials.Flow.valueOf(p.getProperty("flow")),
        p.getProperty("clientId"),
        p.getProperty("clientSecret"),
        p.getProperty("username"),
        p.getProperty("password"),
        p.getProperty("refreshToken"),
        p.getProperty("privateKeyPem"),
        p.getProperty("apiVersion"));
  }

  private static void put(Properties p, String key, @Nullable String value) {
    if (value != null) p.setProperty(key, value);
  }
}
