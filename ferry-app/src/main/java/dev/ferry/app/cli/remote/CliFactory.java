package dev.ferry.app.cli.remote;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Creates picocli's command objects: the remote commands get the {@link CliEnvironment}, everything
 * else is made the default way.
 */
public final class CliFactory implements CommandLine.IFactory {
  private final CliEnvironment env;

  public CliFactory(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    Constructor<K> withEnv;
    try {
      withEnv = cls.getDeclaredConstructor(CliEnvironment.class);
    } catch (NoSuchMethodException e) {
      return CommandLine.defaultFactory().create(cls);
    }
    return withEnv.newInstance(env);
  }
}
