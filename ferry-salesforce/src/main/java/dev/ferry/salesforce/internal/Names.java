package dev.ferry.salesforce.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Checks names before they go into a URL path, and encodes query parameters. */
public final class Names {
  private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?");

  private Names() {}

  /** An sObject or field API name ({@code Account}, {@code External_Id__c}). */
  public static String apiName(String name, String what) {
    if (name == null || !API_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          what + " is not a valid Salesforce API name: '" + name + "'");
    }
    return name;
  }

  /** A record or job id (15 or 18 alphanumerics). */
  public static String id(String id, String what) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(what + " is not a valid Salesforce id: '" + id + "'");
    }
    return id;
  }

  public static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
