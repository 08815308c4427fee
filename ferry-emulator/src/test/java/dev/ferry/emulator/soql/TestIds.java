package dev.ferry.emulator.soql;

/** 18-character Salesforce-shaped ids: key prefix, a zero-padded number, a fixed suffix. */
final class TestIds {
  private TestIds() {}

  static String id(String keyPrefix, int n) {
    String digits = String.format("%012d", n);
    return keyPrefix + digits + "AAA";
  }
}
