package dev.ferry.app.cli.remote;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to a running {@code ferry serve} over its HTTP API. Subclasses do one verb:
 * find what the user named, make the call(s), print the answer. Failures are {@link CliException}s,
 * which {@code FerryCli} prints and turns into the exit code.
 */
public abstract class RemoteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RemoteOptions remote;

  protected final CliEnvironment env;

  protected RemoteCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public final Integer call() throws Exception {
    return run(remote.open(env, spec.commandLine().getOut()));
  }

  /** Runs the verb; returns the exit code ({@link ExitCodes}). */
  protected abstract int run(Remote r) throws Exception;
}
