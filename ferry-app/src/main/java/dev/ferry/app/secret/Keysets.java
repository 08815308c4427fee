package dev.ferry.app.secret;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.ferry.core.error.ConfigException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Tink keysets for {@link TinkSecretBox}: parse (JSON, or that JSON base64-encoded so it fits an
 * environment variable without quoting), generate (one AES-256-GCM key) and rotate (add a new
 * primary key; old keys stay so old ciphertexts remain readable). Keysets are secrets: nothing here
 * logs one, and errors never quote one.
 */
public final class Keysets {
  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Keysets() {}

  /** Makes sure Tink's AEAD key types are registered (they are once this class is loaded). */
  static void ensureRegistered() {
    // the static initializer did the work
  }

  /** Parses a keyset given as JSON or base64 of JSON; throws naming the source, not the value. */
  public static KeysetHandle parse(String text, String source) {
    String json = text.trim();
    if (!json.startsWith("{")) {
      try {
        json = new String(Base64.getMimeDecoder().decode(json), StandardCharsets.UTF_8).trim();
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            source
                + " must be a Tink keyset (JSON, or base64 of it), e.g. from `ferry keyset"
                + " generate`");
      }
    }
    try {
      return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new ConfigException(
          source + " is not a valid Tink keyset (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** A new keyset holding one AES-256-GCM key. */
  public static KeysetHandle generate() {
    try {
      return KeysetHandle.newBuilder()
          .addEntry(
              KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                  .withRandomId()
                  .makePrimary())
          .build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a keyset", e);
    }
  }

  /** The keyset with a new AES-256-GCM primary key added; the old keys stay for decryption. */
  public static KeysetHandle rotate(KeysetHandle keyset) {
    try {
      return KeysetHandle.newBuilder(keyset)
          .addEntry(
              KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                  .withRandomId()
                  .makePrimary())
          .build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot rotate the keyset", e);
    }
  }

  /** The keyset as Tink JSON (contains the key material). */
  public static String toJson(KeysetHandle keyset) {
    try {
      return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot serialize the keyset", e);
    }
  }

  /** The keyset as base64 of its JSON: one line, safe in an environment variable. */
  public static String toBase64(KeysetHandle keyset) {
    return Base64.getEncoder().encodeToString(toJson(keyset).getBytes(StandardCharsets.UTF_8));
  }
}
