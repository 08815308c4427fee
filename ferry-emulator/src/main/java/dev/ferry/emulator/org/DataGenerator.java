package dev.ferry.emulator.org;

import dev.ferry.emulator.org.OrgStore.Loader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Fills objects with deterministic, realistic-looking records ({@code --generate
 * Account=1000,Contact=100000 --seed 42}): names, addresses, e-mails, picklist values, numbers in
 * plausible ranges, children pointing at generated (or existing) parents. Parents are generated
 * before children. Values from fixed lists are shared instances, so millions of rows stay compact.
 */
public final class DataGenerator {
  private static final String[] FIRST = {
    "James",
    "Mary",
    "John",
    "Patricia",
    "Robert",
    "Jennifer",
    "Michael",
    "Linda",
    "William",
    "Elizabeth",
    "David",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Charles",
    "Karen",
    "Christopher",
    "Nancy",
    "Daniel",
    "Lisa",
    "Matthew",
    "Betty",
    "Anthony",
    "Margaret",
    "Mark",
    "Sandra",
    "Donald",
    "Ashley",
    "Steven",
    "Kimberly",
    "Paul",
    "Emily",
    "Andrew",
    "Donna",
    "Joshua",
    "Michelle",
    "Amélie",
    "Jürgen",
    "Søren",
    "Zoë",
    "José",
    "Chloé",
    "Hiroshi",
    "Yuki",
    "Priya",
    "Arjun",
    "Fatima",
    "Omar",
    "Ingrid",
    "Lars",
    "Mei",
    "Wei"
  };
  private static final String[] LAST = {
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "O'Brien",
    "Müller",
    "Dubois",
    "Rossi",
    "Novák",
    "Kowalski",
    "Yamamoto",
    "Tanaka",
    "Patel",
    "Singh",
    "Kim",
    "Park",
    "Larsen",
    "Andersson"
  };
  private static final String[] COMPANY_A = {
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Wayne",
    "Wonka",
    "Tyrell",
    "Cyberdyne",
    "Soylent",
    "Hooli",
    "Vandelay",
    "Pied Piper",
    "Aperture",
    "Massive",
    "Oscorp",
    "Gringotts",
    "Monarch",
    "Virtucon",
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Blue Sky",
    "Red Rock",
    "Silver Lake"
  };
  private static final String[] COMPANY_B = {
    "Industries", "Systems", "Logistics", "Analytics", "Foods", "Energy", "Robotics", "Labs",
    "Holdings", "Partners", "Media", "Health", "Capital", "Networks", "Motors", "Textiles"
  };
  private static final String[] COMPANY_C = {"Inc.", "LLC", "Ltd", "GmbH", "S.A.", "Corp.", "Co."};
  private static final String[] STREETS = {
    "Main St",
    "Oak Ave",
    "Pine Rd",
    "Maple Dr",
    "Cedar Ln",
    "Elm St",
    "Market St",
    "Broadway",
    "Mission St",
    "1st Ave",
    "Park Ave",
    "Lake Shore Dr",
    "Sunset Blvd",
    "Harbor Way",
    "Hill Rd"
  };
  private static final String[][] CITIES = {
    {"San Francisco", "CA", "94105", "United States", "37.7897", "-122.3972"},
    {"New York", "NY", "10001", "United States", "40.7506", "-73.9972"},
    {"Chicago", "IL", "60601", "United States", "41.8864", "-87.6186"},
    {"Austin", "TX", "78701", "United States", "30.2711", "-97.7437"},
    {"Seattle", "WA", "98101", "United States", "47.6101", "-122.3344"},
    {"Boston", "MA", "02108", "United States", "42.3576", "-71.0640"},
    {"Denver", "CO", "80202", "United States", "39.7530", "-104.9990"},
    {"London", "", "EC1A 1BB", "United Kingdom", "51.5200", "-0.0977"},
    {"Paris", "", "75001", "France", "48.8625", "2.3364"},
    {"Berlin", "", "10115", "Germany", "52.5323", "13.3846"},
    {"Tokyo", "", "100-0001", "Japan", "35.6852", "139.7528"},
    {"Toronto", "ON", "M5H 2N2", "Canada", "43.6506", "-79.3832"}
  };
  private static final String[] TITLES = {
    "CEO",
    "CFO",
    "CTO",
    "VP Sales",
    "VP Marketing",
    "Director of Operations",
    "Sales Manager",
    "Account Executive",
    "Engineer",
    "Analyst",
    "Buyer",
    "Procurement Manager",
    "Consultant"
  };
  private static final String[] DEPARTMENTS = {
    "Sales", "Marketing", "Finance", "Engineering", "Operations", "Support", "Legal", "IT"
  };
  private static final String[] PRODUCTS = {
    "Widget", "Gadget", "Sprocket", "Flux Capacitor", "Hyperdrive", "Cog", "Gear", "Valve"
  };
  private static final String[] WORDS = {
    "customer",
    "renewal",
    "pricing",
    "follow-up",
    "shipment",
    "contract",
    "quarterly",
    "review",
    "priority",
    "escalation",
    "onboarding",
    "invoice",
    "integration",
    "feedback",
    "meeting"
  };

