package io.github.goproxy4j.cli;

import java.util.List;

/** The registry of {@code goproxy} commands, in the order {@code --help} lists them. */
final class Commands {
  private Commands() {}

  static List<Command> all() {
    return List.of(
        new ExplainCommand(),
        new ModuleCommands.Versions(),
        new ModuleCommands.Latest(),
        new ModuleCommands.Info(),
        new ModuleCommands.Download(),
        new VerifyCommand(),
        new ModuleGraphCommands.ListModules(),
        new ModuleGraphCommands.ModGraph(),
        new ModuleGraphCommands.ModDownload(),
        new ModuleGraphCommands.ModVerify(),
        new ModEditCommand(),
        new ServeCommand(System.in),
        new DoctorCommand(),
        new ProbeCommand(),
        new ToolchainCommand());
  }
}
