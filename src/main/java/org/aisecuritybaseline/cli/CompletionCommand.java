package org.aisecuritybaseline.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Model.CommandSpec;

public final class CompletionCommand implements Callable<Integer> {
  /** The command line of {@code completion}, bound to {@code c}. */
  static CommandSpec spec(CompletionCommand c) {
    CommandSpec spec =
        Args.command(
            c,
            "completion",
            "Print a completion script for baseline's commands and options.",
            "bash: source <(baseline completion bash) in ~/.bashrc.",
            "zsh: source <(baseline completion zsh) in ~/.zshrc; it is the same script, which loads"
                + " zsh's bashcompinit itself.");
    spec.addPositional(
        Args.positional("0", Shell.class, v -> c.shell = v, "SHELL", "bash or zsh.").build());
    c.spec = Args.standardHelp(spec);
    return c.spec;
  }

  CommandSpec spec;

  Shell shell;

  enum Shell {
    bash,
    zsh
  }

  @Override
  public Integer call() {
    String script = AutoComplete.bash("baseline", spec.root().commandLine());
    if (shell == Shell.zsh) {
      // picocli's script runs compinit and bashcompinit itself when ZSH_VERSION is set.
      script =
          "# zsh: the bash completion script; under zsh it loads bashcompinit itself.\n" + script;
    }
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
