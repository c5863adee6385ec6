package dev.vigil.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Make the workspace match the file, all or nothing.",
                "Objects are matched by their key; applying the same file twice changes nothing. With --prune, "
                        + "objects an earlier apply made that the file no longer names are deleted; objects made "
                        + "any other way are never touched. {env: NAME} values are filled in from the environment."})
final class ApplyCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Mixin
    GlobalOptions global;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "vigil.yaml (or JSON); - reads stdin")
    Path file;

    @Option(names = "--prune", description = "Delete managed objects the file no longer names")
    boolean prune;

    ApplyCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PlanCommand.send(environment, global, file, false, prune);
        return ExitCodes.OK;
    }
}
