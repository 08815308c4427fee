package dev.ferry.core.control;

import java.util.Objects;

/**
 * One diagnostic check's result, in Heroku Connect's terms ({@code rule_id}, {@code display_name},
 * {@code status}, {@code message}, {@code doc_url}).
 *
 * @param ruleId stable identifier, e.g. {@code MAPPING_STATE}
 * @param displayName what a human reads as the check's title
 * @param message what was found and, when not GREEN, what to do
 * @param docUrl where the check is explained ({@code docs/diagnostics.md#<anchor>})
 */
public record Check(
    String ruleId, String displayName, CheckStatus status, String message, String docUrl) {
  public Check {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(docUrl, "docUrl");
  }
}
