package org.aisecuritybaseline.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a completion script for baseline's commands and options.",
      "bash: source <(baseline completion bash) in ~/.bashrc.",
      "zsh: source <(baseline completion zsh) in ~/.zshrc; it is the same script,",
      "which loads zsh's bashcompinit itself."
    })
public final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
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
