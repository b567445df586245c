package io.vaeexplorer.core;

import java.util.Locale;

/**
 * How the KL term's weight moves during a run, as a function of the epochs trained so far (fractional: a step
 * counts as its share of an epoch). Beta is the weight the schedule rises to.
 * <ul>
 *   <li>{@code constant}: beta throughout.</li>
 *   <li>{@code warmup:E}: a linear rise from 0 to beta over the first E epochs, then beta.</li>
 *   <li>{@code cyclic:C}: cyclical annealing (Fu et al., 2019): the run split into C cycles, in each a linear rise
 *       from 0 to beta over its first half, then beta for the second half.</li>
 *   <li>{@code capacity:CMAX:E}: the capacity objective (Burgess et al., 2018), reconstruction + beta |KL - C|,
 *       the capacity C rising linearly from 0 to CMAX nats per image over E epochs; beta plays the part of their
 *       gamma and wants to be large (they use 1000).</li>
 * </ul>
 *
 * @param kind which schedule
 * @param epochs E of warm-up and capacity; unused otherwise
 * @param cycles C of cyclic; unused otherwise
 * @param maxCapacity CMAX of capacity, in nats per image; unused otherwise
 */
public record KlSchedule(Kind kind, double epochs, int cycles, double maxCapacity) {

    public enum Kind { CONSTANT, WARMUP, CYCLIC, CAPACITY }

    public static final KlSchedule CONSTANT = new KlSchedule(Kind.CONSTANT, 0, 0, 0);

    public KlSchedule {
        if (kind == null) {
            kind = Kind.CONSTANT;
        }
        if ((kind == Kind.WARMUP || kind == Kind.CAPACITY) && !(epochs > 0 && epochs <= 1e6)) {
            throw new IllegalArgumentException("the " + label(kind) + " schedule needs a number of epochs above 0, got "
                    + epochs);
        }
        if (kind == Kind.CYCLIC && (cycles < 1 || cycles > 1000)) {
            throw new IllegalArgumentException("the cyclic schedule needs 1 to 1000 cycles, got " + cycles);
        }
        if (kind == Kind.CAPACITY && !(maxCapacity >= 0 && maxCapacity <= 1e6)) {
            throw new IllegalArgumentException("the capacity schedule needs a capacity of 0 or more nats, got "
                    + maxCapacity);
        }
    }

    public static KlSchedule warmup(double epochs) {
        return new KlSchedule(Kind.WARMUP, epochs, 0, 0);
    }

    public static KlSchedule cyclic(int cycles) {
        return new KlSchedule(Kind.CYCLIC, 0, cycles, 0);
    }

    public static KlSchedule capacity(double maxCapacity, double epochs) {
        return new KlSchedule(Kind.CAPACITY, epochs, 0, maxCapacity);
    }

    /**
     * The schedule a person types: {@code constant}, {@code warmup:E}, {@code cyclic:C} or {@code capacity:CMAX:E};
     * anything else is refused with a message that says what is accepted.
     */
    public static KlSchedule parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":", -1);
        try {
            switch (parts[0]) {
                case "constant":
                    if (parts.length == 1) {
                        return CONSTANT;
                    }
                    break;
                case "warmup":
                    if (parts.length == 2) {
                        return warmup(Double.parseDouble(parts[1]));
                    }
                    break;
                case "cyclic":
                    if (parts.length == 2) {
                        return cyclic(Integer.parseInt(parts[1]));
                    }
                    break;
                case "capacity":
                    if (parts.length == 3) {
                        return capacity(Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
                    }
                    break;
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            // refused below, with the forms that are accepted
        }
        throw new IllegalArgumentException("'" + text + "' is not a KL schedule: use constant, warmup:E, cyclic:C or "
                + "capacity:CMAX:E");
    }

    /** The text {@link #parse} reads back. */
    public String label() {
        return switch (kind) {
            case CONSTANT -> "constant";
            case WARMUP -> "warmup:" + number(epochs);
            case CYCLIC -> "cyclic:" + cycles;
            case CAPACITY -> "capacity:" + number(maxCapacity) + ":" + number(epochs);
        };
    }

    /**
     * The KL weight after {@code epochsDone} epochs (fractional) of a run of {@code runEpochs}.
     *
     * @param beta the weight the schedule rises to
     */
    public double klWeight(double beta, double epochsDone, int runEpochs) {
        return switch (kind) {
            case CONSTANT, CAPACITY -> beta;
            case WARMUP -> beta * Math.min(1, Math.max(0, epochsDone) / epochs);
            case CYCLIC -> {
                double cycle = Math.max(1e-9, (double) Math.max(1, runEpochs) / cycles);
                double within = (Math.max(0, epochsDone) % cycle) / cycle;
                // a run's last instant belongs to its last cycle's plateau, not to a new cycle's start
                if (epochsDone >= runEpochs) {
                    within = 1;
                }
                yield beta * Math.min(1, 2 * within);
            }
        };
    }

    /** The capacity C in nats per image after {@code epochsDone} epochs; negative when the objective has none. */
    public double capacity(double epochsDone) {
        return kind == Kind.CAPACITY ? maxCapacity * Math.min(1, Math.max(0, epochsDone) / epochs) : -1;
    }

    private static String label(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
