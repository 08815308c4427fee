package dev.ferry.store.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes Contact-like Bulk API 2.0 query result pages (RFC 4180, every value quoted, empty for
 * null, ISO datetimes with Z), deterministically from a seed.
 */
final class ContactCsv {
  static final List<String> HEADER =
      List.of(
          "Id",
          "IsDeleted",
          "SystemModstamp",
          "CreatedDate",
          "FirstName",
          "LastName",
          "Name",
          "Email",
          "Phone",
          "Birthdate",
          "HasOptedOutOfEmail",
          "Score__c",
          "Level__c",
          "AccountId",
          "MailingStreet",
          "MailingCity",
          "MailingState",
          "MailingPostalCode",
          "MailingCountry",
          "Contact_UUID__c",
          "Account.External_Id__c");

  /** The same columns in the table, in the same order (for the raw COPY baseline). */
  static final List<String> COLUMNS =
      List.of(
          "sfid",
          "isdeleted",
          "systemmodstamp",
          "createddate",
          "firstname",
          "lastname",
          "name",
          "email",
          "phone",
          "birthdate",
          "hasoptedoutofemail",
          "score__c",
          "level__c",
          "accountid",
          "mailingstreet",
          "mailingcity",
          "mailingstate",
          "mailingpostalcode",
          "mailingcountry",
          "contact_uuid__c",
          "account__external_id__c");

  private static final String[] FIRST = {
    "Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Zoë", "José"
  };
  private static final String[] LAST = {
    "Lovelace",
    "Hopper",
    "Turing",
    "Dijkstra",
    "Liskov",
    "Knuth",
    "Allen",
    "Thompson",
    "O'Neil",
    "Müller"
  };
  private static final String[] CITY = {
    "London", "New York", "Zürich", "São Paulo", "Tokyo", "Paris"
  };
  private static final Instant BASE = Instant.parse("2023-01-01T00:00:00Z");

  private ContactCsv() {}

  /** Writes {@code pages} files of {@code rowsPerPage} rows each; returns their paths. */
  static List<Path> write(Path dir, int pages, int rowsPerPage, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    Path[] files = new Path[pages];
    long n = 0;
    for (int p = 0; p < pages; p++) {
      files[p] = dir.resolve("contacts-" + p + ".csv");
      try (BufferedWriter w = Files.newBufferedWriter(files[p], StandardCharsets.UTF_8)) {
        line(w, HEADER.toArray(String[]::new));
        for (int r = 0; r < rowsPerPage; r++, n++) line(w, row(n, random));
      }
    }
    return List.of(files);
  }

  private static String[] row(long n, SplittableRandom r) {
    String first = FIRST[r.nextInt(FIRST.length)];
    String last = LAST[r.nextInt(LAST.length)];
    Instant modstamp = BASE.plus(n, ChronoUnit.SECONDS);
    boolean sparse = r.nextInt(10) == 0;
    return new String[] {
      id("003", n),
      "false",
      modstamp + "",
      BASE.plus(n / 2, ChronoUnit.SECONDS) + "",
      sparse ? "" : first,
      last,
      first + " " + last,
      sparse ? "" : (first + "." + last + n + "@example.com").toLowerCase().replace("'", ""),
      "+1 (555) " + (1000000 + r.nextInt(8999999)),
      (1950 + r.nextInt(50)) + "-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10),
      r.nextBoolean() ? "true" : "false",
      sparse ? "" : String.valueOf(r.nextInt(100000) / 100.0),
      r.nextBoolean() ? "Gold;Silver" : "Bronze",
      id("001", n / 10),
      (1 + r.nextInt(999))
          + " Main St"
          + (r.nextInt(4) == 0 ? ", Apt " + r.nextInt(50) + "\n2nd floor" : ""),
      CITY[r.nextInt(CITY.length)],
      "CA",
      String.valueOf(10000 + r.nextInt(89999)),
      "US",
      new java.util.UUID(n, 42).toString(),
      "ACC-" + (n / 10)
    };
  }

  /** An 18-character id with the given key prefix. */
  private static String id(String prefix, long n) {
    String digits = Long.toString(n, 36).toUpperCase();
    return prefix + "0".repeat(12 - digits.length()) + digits + "AAA";
  }

  private static void line(BufferedWriter w, String[] values) throws IOException {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) w.write(',');
      w.write('"');
      w.write(values[i].replace("\"", "\"\""));
      w.write('"');
    }
    w.write('\n');
  }
}
