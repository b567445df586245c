package io.vaeexplorer.core;

import java.util.Locale;

/**
 * The likelihood p(x|z) used for the reconstruction term.
 *
 * <p>BCE is the default for colour pictures as well as for grey ones, although colour levels are not binary.
 * Each value in [0, 1] is read as the probability of a Bernoulli pixel; the gradient with respect to a logit is
 * then {@code p - x}, which does not vanish when the sigmoid saturates, and there is no noise scale to choose. MSE
 * is the Gaussian likelihood with a fixed variance of 1/2, up to a constant: that fixed variance sets how much a
 * pixel's error weighs against the KL term, and unless it is tuned to the data the decoder settles for blurred,
 * greyish colour pictures. Its gradient through the sigmoid, {@code 2 (p - x) p (1 - p)}, also fades at
 * saturated pixels.
 */
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
