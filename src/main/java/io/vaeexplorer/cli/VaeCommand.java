package io.vaeexplorer.cli;

import io.vaeexplorer.data.DataException;
import io.vaeexplorer.store.CheckpointException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code train}, {@code eval}, {@code render}, {@code export}, {@code sweep}, {@code bench},
 * {@code doctor}.
 */
@Command(name = "vae-explorer", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        scope = CommandLine.ScopeType.INHERIT,
        description = "Train, evaluate and picture variational autoencoders. Without arguments ./run.sh opens the app.",
        subcommands = {TrainCommand.class, EvalCommand.class, RenderCommand.class, ExportCommand.class,
            BenchCommand.class, SweepCommand.class, DoctorCommand.class})
public final class VaeCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the command line and returns its exit code; user errors are one line on stderr, no stack trace. */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new VaeCommand());
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof DataException || e instanceof CheckpointException || e instanceof UserError
                    || e instanceof IllegalArgumentException) {
                cmd.getErr().println("error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return commandLine.execute(args);
    }
}
