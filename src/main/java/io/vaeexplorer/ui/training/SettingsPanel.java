package io.vaeexplorer.ui.training;

import io.vaeexplorer.core.KlSchedule;
import io.vaeexplorer.core.Likelihood;
import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.Objective;
import io.vaeexplorer.core.TrainingSettings;
import io.vaeexplorer.training.StepCost;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Edits the training settings: the four sections (model, loss, optimiser, data) shown together, a label and an
 * editor per setting, each with a tooltip that explains it, and the training controls below. Settings are an
 * immutable record: an edit builds a new one, checks it as training would, and makes it the settings; a value
 * that does not pass keeps the old settings and says why under the editors, one line per setting, and Start waits
 * until every editor's value was taken. Numbers are edited as text so that any typing can be answered with a message
 * rather than being swallowed. Hidden sizes mean different things for the two model kinds, so each kind keeps its
 * own, and sizes whose steps would take far too long are refused with an estimate of their cost.
 *
 * <p>Each editor has the id {@code setting-<key>}: kind, latent, hidden, conditional, reconstruction, beta,
 * objective, learningRate, batchSize, epochs, seed, limit, dataFolder; its label {@code setting-<key>-label}. The
 * conditional switch is a check box that names itself, with no label beside it: Alt+C moves the focus to it and
 * Space ticks it.
 */
public final class SettingsPanel extends VBox {

    static final List<String> CATEGORIES = List.of("Model", "Loss", "Optimiser", "Data");
    /** The checks build the model for MNIST-sized images, as the shipped data and the IDX files have. */
    private static final int IMAGE_SIDE = 28;
    /** Labels of every section share one width, so that the editors line up down the panel. */
    private static final double NAME_COLUMN_WIDTH = 100;

    private static final StringConverter<Objective> OBJECTIVE_NAMES = new StringConverter<>() {
        @Override
        public String toString(Objective objective) {
            if (objective == null) {
                return "";
            }
            return switch (objective) {
                case ELBO -> "ELBO";
                case RECON_ONLY -> "reconstruction only (no KL)";
                case KL_ONLY -> "KL only";
            };
        }

        @Override
        public Objective fromString(String text) {
            for (Objective o : Objective.values()) {
                if (toString(o).equals(text)) {
                    return o;
                }
            }
            return null;
        }
    };

    private final ObjectProperty<TrainingSettings> settings;
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, String> problems = new LinkedHashMap<>(); // row key -> why its value was refused
    private final ReadOnlyStringWrapper problemText = new ReadOnlyStringWrapper(this, "problems", "");
    private final Map<ModelKind, String> hiddenByKind = new EnumMap<>(ModelKind.class);
    private String tooBig; // why the current settings' model is too big to train, when they came from elsewhere
    private final TrainingCommands commands;
    private Row editing; // the row whose value is being applied: its text stays as typed
    private boolean showing; // editors are being given the settings' values, which is no edit

    /**
     * @param settings the settings edited here, which a run starts with
     * @param training the run the controls below start and follow
     * @param files what the controls' file buttons do
     */
    public SettingsPanel(ObjectProperty<TrainingSettings> settings, TrainingViewModel training, ModelFiles files) {
        super(10);
        setId("settings-panel");
        setPadding(new Insets(8));
        this.settings = settings;
        addRows();
        for (String category : CATEGORIES) {
            getChildren().add(section(category));
        }

        Label problemLabel = new Label();
        problemLabel.setId("settings-error");
        problemLabel.setWrapText(true);
        problemLabel.getStyleClass().add("problem-text");
        problemLabel.textProperty().bind(problemText);
        problemLabel.visibleProperty().bind(problemLabel.textProperty().isNotEmpty());
        problemLabel.managedProperty().bind(problemLabel.visibleProperty());

        settings.addListener((obs, old, now) -> settingsChanged(old, now));
        tooBig = sizeProblem(settings.get());
        showProblems();

        commands = new TrainingCommands(training, files, problemText.getReadOnlyProperty());
        getChildren().addAll(problemLabel, new TrainingControls(commands, training));
    }

    /** The run and file commands of the controls below, for other controls that offer them too. */
    public TrainingCommands commands() {
        return commands;
    }

    /** Why the last edits were refused, one line per setting; empty when all were taken. */
    public String problems() {
        return problemText.get();
    }

