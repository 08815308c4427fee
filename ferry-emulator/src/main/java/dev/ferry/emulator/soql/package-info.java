/**
 * The emulator's SOQL: a parser and evaluator for the subset real clients send (spec
 * salesforce-api.md §3.4). The engine knows nothing about HTTP or storage: it reads the schema
 * through {@link dev.ferry.emulator.soql.SoqlCatalog} and the records through {@link
 * dev.ferry.emulator.soql.SoqlData}, and returns {@link dev.ferry.emulator.soql.SoqlResult}, which
 * the REST and Bulk layers format for the wire.
 *
 * <p>Value types inside the emulator (what {@link dev.ferry.emulator.soql.SoqlRow#get} returns and
 * what results hold): String (id, reference, string-like, picklist, multipicklist as "a;b"),
 * Boolean, Integer (int), Long (long), BigDecimal (double, currency, percent), LocalDate (date),
 * Instant (datetime), LocalTime (time), null.
 *
 * <p>For implementers of the interfaces: the engine resolves every name once per execution and then
 * calls {@link dev.ferry.emulator.soql.SoqlRow#get} with the very {@link
 * dev.ferry.emulator.soql.SoqlField} instances the catalog returned, so a store can find the slot
 * by identity (an {@code IdentityHashMap} or an index kept beside the field) rather than by {@code
 * SoqlField.equals}, which hashes every component of the record. {@link
 * dev.ferry.emulator.soql.SoqlData#children} receives the child object's and the reference field's
 * canonical names from {@link dev.ferry.emulator.soql.SoqlChildRelationship}. Rows should report
 * their object's canonical name in {@link dev.ferry.emulator.soql.SoqlRow#objectName}: result rows
 * carry it as their type, and polymorphic lookups resolve fields by it.
 *
 * <p>Where the engine knowingly differs from a real org:
 *
 * <ul>
 *   <li>Relative date literals use UTC (an org uses the user's time zone), Sunday-first weeks and a
 *       January fiscal year.
 *   <li>Picklists sort alphabetically (an org sorts by the picklist's defined order); text sorts
 *       case-insensitively by character, not by a locale collation.
 *   <li>GROUP BY without ORDER BY returns groups ordered by their values; text groups
 *       case-insensitively.
 *   <li>Not implemented (MALFORMED_QUERY): HAVING, GROUP BY ROLLUP/CUBE, WITH, USING SCOPE, date
 *       and other functions in SELECT or WHERE (toLabel, FORMAT, CALENDAR_YEAR, DAY_ONLY,
 *       convertCurrency, DISTANCE), bind variables, currency-prefixed literals.
 *   <li>Messages marked "guessed wording" in the code have no public capture to copy; their error
 *       codes follow the nearest observed case.
 * </ul>
 */
package dev.ferry.emulator.soql;
