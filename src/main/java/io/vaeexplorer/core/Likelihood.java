package io.vaeexplorer.core;

import java.util.Locale;

/** The likelihood p(x|z) used for the reconstruction term. */
public enum Likelihood {
    /** Bernoulli likelihood: binary cross-entropy summed over pixels, in nats. */
    BCE,
    /** Gaussian likelihood up to a constant: squared error of the sigmoid output summed over pixels (mse_loss, sum). */
    MSE;

    /** The likelihood a person types: "bce" or "mse", in any case. */
    public static Likelihood parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "bce" -> BCE;
            case "mse" -> MSE;
            default -> throw new IllegalArgumentException("'" + text + "' is not bce or mse");
        };
    }

    /** The name a person types and reads: "bce" or "mse". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
