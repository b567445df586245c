package io.vaeexplorer.cli;

import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.data.Dataset;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Architecture and loss options of {@code train} (and later {@code sweep}). */
final class ModelOptions {

    @Option(names = "--model", paramLabel = "mlp|conv", defaultValue = "mlp", converter = KindConverter.class,
            description = "architecture: mlp or conv (default: ${DEFAULT-VALUE})")
    ModelKind kind;

    @Option(names = "--latent", paramLabel = "N", defaultValue = "2",
            description = "latent size d (default: ${DEFAULT-VALUE}; the classic tutorial uses 20)")
    int latent;

    @Option(names = "--hidden", paramLabel = "H[,H...]", split = ",",
            description = "MLP hidden sizes, e.g. 400 or 64,32 (default 400); conv: channels c1,c2 and an optional dense layer (default 16,32,256)")
    List<Integer> hidden;

    @Option(names = "--loss", paramLabel = "bce|mse", defaultValue = "bce", converter = LikelihoodConverter.class,
            description = "reconstruction term: bce (Bernoulli) or mse (Gaussian) (default: ${DEFAULT-VALUE})")
    Likelihood reconstruction;

    @Option(names = "--beta", paramLabel = "B", defaultValue = "1.0", description = "weight of the KL term (default: ${DEFAULT-VALUE})")
    float beta;

    @Option(names = "--conditional", description = "a conditional VAE: the encoder and decoder are told each"
            + " image's class (needs labelled data)")
    boolean conditional;

    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "Ablations (at most one):%n")
    Ablation ablation;

    static final class Ablation {
        @Option(names = "--no-kl", description = "ablation: reconstruction term only") boolean noKl;
        @Option(names = "--kl-only", description = "ablation: KL term only") boolean klOnly;
    }

    ModelConfig toConfig(int rows, int cols) {
        return toConfig(1, rows, cols);
    }

    /** The model these options describe for {@code data}: its image shape and, when conditional, its classes. */
    ModelConfig toConfig(Dataset data) {
        return toConfig(data.channels(), data.rows(), data.cols())
                .withConditionClasses(conditional ? data.conditionClasses() : 0);
    }

    /** The model these options describe, for images of {@code channels} channels of {@code rows x cols}. */
    ModelConfig toConfig(int channels, int rows, int cols) {
        List<Integer> sizes = hidden != null && !hidden.isEmpty() ? hidden
                : kind == ModelKind.CONV ? ModelConfig.DEFAULT_CONV_HIDDEN : ModelConfig.DEFAULT_MLP_HIDDEN;
        Objective objective = ablation == null ? Objective.ELBO
                : ablation.noKl ? Objective.RECON_ONLY : ablation.klOnly ? Objective.KL_ONLY : Objective.ELBO;
        return new ModelConfig(kind, rows, cols, latent, sizes, reconstruction, beta, objective, channels);
    }

    static final class KindConverter implements picocli.CommandLine.ITypeConverter<ModelKind> {
        @Override
        public ModelKind convert(String value) {
            try {
                return ModelKind.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("expected mlp or conv, got '" + value + "'");
            }
        }
    }

    static final class LikelihoodConverter implements picocli.CommandLine.ITypeConverter<Likelihood> {
        @Override
        public Likelihood convert(String value) {
            try {
                return Likelihood.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("expected bce or mse, got '" + value + "'");
            }
        }
    }
}
