package dev.ferry.emulator.soql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the Salesforce errors the engine raises. */
final class SoqlAssertions {
  private SoqlAssertions() {}

  /** The call fails with errorCode; returns the exception for message checks. */
  static SoqlException failure(ThrowingCallable call, String errorCode) {
    SoqlException e = catchThrowableOfType(SoqlException.class, call);
    assertThat(e).as("expected a SoqlException %s", errorCode).isNotNull();
    assertThat(e.errorCode()).as(e.getMessage()).isEqualTo(errorCode);
    return e;
  }

  /** The text after the "ERROR at Row:r:Column:c" line (or the whole message). */
  static String text(SoqlException e) {
    String message = e.getMessage();
    int at = message.indexOf("\nERROR at Row:");
    if (at < 0) return message;
    return message.substring(message.indexOf('\n', at + 1) + 1);
  }
}