    private void addRows() {
        choice("kind", "Model", "model", "MLP: fully connected encoder and mirrored decoder. CONV: two stride-2"
                        + " convolutions and an optional dense layer, and a decoder that upsamples back. Each kind"
                        + " keeps its own hidden sizes.", ModelKind.class, null, TrainingSettings::kind,
                this::switchKind);
        text("latent", "Model", "latent size", "Dimensions of the code z, 1 to 1024. A 2-D code is drawn as it is on"
                + " the plane; larger ones are drawn through their two main directions (PCA).",
                s -> Integer.toString(s.latent()), (d, t) -> d.latent = wholeNumber("latent size", t));
        text("hidden", "Model", settings.map(s -> hiddenName(s.kind())),
                settings.map(s -> hiddenHelp(s.kind())), TrainingSettings::hidden, (d, t) -> d.hidden = t);
        check("conditional", "Model", "_Conditional (tell it each image's class)", "A conditional VAE: the"
                + " encoder and the decoder are both told each image's class, so z is left to hold the style (slant,"
                + " thickness, size) and a class picked beside the plane decodes any z as that class. Needs a data"
                + " set with classes.", TrainingSettings::conditional, (d, v) -> d.conditional = v);
        choice("reconstruction", "Loss", "reconstruction", "How the decoded pixels are scored: BCE is the Bernoulli"
                        + " likelihood of each pixel, MSE the squared error of the sigmoid output.",
                Likelihood.class, null, TrainingSettings::reconstruction, (d, v) -> d.reconstruction = v);
        text("beta", "Loss", "beta", "Weight of the KL term: 1 is the plain VAE; larger values pull the codes"
                + " towards the prior and blur the reconstructions.",
                s -> decimal(s.beta()), (d, t) -> d.beta = number("beta", t));
        text("klSchedule", "Loss", "KL schedule", "How the KL weight moves during a run: constant; warmup:E rises"
                + " from 0 to beta over E epochs; cyclic:C repeats that rise in C cycles; capacity:CMAX:E optimises"
                + " beta |KL - C| with C rising to CMAX nats over E epochs (use a large beta, e.g. 100). A warm-up"
                + " keeps the posterior from collapsing early.",
                TrainingSettings::klSchedule, (d, t) -> d.klSchedule = KlSchedule.parse(t).label());
        choice("objective", "Loss", "objective", "Which terms are optimised: the full ELBO, the reconstruction only"
                        + " (no KL), or the KL term only.", Objective.class, OBJECTIVE_NAMES,
                TrainingSettings::objective, (d, v) -> d.objective = v);
        text("learningRate", "Optimiser", "learning rate", "Adam's step size, e.g. 0.001; too large and the loss"
                + " jumps about or turns into NaN.",
                s -> decimal(s.learningRate()), (d, t) -> d.learningRate = number("learning rate", t));
        text("batchSize", "Optimiser", "batch size", "Images per optimiser step: larger batches take fewer, longer"
                + " steps per epoch.",
                s -> Integer.toString(s.batchSize()), (d, t) -> d.batchSize = wholeNumber("batch size", t));
        text("epochs", "Optimiser", "epochs", "Passes over the training images.",
                s -> Integer.toString(s.epochs()), (d, t) -> d.epochs = wholeNumber("epochs", t));
        text("seed", "Optimiser", "seed", "Seeds the initial weights, the shuffling and the sampling noise: the same"
                + " seed and settings give the same losses.",
                s -> Long.toString(s.seed()), (d, t) -> d.seed = longNumber("seed", t));
        text("limit", "Data", "limit", "Train on the first N training images only, for quick runs; 0 uses all of"
                + " them.", s -> Integer.toString(s.limit()), (d, t) -> d.limit = wholeNumber("limit", t));
        text("dataFolder", "Data", "data folder", "Folder of the four MNIST-style IDX files (training and test"
                + " images and labels), opened at launch; empty for the shipped MNIST. Open data\u2026 opens one now"
                + " and fills this in.", TrainingSettings::dataFolder, (d, t) -> d.dataFolder = t);
    }

    /** What the hidden sizes are called for a kind: one width per layer, or channels per convolution stage. */
    private static String hiddenName(ModelKind kind) {
        return kind == ModelKind.CONV ? "conv channels" : "layer widths";
    }

    private static String hiddenHelp(ModelKind kind) {
        if (kind == ModelKind.CONV) {
            return "Channels of the two stride-2 convolution stages (28 to 14 to 7 pixels), then the units of a dense"
                    + " layer, comma-separated, e.g. 16,32,256; one number c means c,2c channels and no dense layer."
                    + " Empty for the default, " + TrainingSettings.defaultHidden(kind) + ". Doubling the channels"
                    + " costs about four times the work, so sizes far above the default are refused.";
        }
        return "Widths of the hidden layers, comma-separated, e.g. 400 or 512,256; the decoder mirrors them. Empty"
                + " for the default, " + TrainingSettings.defaultHidden(kind) + ". Sizes whose steps would take far"
                + " too long are refused.";
    }

