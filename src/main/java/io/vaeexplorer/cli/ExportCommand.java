package io.vaeexplorer.cli;

import io.vaeexplorer.core.AppVersion;
import io.vaeexplorer.core.Checkpoint;
import io.vaeexplorer.store.CheckpointIO;
import io.vaeexplorer.store.SafetensorsCheckpoint;
import io.vaeexplorer.store.TensorNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code export}: writes a saved model's weights and settings for other tools (safetensors). */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a saved model's weights and settings as a safetensors file, which PyTorch loads: the"
                + " MLP with one hidden layer under pytorch/examples' VAE names (fc1 ... fc4), other models under"
                + " sequential names (encoder.N, mu, logvar, decoder.N). eval, render and the window read it back.")
final class ExportCommand implements Callable<Integer> {

    private static final String DEFAULT_NAME = "model" + SafetensorsCheckpoint.EXTENSION;

    @Option(names = "--model-dir", paramLabel = "DIR", required = true, description = "folder (or .vae file) of the checkpoint")
    Path modelDir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "safetensors",
            description = "file format: safetensors (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "file to write, ending in .safetensors, or a folder"
            + " for " + DEFAULT_NAME + " (default: beside the checkpoint, " + DEFAULT_NAME + " in its folder or"
            + " NAME.safetensors for NAME.vae)")
    Path out;

    @Override
    public Integer call() {
        if (!format.strip().toLowerCase(Locale.ROOT).equals("safetensors")) {
            throw new UserError("--format must be safetensors, got '" + format + "'");
        }
        Path file = target();
        Checkpoint checkpoint = CheckpointIO.load(modelDir);
        TensorNames.Naming naming = SafetensorsCheckpoint.export(checkpoint, file, AppVersion.TITLE,
                AppVersion.version());
        System.out.println("wrote " + file + ": " + checkpoint.config().describe() + ", "
                + checkpoint.weights().weights().size() + " tensors under " + naming.description());
        return 0;
    }

    /** Where the file goes: --out, or beside the checkpoint it comes from. */
    private Path target() {
        if (out != null) {
            if (Files.isDirectory(out)) {
                return out.resolve(DEFAULT_NAME);
            }
            if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(SafetensorsCheckpoint.EXTENSION)) {
                throw new UserError("--out must end in " + SafetensorsCheckpoint.EXTENSION
                        + " (eval, render and the window know the file by it), got " + out);
            }
            return out;
        }
        String name = modelDir.getFileName() == null ? "" : modelDir.getFileName().toString();
        if (name.endsWith(".vae") && !Files.isDirectory(modelDir)) {
            return modelDir.resolveSibling(name.substring(0, name.length() - 4) + SafetensorsCheckpoint.EXTENSION);
        }
        if (SafetensorsCheckpoint.isSafetensors(modelDir)) {
            throw new UserError(modelDir + " is a safetensors file already; name another with --out");
        }
        return modelDir.resolve(DEFAULT_NAME);
    }
}
