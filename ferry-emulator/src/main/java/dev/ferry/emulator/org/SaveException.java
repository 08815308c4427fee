package dev.ferry.emulator.org;

/** A record Salesforce refuses to save. */
public class SaveException extends RuntimeException {
  private final SaveError error;

  public SaveException(SaveError error) {
    super(error.statusCode() + ": " + error.message());
    this.error = error;
  }

  public SaveError error() {
    return error;
  }
}