    /** A new kind brings its own hidden sizes: the ones last used with it, else its default. */
    private void switchKind(Draft draft, ModelKind kind) {
        if (kind == null || kind == draft.kind) {
            return;
        }
        if (tooBig == null) { // sizes refused as too big are not worth coming back to
            hiddenByKind.put(draft.kind, draft.hidden);
        }
        draft.hidden = hiddenByKind.getOrDefault(kind, TrainingSettings.defaultHidden(kind));
        draft.kind = kind;
    }

    private Row text(String key, String category, String name, String help, Function<TrainingSettings, String> read,
                     BiConsumer<Draft, String> write) {
        return text(key, category, constant(name), constant(help), read, write);
    }

    private Row text(String key, String category, ObservableValue<String> name, ObservableValue<String> help,
                     Function<TrainingSettings, String> read, BiConsumer<Draft, String> write) {
        TextField field = new TextField(read.apply(settings.get()));
        field.setPrefColumnCount(8);
        Row row = new Row(key, category, name, help, field, read::apply,
                (d, v) -> write.accept(d, v == null ? "" : (String) v), v -> field.setText((String) v));
        field.textProperty().addListener((obs, old, now) -> edit(row, now));
        return row;
    }

    private <E extends Enum<E>> void choice(String key, String category, String name, String help, Class<E> type,
                                            StringConverter<E> names, Function<TrainingSettings, E> read,
                                            BiConsumer<Draft, E> write) {
        ComboBox<E> box = new ComboBox<>(FXCollections.observableArrayList(type.getEnumConstants()));
        if (names != null) {
            box.setConverter(names);
        }
        box.setValue(read.apply(settings.get()));
        box.setPrefWidth(120);
        Row row = new Row(key, category, constant(name), constant(help), box, read::apply,
                (d, v) -> write.accept(d, type.cast(v)), v -> box.setValue(type.cast(v)));
        box.valueProperty().addListener((obs, old, now) -> edit(row, now));
    }

    /** A switch that names itself: a check box below its section's editors, its mnemonic marked with an underscore. */
    private void check(String key, String category, String text, String help, Function<TrainingSettings, Boolean> read,
                       BiConsumer<Draft, Boolean> write) {
        CheckBox box = new CheckBox(text);
        box.setMnemonicParsing(true);
        // a narrow column wraps its name rather than cutting it short
        box.setWrapText(true);
        box.setSelected(read.apply(settings.get()));
        Row row = new Row(key, category, constant(""), constant(help), box, read::apply,
                (d, v) -> write.accept(d, Boolean.TRUE.equals(v)), v -> box.setSelected((Boolean) v));
        box.selectedProperty().addListener((obs, old, now) -> edit(row, now));
    }

    private static Tooltip tooltip(ObservableValue<String> help) {
        Tooltip tooltip = new Tooltip();
        tooltip.textProperty().bind(help);
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(360);
        return tooltip;
    }

    private static ObservableValue<String> constant(String text) {
        return new ReadOnlyStringWrapper(text);
    }

    private VBox section(String category) {
        Label heading = new Label(category);
        heading.getStyleClass().add("settings-section");
        heading.setStyle("-fx-font-weight: bold;");

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(4);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(NAME_COLUMN_WIDTH);
        ColumnConstraints editors = new ColumnConstraints();
        editors.setHgrow(Priority.ALWAYS);
        editors.setMinWidth(60);
        grid.getColumnConstraints().addAll(names, editors);
        int line = 0;
        VBox section = new VBox(4, heading, grid);
        for (Row row : rows) {
            if (row.category.equals(category) && row.editor instanceof CheckBox) {
                // below the grid, whose rows would keep a wrapped name to one line
                section.getChildren().add(row.editor);
            } else if (row.category.equals(category)) {
                grid.addRow(line++, row.name, row.editor);
            }
        }

        section.setId("settings-" + category.toLowerCase(Locale.ROOT));
        return section;
    }