  private static final String[] FIRST_ASCII = asciiAll(FIRST);
  private static final String[] LAST_ASCII = asciiAll(LAST);
  private static final String[] FIRST_LOWER = lowerAll(FIRST_ASCII);
  private static final String[] DOMAINS = domains(COMPANY_A);

  private final OrgStore store;
  private final SplittableRandom random;
  private final String userId;
  private final Instant now;
  private final Map<String, List<String>> idsByObject = new HashMap<>();
  private final Map<String, Long> counters = new HashMap<>();
  private final Map<LocalDate, LocalDate> dates = new HashMap<>();
  private final Map<FieldDef, String> lowerNames = new java.util.IdentityHashMap<>();
  private final Map<String, BigDecimal> coordinates = new HashMap<>();
  // Pools of generated values: realistic variety while millions of rows share the instances.
  private final String[] phones = new String[10_000];
  private final String[] streets = new String[10_000];
  private final String[] shortTexts = new String[1_000];
  private final String[] longTexts = new String[1_000];
  private int curFirst;
  private int curLast;
  private int curCompany;

  public DataGenerator(OrgStore store, long seed, String userId) {
    this.store = store;
    this.random = new SplittableRandom(seed);
    this.userId = userId;
    this.now = store.now();
    for (int i = 0; i < phones.length; i++) {
      phones[i] = "(555) " + (100 + random.nextInt(900)) + "-" + (1000 + random.nextInt(9000));
      streets[i] = (1 + random.nextInt(9999)) + " " + pick(STREETS);
    }
    for (int i = 0; i < shortTexts.length; i++) {
      shortTexts[i] = sentence(2 + random.nextInt(3));
      longTexts[i] = sentence(8 + random.nextInt(20));
    }
  }

