package io.vaeexplorer.sweep;

import io.vaeexplorer.core.KlSchedule;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * An immutable, ordered list of named training runs (a model and its training settings each), usually the
 * cartesian product of a base configuration and some axes.
 *
 * <p><b>Spec syntax</b> ({@link #parse}): axes separated by blanks, each {@code NAME=VALUE,VALUE,...}, e.g.
 * <pre>  latent=2,20 hidden=400;64,32 beta=1,4 loss=bce,mse objective=elbo,recon,kl</pre>
 * Values of an axis are separated by {@code ,} or {@code ;}, except for {@code hidden}, whose values are
 * themselves lists: there {@code ;} separates values and {@code ,} the sizes inside one value (as in
 * {@code --hidden 64,32}), so {@code hidden=400;64,32} is the two values [400] and [64, 32]. Axis names:
 * {@code model} (mlp|conv), {@code latent}, {@code hidden}, {@code loss} (bce|mse), {@code beta},
 * {@code objective} (elbo|recon|kl), {@code schedule} (a KL schedule: constant, warmup:E, cyclic:C,
 * capacity:CMAX:E), {@code epochs}, {@code batch}, {@code lr}, {@code seed}, {@code limit}, {@code conditional}
 * (no|yes: a plain model, or one told each image's class, which needs the data set's classes).
 * Runs come in the order of nested loops written in the spec's order: the first axis varies slowest. A run's
 * name lists its value on every axis, e.g. "latent=2 hidden=64,32". When {@code model} changes the kind and
 * {@code hidden} is not an axis, hidden sizes equal to the base kind's default follow the kind's default (an MLP's
 * 400 units make no sense as conv channels).
 */
public final class SweepPlan {

    /** Most runs a spec may expand to: a typo such as {@code seed=1,2,...} times four axes should not queue days. */
    public static final int MAX_RUNS = 1000;

    /** Axis names of the spec, in the order the help lists them. */
    public static final List<String> AXES = List.of("model", "latent", "hidden", "loss", "beta", "objective",
            "schedule", "epochs", "batch", "lr", "seed", "limit", "conditional");

    /**
     * One run of a sweep.
     *
     * @param name what the run differs in, as a person reads it, e.g. "latent=2 beta=4"
     */
    public record Run(String name, ModelConfig model, TrainingConfig training) {

        public Run {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(training, "training");
        }

        /** The name made safe for a folder or file name on any platform, e.g. "latent2_hidden64x32". */
        public String slug() {
            String s = name.toLowerCase(Locale.ROOT).replace("=", "").replace(",", "x").replaceAll("\\s+", "_")
                    .replaceAll("[^a-z0-9._-]", "-");
            return s.isEmpty() ? "run" : s;
        }
    }

    /** The sweeps the UI offers as one click. */
    public enum Preset {
        /** Full ELBO, reconstruction only, KL only: the tutorials' ablations. */
        ABLATIONS("ablations", "objective=elbo,recon,kl"),
        /** Latent sizes 2 (a plane to look at) and 20 (the classic tutorial's better likelihood). */
        LATENTS("latents", "latent=2,20"),
        /** The plain model and the conditional one (told each image's class) of the same settings. */
        CONDITIONAL("conditional", "conditional=no,yes");

        private final String id;
        private final String spec;

        Preset(String id, String spec) {
            this.id = id;
            this.spec = spec;
        }

        /** The name on the command line, e.g. "ablations". */
        public String id() {
            return id;
        }

        /** The equivalent spec, e.g. "latent=2,20". */
        public String spec() {
            return spec;
        }

        /**
         * The preset's runs around a base configuration. The conditional preset takes the classes from a
         * conditional base; use {@link #plan(ModelConfig, TrainingConfig, IntSupplier)} to give them for a plain one.
         *
         * @throws IllegalArgumentException for the conditional preset on a plain base
         */
        public SweepPlan plan(ModelConfig base, TrainingConfig training) {
            return plan(base, training, () -> {
                throw new IllegalArgumentException("the conditional preset needs the data set's classes");
            });
        }

        /**
         * The preset's runs around a base configuration.
         *
         * @param classes the data set's class count for a conditional run, e.g. {@code data::conditionClasses};
         *                asked only by the conditional preset on a plain base, and its one-line refusal (a data set
         *                without classes) is the plan's
         */
        public SweepPlan plan(ModelConfig base, TrainingConfig training, IntSupplier classes) {
            return switch (this) {
                case ABLATIONS -> new SweepPlan(List.of(
                        new Run("full ELBO", base.withObjective(Objective.ELBO), training),
                        new Run("reconstruction only", base.withObjective(Objective.RECON_ONLY), training),
                        new Run("KL only", base.withObjective(Objective.KL_ONLY), training)), List.of("objective"));
                case LATENTS -> new SweepPlan(List.of(
                        new Run("latent 2", withLatent(base, 2), training),
                        new Run("latent 20", withLatent(base, 20), training)), List.of("latent"));
                case CONDITIONAL -> new SweepPlan(List.of(
                        new Run("plain", base.withConditionClasses(0), training),
                        new Run("conditional", base.withConditionClasses(conditionClasses(base, classes)), training)),
                        List.of("conditional"));
            };
        }

        /** The preset named {@code id} ("ablations", "latents" or "conditional"), case-insensitive. */
        public static Preset byId(String id) {
            for (Preset p : values()) {
                if (p.id.equalsIgnoreCase(id.strip())) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown sweep preset '" + id + "' (known: " + known() + ")");
        }

        /** The presets' names as a list for messages: "ablations, latents, conditional". */
        public static String known() {
            return String.join(", ", Arrays.stream(values()).map(Preset::id).toList());
        }
    }

    private final List<Run> runs;
    private final List<String> axes;

    /**
     * @param runs at least one run, in the order they will train
     * @param axes names of what varies between the runs (table columns for a UI); may be empty
     */
    public SweepPlan(List<Run> runs, List<String> axes) {
        this.runs = List.copyOf(runs);
        this.axes = List.copyOf(axes);
        if (this.runs.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one run");
        }
    }

    public SweepPlan(List<Run> runs) {
        this(runs, List.of());
    }

    public List<Run> runs() {
        return runs;
    }

    public Run run(int index) {
        return runs.get(index);
    }

    public int size() {
        return runs.size();
    }

    /** Names of the axes that vary, in spec order. */
    public List<String> axes() {
        return axes;
    }

    public static SweepPlan ablations(ModelConfig base, TrainingConfig training) {
        return Preset.ABLATIONS.plan(base, training);
    }

    public static SweepPlan latents(ModelConfig base, TrainingConfig training) {
        return Preset.LATENTS.plan(base, training);
    }

    /**
     * Expands a spec (syntax in the class comment) around a base configuration.
     *
     * @throws IllegalArgumentException with a one-line message naming the bad axis or value
     */
    public static SweepPlan parse(String spec, ModelConfig base, TrainingConfig training) {
        return parse(spec, base, training, () -> {
            throw new IllegalArgumentException("a conditional run needs the data set's classes");
        });
    }

    /**
     * Expands a spec (syntax in the class comment) around a base configuration.
     *
     * @param classes the data set's class count for the runs with conditional=yes when the base is plain, e.g.
     *                {@code data::conditionClasses}; its one-line refusal becomes the spec's
     * @throws IllegalArgumentException with a one-line message naming the bad axis or value
     */
    public static SweepPlan parse(String spec, ModelConfig base, TrainingConfig training, IntSupplier classes) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(training, "training");
        String text = spec == null ? "" : spec.strip();
        if (text.isEmpty()) {
            throw bad("empty: give at least one axis, e.g. latent=2,20");
        }
        Map<String, List<Value>> axes = new LinkedHashMap<>();
        for (String token : text.split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw bad("'" + token + "' is not NAME=VALUES (e.g. latent=2,20)");
            }
            String name = token.substring(0, eq).toLowerCase(Locale.ROOT);
            if (!AXES.contains(name)) {
                throw bad("unknown axis '" + token.substring(0, eq) + "' (known: " + String.join(", ", AXES) + ")");
            }
            if (axes.containsKey(name)) {
                throw bad("axis '" + name + "' given twice");
            }
            axes.put(name, values(name, token.substring(eq + 1), token));
        }
        long total = 1;
        for (List<Value> values : axes.values()) {
            total *= values.size();
            if (total > MAX_RUNS) {
                throw bad("expands to more than " + MAX_RUNS + " runs");
            }
        }
        List<String> names = new ArrayList<>(axes.keySet());
        List<Run> runs = new ArrayList<>();
        int[] choice = new int[names.size()];
        for (long n = 0; n < total; n++) {
            runs.add(build(base, training, classes, names, axes, choice));
            for (int a = names.size() - 1; a >= 0; a--) { // odometer: the last axis turns fastest
                if (++choice[a] < axes.get(names.get(a)).size()) {
                    break;
                }
                choice[a] = 0;
            }
        }
        return new SweepPlan(runs, names);
    }

    /** One parsed value of an axis: the text as the user wrote it (for the run's name) and what it means. */
    private record Value(String label, Object value) {
    }

    private static List<Value> values(String name, String text, String token) {
        if (text.isBlank()) {
            throw bad("axis '" + name + "' has no values");
        }
        String separator = name.equals("hidden") ? ";" : "[,;]";
        List<Value> values = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (String part : text.split(separator, -1)) {
            String label = part.strip();
            if (label.isEmpty()) {
                throw bad(token + ": empty value");
            }
            Object value = parseValue(name, label, token);
            if (!seen.add(value)) {
                throw bad(token + ": value '" + label + "' given twice");
            }
            values.add(new Value(name.equals("loss") || name.equals("objective") || name.equals("model")
                    || name.equals("schedule") || name.equals("conditional")
                    ? label.toLowerCase(Locale.ROOT) : label, value));
        }
        return values;
    }

    private static Object parseValue(String name, String text, String token) {
        return switch (name) {
            case "model" -> parsed(token, () -> ModelKind.parse(text));
            case "loss" -> parsed(token, () -> Likelihood.parse(text));
            case "objective" -> parsed(token, () -> Objective.parse(text));
            case "schedule" -> parsed(token, () -> KlSchedule.parse(text));
            case "conditional" -> switch (text.toLowerCase(Locale.ROOT)) {
                case "no", "false" -> false;
                case "yes", "true" -> true;
                default -> throw bad(token + ": '" + text + "' is not no or yes");
            };
            case "hidden" -> {
                List<Integer> sizes = new ArrayList<>();
                for (String size : text.split(",", -1)) {
                    sizes.add(parseInt(size.strip(), token));
                }
                yield List.copyOf(sizes);
            }
            case "beta", "lr" -> parseFloat(text, token);
            case "seed" -> {
                try {
                    yield Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw bad(token + ": '" + text + "' is not a whole number");
                }
            }
            default -> parseInt(text, token); // latent, epochs, batch, limit
        };
    }

    /** An enum value parsed by its own rule, its refusal named with the token it came from. */
    private static Object parsed(String token, Supplier<Object> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw bad(token + ": " + e.getMessage());
        }
    }

    private static int parseInt(String text, String token) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw bad(token + ": '" + text + "' is not a whole number");
        }
    }

    private static float parseFloat(String text, String token) {
        try {
            float f = Float.parseFloat(text);
            if (Float.isFinite(f) && !text.endsWith("f") && !text.endsWith("d") && !text.endsWith("F")
                    && !text.endsWith("D")) {
                return f;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(token + ": '" + text + "' is not a number");
    }

    /** Builds one run: the model kind first (so default hidden sizes can follow it), then every other axis. */
    private static Run build(ModelConfig base, TrainingConfig training, IntSupplier classes, List<String> names,
                             Map<String, List<Value>> axes, int[] choice) {
        Map<String, Object> pick = new LinkedHashMap<>();
        StringBuilder runName = new StringBuilder();
        for (int a = 0; a < names.size(); a++) {
            Value v = axes.get(names.get(a)).get(choice[a]);
            pick.put(names.get(a), v.value());
            runName.append(a == 0 ? "" : " ").append(names.get(a)).append('=').append(v.label());
        }
        try {
            ModelKind kind = (ModelKind) pick.getOrDefault("model", base.kind());
            List<Integer> hidden = base.hidden();
            if (kind != base.kind() && hidden.equals(defaultHidden(base.kind()))) {
                hidden = defaultHidden(kind);
            }
            @SuppressWarnings("unchecked")
            List<Integer> chosenHidden = (List<Integer>) pick.getOrDefault("hidden", hidden);
            Boolean conditional = (Boolean) pick.get("conditional");
            int conditionClasses = conditional == null ? base.conditionClasses()
                    : conditional ? conditionClasses(base, classes) : 0;
            ModelConfig model = new ModelConfig(kind, base.imageRows(), base.imageCols(),
                    (Integer) pick.getOrDefault("latent", base.latent()), chosenHidden,
                    (Likelihood) pick.getOrDefault("loss", base.reconstruction()),
                    (Float) pick.getOrDefault("beta", base.beta()),
                    (Objective) pick.getOrDefault("objective", base.objective()), base.channels(),
                    conditionClasses);
            TrainingConfig t = new TrainingConfig((Integer) pick.getOrDefault("epochs", training.epochs()),
                    (Integer) pick.getOrDefault("batch", training.batchSize()),
                    (Float) pick.getOrDefault("lr", training.learningRate()),
                    (Long) pick.getOrDefault("seed", training.seed()),
                    (Integer) pick.getOrDefault("limit", training.limit()),
                    (KlSchedule) pick.getOrDefault("schedule", training.klSchedule()));
            return new Run(runName.toString(), model, t);
        } catch (IllegalArgumentException e) {
            throw bad(runName + ": " + e.getMessage());
        }
    }

    /** The classes a conditional run is told: a conditional base's own, else the data set's. */
    private static int conditionClasses(ModelConfig base, IntSupplier classes) {
        return base.conditional() ? base.conditionClasses() : classes.getAsInt();
    }

    private static List<Integer> defaultHidden(ModelKind kind) {
        return kind == ModelKind.CONV ? ModelConfig.DEFAULT_CONV_HIDDEN : ModelConfig.DEFAULT_MLP_HIDDEN;
    }

    /** An objective as the spec writes it: elbo, recon or kl. */
    public static String specName(Objective objective) {
        return switch (objective) {
            case ELBO -> "elbo";
            case RECON_ONLY -> "recon";
            case KL_ONLY -> "kl";
        };
    }

    private static ModelConfig withLatent(ModelConfig c, int latent) {
        return new ModelConfig(c.kind(), c.imageRows(), c.imageCols(), latent, c.hidden(), c.reconstruction(),
                c.beta(), c.objective(), c.channels(), c.conditionClasses());
    }

    private static IllegalArgumentException bad(String message) {
        return new IllegalArgumentException("bad sweep spec: " + message);
    }

    @Override
    public String toString() {
        return "SweepPlan" + Arrays.toString(runs.stream().map(Run::name).toArray());
    }
}