    /** Applies one edit: the new settings if they would train, else the old ones and a message. */
    private void edit(Row row, Object value) {
        if (showing) {
            return;
        }
        TrainingSettings current = settings.get();
        try {
            Draft draft = new Draft(current);
            row.write.accept(draft, value);
            TrainingSettings candidate = draft.build();
            ModelConfig model = candidate.modelConfig(IMAGE_SIDE, IMAGE_SIDE); // throws naming the bad value
            candidate.trainingConfig();
            // settings that came in too big may still be edited, as long as the model grows no bigger
            if (!StepCost.affordable(model) && (tooBig == null || StepCost.multiplyAdds(model) > work(current))) {
                throw new IllegalArgumentException(StepCost.refusal(model));
            }
            problems.remove(row.key);
            if (!candidate.equals(current)) {
                editing = row;
                try {
                    settings.set(candidate);
                } finally {
                    editing = null;
                }
            }
        } catch (IllegalArgumentException e) {
            problems.put(row.key, e.getMessage());
        }
        showProblems();
    }

    /**
     * Editors follow every change but the one being typed: a loaded file, a preset, or the hidden sizes that come
     * with a new model kind. A replaced text takes its complaint with it.
     */
    private void settingsChanged(TrainingSettings old, TrainingSettings now) {
        for (Row row : rows) {
            if (row != editing && !Objects.equals(row.read.apply(old), row.read.apply(now))) {
                problems.remove(row.key);
                row.show(now);
            }
        }
        tooBig = sizeProblem(now);
        showProblems();
    }

    private static String sizeProblem(TrainingSettings s) {
        try {
            ModelConfig model = s.modelConfig(IMAGE_SIDE, IMAGE_SIDE);
            return StepCost.affordable(model) ? null : StepCost.refusal(model);
        } catch (IllegalArgumentException invalid) {
            return null; // Start reports it
        }
    }

    private static long work(TrainingSettings s) {
        return StepCost.multiplyAdds(s.modelConfig(IMAGE_SIDE, IMAGE_SIDE));
    }

    private void showProblems() {
        List<String> lines = new ArrayList<>(problems.values());
        if (tooBig != null) {
            lines.add(tooBig);
        }
        problemText.set(String.join("\n", lines));
    }

    private static int wholeNumber(String name, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + text + "' is not a whole number");
        }
    }

    private static long longNumber(String name, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + text + "' is not a whole number");
        }
    }

    private static float number(String name, String text) {
        try {
            return Float.parseFloat(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + text + "' is not a number");
        }
    }

    /** A float as a person writes it: 0.001 rather than 1.0E-3, 1 rather than 1.0; parses back to the same float. */
    static String decimal(float value) {
        return new BigDecimal(Float.toString(value)).stripTrailingZeros().toPlainString();
    }

    /** One setting: its label and editor, read from and written through the model's settings. */
    private final class Row {

        final String key;
        final String category;
        final Label name = new Label();
        final Control editor;
        final Function<TrainingSettings, Object> read;
        final BiConsumer<Draft, Object> write;
        private final Consumer<Object> showValue;

        Row(String key, String category, ObservableValue<String> name, ObservableValue<String> help, Control editor,
            Function<TrainingSettings, Object> read, BiConsumer<Draft, Object> write, Consumer<Object> showValue) {
            this.key = key;
            this.category = category;
            this.editor = editor;
            this.read = read;
            this.write = write;
            this.showValue = showValue;
            editor.setId("setting-" + key);
            editor.setMaxWidth(Double.MAX_VALUE);
            this.name.setId("setting-" + key + "-label");
            this.name.textProperty().bind(name);
            this.name.setLabelFor(editor);
            this.name.setTooltip(tooltip(help));
            editor.setTooltip(tooltip(help));
            rows.add(this);
        }

        void show(TrainingSettings s) {
            showing = true;
            try {
                showValue.accept(read.apply(s));
            } finally {
                showing = false;
            }
        }
    }

    /** A mutable copy of the settings record, so each row changes one field without a twelve-argument call. */
    static final class Draft {
        ModelKind kind;
        int latent;
        String hidden;
        Likelihood reconstruction;
        float beta;
        Objective objective;
        float learningRate;
        int batchSize;
        int epochs;
        long seed;
        int limit;
        String dataFolder;
        String klSchedule;
        boolean conditional;

        Draft(TrainingSettings s) {
            kind = s.kind();
            latent = s.latent();
            hidden = s.hidden();
            reconstruction = s.reconstruction();
            beta = s.beta();
            objective = s.objective();
            learningRate = s.learningRate();
            batchSize = s.batchSize();
            epochs = s.epochs();
            seed = s.seed();
            limit = s.limit();
            dataFolder = s.dataFolder();
            klSchedule = s.klSchedule();
            conditional = s.conditional();
        }

        TrainingSettings build() {
            return new TrainingSettings(kind, latent, hidden, reconstruction, beta, objective, learningRate,
                    batchSize, epochs, seed, limit, dataFolder, klSchedule, conditional);
        }
    }
}
