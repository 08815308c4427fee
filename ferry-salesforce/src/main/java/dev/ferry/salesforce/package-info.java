/**
 * The Salesforce client: {@link dev.ferry.salesforce.HttpSalesforceApi} implements the {@link
 * dev.ferry.core.port.SalesforceApi} port over {@code java.net.http}, configured by {@link
 * dev.ferry.salesforce.SalesforceConfig}.
 *
 * <p>Layers, each using only the ones after it: {@code rest} and {@code bulk} (the calls) → {@code
 * transport} (authenticated sending, one refresh on an expired session, retries) → {@code auth}
 * (OAuth flows, the session) → {@code internal} (one HTTP exchange, error classification, retry
 * policy) → {@code wire} (JSON and CSV shapes, package-private DTOs) and {@code limits}
 * (Sforce-Limit-Info, call counts).
 */
package dev.ferry.salesforce;
