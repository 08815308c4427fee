package dev.ferry.app.secret;

import com.google.crypto.tink.KeysetHandle;
import dev.ferry.core.error.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the secret keyset comes from. {@code FERRY_SECRET_KEY} when set. Otherwise a keyset file in
 * the data directory, generated on first start (owner-only permissions) with a loud warning: it is
 * fine for one machine, but a second process on the same database, or a lost file, cannot open the
 * stored credentials — production sets FERRY_SECRET_KEY.
 */
public final class KeysetSource {
  /** Name of the generated keyset file in the data directory. */
  public static final String FILE_NAME = "secret-keyset.json";

  private static final Logger log = LoggerFactory.getLogger(KeysetSource.class);

  private KeysetSource() {}

  public static KeysetHandle resolve(@Nullable String secretKey, Path dataDir) {
    if (secretKey != null && !secretKey.isBlank()) {
      return Keysets.parse(secretKey, "FERRY_SECRET_KEY");
    }
    Path file = dataDir.resolve(FILE_NAME);
    if (Files.exists(file)) {
      try {
        KeysetHandle keyset = Keysets.parse(Files.readString(file), file.toString());
        log.atWarn()
            .addKeyValue("file", file)
            .log(
                "FERRY_SECRET_KEY is not set: secrets are encrypted with the keyset file; set"
                    + " FERRY_SECRET_KEY to its content for production and for other processes");
        return keyset;
      } catch (IOException e) {
        throw new ConfigException("cannot read the keyset " + file + ": " + e.getMessage());
      }
    }
    KeysetHandle keyset = Keysets.generate();
    write(file, Keysets.toJson(keyset));
    log.atWarn()
        .addKeyValue("file", file)
        .log(
            "FERRY_SECRET_KEY is not set: GENERATED a new keyset file to encrypt Salesforce"
                + " credentials. Back it up; losing it means re-authorizing every connection."
                + " Every Ferry process on this database needs the same key: set FERRY_SECRET_KEY"
                + " to the file's content");
    return keyset;
  }

  private static void write(Path file, String json) {
    try {
      Files.createDirectories(file.getParent());
      try {
        // Owner-only from the first byte: no window in which the key is world-readable.
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      }
      Files.writeString(file, json, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new ConfigException(
          "FERRY_SECRET_KEY is not set and the keyset file "
              + file
              + " cannot be created ("
              + e.getMessage()
              + "); set FERRY_SECRET_KEY or FERRY_DATA_DIR");
    }
  }
}