  /** Parses {@code Account=1000,Contact=100000}. */
  public static Map<String, Integer> parseSpec(String spec) {
    Map<String, Integer> out = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) {
      return out;
    }
    for (String part : spec.split(",")) {
      String[] kv = part.trim().split("=");
      if (kv.length != 2 || kv[0].isBlank()) {
        throw new IllegalArgumentException(
            "--generate expects Object=count pairs separated by commas, e.g."
                + " Account=1000,Contact=100000; got '"
                + part.trim()
                + "'");
      }
      try {
        int n = Integer.parseInt(kv[1].trim());
        if (n < 0) {
          throw new NumberFormatException();
        }
        out.put(kv[0].trim(), n);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--generate: count for " + kv[0].trim() + " must be a non-negative integer");
      }
    }
    return out;
  }

  /** Generates the requested counts, parents first. */
  public void generate(Map<String, Integer> counts) {
    List<ObjectDef> order = order(counts);
    store.bulkLoad(loader -> {
      for (ObjectDef def : order) {
        generateObject(loader, def, counts.get(findKey(counts, def.name())));
      }
    });
  }

  private static String findKey(Map<String, Integer> counts, String name) {
    for (String k : counts.keySet()) {
      if (k.equalsIgnoreCase(name)) {
        return k;
      }
    }
    throw new IllegalStateException(name);
  }

  private List<ObjectDef> order(Map<String, Integer> counts) {
    List<ObjectDef> requested = new ArrayList<>();
    for (String name : counts.keySet()) {
      ObjectDef def =
          store
              .schema()
              .find(name)
              .orElseThrow(
                  () -> new IllegalArgumentException("--generate: the org has no object " + name));
      if (def.name().equals("Organization")) {
        throw new IllegalArgumentException("--generate: Organization has exactly one record");
      }
      requested.add(def);
    }
    List<ObjectDef> out = new ArrayList<>();
    while (!requested.isEmpty()) {
      ObjectDef next = null;
      for (ObjectDef candidate : requested) {
        boolean ready = true;
        for (FieldDef f : candidate.fieldDefs()) {
          for (String target : f.referenceTo()) {
            if (!target.equals(candidate.name())
                && requested.stream().anyMatch(o -> o.name().equals(target))) {
              ready = false;
            }
          }
        }
        if (ready) {
          next = candidate;
          break;
        }
      }
      if (next == null) {
        next = requested.get(0); // a cycle: its lookups point at what exists so far
      }
      requested.remove(next);
      out.add(next);
    }
    return out;
  }

  private void generateObject(Loader loader, ObjectDef def, int count) {
    ObjectTable table = loader.table(def.name());
    List<String> ids = idsByObject.computeIfAbsent(def.name(), k -> existingIds(def));
    for (int i = 0; i < count; i++) {
      Object[] row = new Object[def.slotCount()];
      String id = loader.newId(def);
      row[0] = id;
      curFirst = random.nextInt(FIRST.length);
      curLast = random.nextInt(LAST.length);
      curCompany = random.nextInt(COMPANY_A.length);
      String first = FIRST[curFirst];
      String last = LAST[curLast];
      String[] city = CITIES[random.nextInt(CITIES.length)];
      String company = COMPANY_A[curCompany] + " " + pick(COMPANY_B) + " " + pick(COMPANY_C);
      long n = counters.merge(def.name(), 1L, Long::sum);
      Instant created = now.minusSeconds(random.nextLong(Duration.ofDays(90).toSeconds()));
      Instant modified =
          created.plusSeconds(
              random.nextLong(Math.max(1, now.getEpochSecond() - created.getEpochSecond())));
      for (FieldDef f : def.fieldDefs()) {
        if (f.slot() <= 0 || f.slot() == def.isDeletedSlot()) {
          continue;
        }
        row[f.slot()] = value(table, def, f, n, first, last, company, city, created, modified);
      }
      loader.put(table, row);
      ids.add(id);
    }
  }

  private List<String> existingIds(ObjectDef def) {
    List<String> out = new ArrayList<>();
    ObjectTable t = store.requireTable(def.name());
    for (StoredRecord r : t.all()) {
      if (!r.isDeleted()) {
        out.add(r.id());
      }
    }
    return out;
  }

  private Object value(
      ObjectTable table,
      ObjectDef def,
      FieldDef f,
      long n,
      String first,
      String last,
      String company,
      String[] city,
      Instant created,
      Instant modified) {
    String name = f.name();
    switch (name) {
      case SystemFields.CREATED_DATE:
        return created;
      case SystemFields.LAST_MODIFIED_DATE:
      case SystemFields.SYSTEM_MODSTAMP:
        return modified;
      case SystemFields.CREATED_BY_ID:
      case SystemFields.LAST_MODIFIED_BY_ID:
        return userId;
      default:
        break;
    }
    if (f.autoNumber()) {
      return RecordSaver.formatAutoNumber(f, table.nextAutoNumber(name));
    }
    if (f.type() == FieldType.REFERENCE) {
      return reference(f);
    }
    if (f.isSystem() || (!f.createable() && !name.equals("Name"))) {
      return null;
    }
    boolean required = !f.nillable();
    if (!required && !f.externalId() && random.nextInt(10) < 2) {
      return f.type() == FieldType.BOOLEAN ? Boolean.FALSE : null;
    }
    if (f.externalId() || f.unique()) {
      return externalId(def, f, n);
    }
    String lower = lowerNames.computeIfAbsent(f, k -> k.name().toLowerCase(Locale.ROOT));
    if (f.compoundFieldName() != null) {
      return addressPart(f, city, n);
    }
    return switch (f.type()) {
      case STRING, TEXTAREA, COMBOBOX, ENCRYPTEDSTRING ->
          text(def, f, lower, first, last, company, n);
      case EMAIL ->
          fit(
              f,
              FIRST_ASCII[curFirst]
                  + "."
                  + LAST_ASCII[curLast]
                  + "."
                  + n
                  + "@"
                  + DOMAINS[curCompany]);
      case PHONE -> phones[random.nextInt(phones.length)];
      case URL -> fit(f, "https://www." + DOMAINS[curCompany]);
      case PICKLIST -> picklist(f);
      case MULTIPICKLIST -> multipicklist(f);
      case BOOLEAN -> random.nextBoolean();
      case INT ->
          (int)
              Math.min(
                  maxFor(f),
                  lower.contains("employee") ? 1 + random.nextInt(50_000) : random.nextInt(1000));
      case LONG -> random.nextLong(1_000_000_000L);
      case DOUBLE, CURRENCY, PERCENT -> number(f, lower);
      case DATE -> date(lower);
      case DATETIME -> now.minusSeconds(random.nextLong(Duration.ofDays(365).toSeconds()));
      case TIME -> LocalTime.of(8 + random.nextInt(10), random.nextInt(4) * 15);
      default -> null;
    };
  }

  private long maxFor(FieldDef f) {
    return f.digits() >= 10 ? Integer.MAX_VALUE : (long) Math.pow(10, Math.max(1, f.digits())) - 1;
  }

  private Object reference(FieldDef f) {
    String target = f.referenceTo().get(f.referenceTo().size() - 1);
    if (target.equals("User")) {
      return userId;
    }
    List<String> parents =
        idsByObject.computeIfAbsent(target, k -> existingIds(store.schema().find(k).orElseThrow()));
    if (parents.isEmpty()) {
      return null;
    }
    if (f.nillable() && f.relationshipName() != null && f.relationshipName().equals("Parent")) {
      return null; // hierarchies are rare; keep generated accounts flat
    }
    if (f.nillable() && random.nextInt(20) == 0) {
      return null;
    }
    return parents.get(random.nextInt(parents.size()));
  }

  private Object externalId(ObjectDef def, FieldDef f, long n) {
    if (f.type() == FieldType.STRING && f.length() == 36) {
      return new UUID(random.nextLong(), random.nextLong()).toString();
    }
    if (f.type().isNumber()) {
      return f.type() == FieldType.INT ? (Object) (int) n : new BigDecimal(n);
    }
    String prefix = def.name().replace("__c", "").toUpperCase(Locale.ROOT);
    prefix = prefix.length() > 3 ? prefix.substring(0, 3) : prefix;
    return fit(f, prefix + "-" + pad8(n));
  }

  private Object addressPart(FieldDef f, String[] city, long n) {
    String name = f.name();
    if (name.endsWith("Street")) {
      return streets[random.nextInt(streets.length)];
    }
    if (name.endsWith("City")) {
      return city[0];
    }
    if (name.endsWith("State")) {
      return city[1].isEmpty() ? null : city[1];
    }
    if (name.endsWith("PostalCode")) {
      return city[2];
    }
    if (name.endsWith("Country")) {
      return city[3];
    }
    if (name.contains("Latitude")) {
      return coordinates.computeIfAbsent(
          city[4] + "/" + f.scale(),
          k -> new BigDecimal(city[4]).setScale(f.scale(), RoundingMode.HALF_UP));
    }
    if (name.contains("Longitude")) {
      return coordinates.computeIfAbsent(
          city[5] + "/" + f.scale(),
          k -> new BigDecimal(city[5]).setScale(f.scale(), RoundingMode.HALF_UP));
    }
    if (f.type() == FieldType.PICKLIST) {
      return f.picklistValues().isEmpty() ? null : f.picklistValues().get(0).value();
    }
    return null;
  }

  private Object text(
      ObjectDef def, FieldDef f, String lower, String first, String last, String company, long n) {
    if (lower.equals("lastname")) {
      return last;
    }
    if (lower.equals("firstname")) {
      return first;
    }
    if (lower.equals("name")) {
      return switch (def.name()) {
        case "Account", "Lead", "Group" -> fit(f, company);
        case "Opportunity" -> fit(f, company + " - " + pick(PRODUCTS) + " deal");
        case "User", "Contact" -> fit(f, first + " " + last);
        default -> fit(f, def.props().label() + " " + n);
      };
    }
    if (lower.equals("company") || lower.equals("companyname")) {
      return fit(f, company);
    }
    if (lower.equals("title")) {
      return pick(TITLES);
    }
    if (lower.equals("department")) {
      return pick(DEPARTMENTS);
    }
    if (lower.startsWith("product")) {
      return pick(PRODUCTS);
    }
    if (lower.equals("username")) {
      return FIRST_ASCII[curFirst] + "." + n + "@generated.example.com";
    }
    if (lower.equals("alias")) {
      return fit(f, FIRST_LOWER[curFirst]);
    }
    if (lower.contains("number")) {
      return fit(f, "AN" + pad8(n));
    }
    if (f.length() > 255 || f.type() == FieldType.TEXTAREA) {
      if (random.nextInt(3) != 0) {
        return null;
      }
      return fit(f, longTexts[random.nextInt(longTexts.length)]);
    }
    return fit(f, shortTexts[random.nextInt(shortTexts.length)]);
  }

  private String sentence(int words) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(pick(WORDS));
    }
    sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
    return sb.append('.').toString();
  }

  private Object picklist(FieldDef f) {
    List<PicklistEntry> values = f.picklistValues();
    return values.isEmpty() ? null : values.get(random.nextInt(values.size())).value();
  }

  private Object multipicklist(FieldDef f) {
    List<PicklistEntry> values = f.picklistValues();
    if (values.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (PicklistEntry e : values) {
      if (random.nextInt(3) == 0) {
        sb.append(sb.isEmpty() ? "" : ";").append(e.value());
      }
    }
    return sb.isEmpty() ? values.get(0).value() : sb.toString().intern();
  }

  private Object number(FieldDef f, String lower) {
    double v;
    if (f.type() == FieldType.PERCENT || lower.contains("probability")) {
      v = random.nextInt(101);
    } else if (lower.contains("revenue")) {
      v = (1 + random.nextInt(10_000)) * 100_000.0;
    } else if (lower.contains("latitude")) {
      v = random.nextDouble() * 180 - 90;
    } else if (lower.contains("longitude")) {
      v = random.nextDouble() * 360 - 180;
    } else if (f.type() == FieldType.CURRENCY) {
      v = 100 + random.nextDouble() * 250_000;
    } else {
      v = random.nextDouble() * 1000;
    }
    BigDecimal d = BigDecimal.valueOf(v).setScale(f.scale(), RoundingMode.HALF_UP);
    int integerDigits = d.precision() - d.scale();
    if (f.precision() > 0 && integerDigits > f.precision() - f.scale()) {
      return BigDecimal.ONE.setScale(f.scale());
    }
    return d;
  }

  private LocalDate date(String lower) {
    LocalDate today = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
    LocalDate d;
    if (lower.contains("birth")) {
      d = LocalDate.of(1950 + random.nextInt(50), 1 + random.nextInt(12), 1 + random.nextInt(28));
    } else if (lower.contains("close") || lower.contains("due")) {
      d = today.plusDays(random.nextInt(360) - 180);
    } else {
      d = today.minusDays(random.nextInt(730));
    }
    return dates.computeIfAbsent(d, k -> k);
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static String fit(FieldDef f, String s) {
    return f.length() > 0 && s.length() > f.length() ? s.substring(0, f.length()) : s;
  }

  private static String domain(String company) {
    String word = ascii(company.split(" ")[0]).toLowerCase(Locale.ROOT);
    return word + ".example.com";
  }

  private static String[] asciiAll(String[] in) {
    String[] out = new String[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = ascii(in[i]);
    }
    return out;
  }

  private static String[] lowerAll(String[] in) {
    String[] out = new String[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = in[i].toLowerCase(Locale.ROOT);
    }
    return out;
  }

  private static String[] domains(String[] companies) {
    String[] out = new String[companies.length];
    for (int i = 0; i < companies.length; i++) {
      out[i] = domain(companies[i]);
    }
    return out;
  }

  private static String pad8(long n) {
    String d = Long.toString(n);
    return d.length() >= 8 ? d : "00000000".substring(d.length()) + d;
  }

  private static String ascii(String s) {
    String n = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD);
    return n.replaceAll("[^A-Za-z]", "");
  }
}
