package dev.vigil.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for vigil's commands and options.",
                "bash: source <(vigil completion bash)   (or save it in /etc/bash_completion.d/vigil)",
                "zsh:  source <(vigil completion zsh)    (it loads bashcompinit itself)"})
final class CompletionCommand implements Callable<Integer> {

    enum Shell { bash, zsh }

    private final CliEnvironment environment;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh")
    Shell shell;

    CompletionCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    /** picocli writes one script for both: under zsh it enables bash completion support first. */
    @Override
    public Integer call() {
        environment.out().print(AutoComplete.bash("vigil", spec.root().commandLine()));
        environment.out().flush();
        return ExitCodes.OK;
    }
}
