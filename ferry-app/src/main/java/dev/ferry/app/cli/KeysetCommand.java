package dev.ferry.app.cli;

import com.google.crypto.tink.KeysetHandle;
import dev.ferry.app.config.AppSettings;
import dev.ferry.app.secret.Keysets;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ferry keyset generate|rotate}: keysets for FERRY_SECRET_KEY (see docs/security.md). */
@Command(
    name = "keyset",
    mixinStandardHelpOptions = true,
    description = "Create or rotate the Tink keyset that encrypts Salesforce credentials at rest.",
    subcommands = {KeysetCommand.Generate.class, KeysetCommand.Rotate.class})
public final class KeysetCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static void print(PrintWriter out, KeysetHandle keyset, boolean json) {
    out.println(json ? Keysets.toJson(keyset) : Keysets.toBase64(keyset));
    out.flush();
  }

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description = {
        "Print a new keyset (one AES-256-GCM key), base64 by default: export FERRY_SECRET_KEY=..."
      })
  static final class Generate implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print Tink JSON instead of base64.")
    boolean json;

    @Override
    public Integer call() {
      print(spec.commandLine().getOut(), Keysets.generate(), json);
      return 0;
    }
  }

  @Command(
      name = "rotate",
      mixinStandardHelpOptions = true,
      description = {
        "Print the keyset with a new primary key added. New secrets are sealed with it; the old",
        "keys stay so stored secrets still open. Reads FERRY_SECRET_KEY unless --from is given."
      })
  static final class Rotate implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", paramLabel = "FILE", description = "Keyset file to rotate.")
    Path from;

    @Option(names = "--json", description = "Print Tink JSON instead of base64.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      String text =
          from != null ? Files.readString(from) : System.getenv(AppSettings.SECRET_KEY.env());
      if (text == null || text.isBlank()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "nothing to rotate: set FERRY_SECRET_KEY or pass --from FILE");
      }
      String source = from != null ? from.toString() : AppSettings.SECRET_KEY.env();
      print(spec.commandLine().getOut(), Keysets.rotate(Keysets.parse(text, source)), json);
      return 0;
    }
  }
}
