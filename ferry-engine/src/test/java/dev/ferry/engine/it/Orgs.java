package dev.ferry.engine.it;

import dev.ferry.emulator.Emulator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Org definitions for the emulator: its default org plus generated custom objects. */
public final class Orgs {
  private Orgs() {}

  /** {@code Ship00__c}, {@code Ship01__c}, ... */
  public static String ship(int i) {
    return String.format("Ship%02d__c", i);
  }

  /** The default org with {@code n} custom objects {@link #ship}(i): Name, Code__c, Value__c. */
  public static String withShips(int n) throws IOException {
    String base;
    try (InputStream in =
        Emulator.class.getResourceAsStream("/dev/ferry/emulator/org/default-org.json")) {
      base = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    StringBuilder extra = new StringBuilder();
    for (int i = 0; i < n; i++) {
      extra
          .append(",{\"name\":\"")
          .append(ship(i))
          .append("\",\"keyPrefix\":\"b")
          .append(String.format("%02d", i))
          .append("\",\"fields\":[")
          .append(
              "{\"name\":\"Name\",\"type\":\"string\",\"length\":80,\"nameField\":true,\"nillable\":false},")
          .append(
              "{\"name\":\"Code__c\",\"type\":\"string\",\"length\":20,\"externalId\":true,\"unique\":true},")
          .append("{\"name\":\"Value__c\",\"type\":\"double\",\"precision\":12,\"scale\":2}]}");
    }
    int end = base.lastIndexOf(']');
    return base.substring(0, end) + extra + base.substring(end);
  }
}
