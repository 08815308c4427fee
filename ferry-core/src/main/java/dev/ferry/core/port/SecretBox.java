package dev.ferry.core.port;

/**
 * Authenticated encryption for secrets at rest. The context (e.g.
 * "connection:&lt;id&gt;:credentials") is bound to the ciphertext as associated data, so a sealed
 * value cannot be moved to another row.
 */
public interface SecretBox {
  byte[] seal(byte[] plaintext, String context);

  /**
   * Throws {@link dev.ferry.core.error.PermanentException} when the ciphertext or context is wrong.
   */
  byte[] open(byte[] ciphertext, String context);
}
