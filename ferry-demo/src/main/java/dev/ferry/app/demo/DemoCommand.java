package dev.ferry.app.demo;

import dev.ferry.app.config.AppSettings;
import dev.ferry.app.wiring.StartupImport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ferry demo}: everything on this machine, no setup, until Ctrl-C. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run Ferry against a Salesforce emulator with generated data: an embedded PostgreSQL",
      "(or DATABASE_URL), a connection, mappings for Account, Contact and Invoice__c, and a",
      "live view of loads and polls. Prints the dashboard's and the management API's URLs and",
      "the token to log in with. Ctrl-C stops."
    })
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--accounts",
      defaultValue = "5000",
      description = "Accounts to generate (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(
      names = "--contacts",
      defaultValue = "50000",
      description = "Contacts to generate (default: ${DEFAULT-VALUE}).")
  int contacts;

  @Option(
      names = "--invoices",
      defaultValue = "2000",
      description = "Invoice__c records to generate (default: ${DEFAULT-VALUE}).")
  int invoices;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the generated data (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Management API port, 0 = any free (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Management API interface (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--changes",
      defaultValue = "10",
      description =
          "Contacts changed in Salesforce every 5 s, so polls have work; 0 = none (default: ${DEFAULT-VALUE}).")
  int changes;

  @Option(
      names = "--app-inserts",
      defaultValue = "3",
      description =
          "Invoices the demo application inserts in Postgres every 5 s (Ferry writes them to"
              + " Salesforce); 0 = none (default: ${DEFAULT-VALUE}).")
  int appInserts;

  @Option(
      names = "--mappings",
      paramLabel = "FILE",
      description = "A Heroku Connect export to import instead of the built-in mappings.")
  Path mappings;

  @Option(
      names = "--log-file",
      paramLabel = "FILE",
      description = "Where the logs go (default: a new file in the temporary directory).")
  Path logFile;

  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch done = new CountDownLatch(1);

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "Starting the demo: a Salesforce emulator with %,d Accounts, %,d Contacts, %,d Invoices; %s ...%n",
        accounts,
        contacts,
        invoices,
        System.getenv(AppSettings.DATABASE_URL.env()) == null
            ? "an embedded PostgreSQL"
            : "DATABASE_URL");
    out.flush();
    Demo.Options options =
        new Demo.Options(
            accounts,
            contacts,
            invoices,
            seed,
            host,
            port,
            changes,
            Duration.ofSeconds(5),
            appInserts,
            mappings == null ? null : StartupImport.Document.read(mappings),
            logFile());
    InstantSource clock = InstantSource.system();
    // Ctrl-C: the JVM halts once its hooks return, so the hook waits for the demo to close.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stop.countDown();
                  try {
                    done.await(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "ferry-demo-shutdown"));
    try (Demo demo = Demo.start(options, System.getenv(), clock)) {
      printBanner(out, demo, options.logFile());
      DemoProgress progress = new DemoProgress(demo.node().service(), demo.connection(), clock);
      while (!stop.await(1, TimeUnit.SECONDS)) {
        progress.poll().forEach(out::println);
        if (demo.churn() != null) demo.churn().drain().forEach(s -> out.println("          " + s));
        if (demo.application() != null) {
          demo.application().drain().forEach(s -> out.println("          " + s));
        }
        out.flush();
      }
    } finally {
      out.println("Demo stopped.");
      out.flush();
      done.countDown();
    }
    return 0;
  }

  /** The demo's logs go to a file so the console shows the progress. */
  private Path logFile() {
    if (logFile != null) return logFile;
    try {
      return Files.createTempFile("ferry-demo-", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the demo's log file", e);
    }
  }

  static void printBanner(PrintWriter out, Demo demo, Path logFile) {
    String api = demo.node().apiUrl() + "/api/v3";
    out.println();
    out.println("Ferry demo is running.");
    out.println("  Dashboard       " + demo.node().dashboardUrl() + " (log in with the API token)");
    out.println("  Management API  " + api);
    out.println("  API token       " + demo.node().apiToken());
    out.println(
        "  Try             curl -H \"Authorization: Bearer "
            + demo.node().apiToken()
            + "\" '"
            + api
            + "/connections/"
            + demo.connection()
            + "?deep=true'");
    out.println(
        "  Salesforce      "
            + demo.emulator().baseUrl()
            + " (emulator; admin@example.com / password)");
    if (demo.emulator().pubSub() != null) {
      out.println("  Pub/Sub API     " + EmulatorCommand.pubSubEndpoint(demo.emulator()));
    }
    if (demo.embeddedDatabase()) {
      out.println(
          "  PostgreSQL      psql 'postgresql://postgres@"
              + demo.database().host()
              + ":"
              + demo.database().port()
              + "/"
              + demo.database().database()
              + "' -c 'select count(*) from salesforce.contact'");
    } else {
      out.println("  PostgreSQL      DATABASE_URL, schema salesforce");
    }
    out.println("  Logs            tail -f " + logFile);
    out.println("Press Ctrl-C to stop. Progress:");
    out.flush();
  }
}
