package dev.ferry.salesforce.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Golden fixtures under src/test/resources/fixtures, taken from salesforce-api.md's examples. */
public final class Fixtures {
  private Fixtures() {}

  public static InputStream stream(String name) {
    InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name);
    if (in == null) throw new IllegalArgumentException("no fixture " + name);
    return in;
  }

  public static String text(String name) {
    try (InputStream in = stream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
