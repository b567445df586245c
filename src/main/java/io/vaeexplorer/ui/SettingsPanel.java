package io.vaeexplorer.ui;

import io.vaeexplorer.model.ModelKind;
import io.vaeexplorer.model.Objective;
import io.vaeexplorer.model.Reconstruction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.DefaultPropertyEditorFactory;
import org.controlsfx.property.editor.PropertyEditor;

/**
 * Edits the training settings in a property sheet grouped by category, with the training controls below.
 * Settings are an immutable record: an edit builds a new one, checks it as training would, and sets it on the
 * model; a value that does not pass keeps the old settings and says why under the sheet. Numbers are edited as
 * text so that any typing can be answered with a message rather than being swallowed.
 *
 * <p>Each editor has the id {@code setting-<key>}: kind, latent, hidden, reconstruction, beta, objective,
 * learningRate, batchSize, epochs, seed, limit, dataFolder.
 */
public final class SettingsPanel extends VBox {

    static final List<String> CATEGORIES = List.of("Model", "Loss", "Optimiser", "Data");

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
    private final List<SettingItem> items;
    private final Map<String, String> problems = new LinkedHashMap<>(); // item key -> why its text was refused
    private final Label problemLabel = new Label();
    private final DefaultPropertyEditorFactory defaultEditors = new DefaultPropertyEditorFactory();
    private boolean editing;

    public SettingsPanel(ExplorerModel model) {
        super(8);
        setId("settings-panel");
        this.settings = model.settingsProperty();
        this.items = items();

        PropertySheet sheet = new PropertySheet(FXCollections.observableArrayList(items));
        sheet.setId("settings-sheet");
        sheet.setMode(PropertySheet.Mode.CATEGORY);
        sheet.setCategoryComparator((a, b) -> Integer.compare(CATEGORIES.indexOf(a), CATEGORIES.indexOf(b)));
        // twelve items need no search, and every rebuild would leave the old editors listening
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setPropertyEditorFactory(this::editorFor);
        VBox.setVgrow(sheet, Priority.ALWAYS);

        problemLabel.setId("settings-error");
        problemLabel.setWrapText(true);
        problemLabel.setStyle("-fx-text-fill: #c5221f;");
        problemLabel.visibleProperty().bind(problemLabel.textProperty().isNotEmpty());
        problemLabel.managedProperty().bind(problemLabel.visibleProperty());

        // a change from elsewhere (a loaded file, a test) replaces an editor's text, and with it any complaint
        settings.addListener((obs, old, now) -> {
            if (!editing) {
                items.stream().filter(i -> !Objects.equals(i.read.apply(old), i.read.apply(now)))
                        .forEach(i -> problems.remove(i.key));
                showProblems();
            }
        });

        getChildren().addAll(sheet, problemLabel, new TrainingControls(model));
    }

    /** Why the last edits were refused, one line per setting; empty when all were taken. */
    public String problems() {
        return problemLabel.getText();
    }

    private List<SettingItem> items() {
        List<SettingItem> all = new ArrayList<>();
        all.add(new SettingItem("kind", "Model", "model", "fully connected (MLP) or convolutional encoder and decoder",
                ModelKind.class, TrainingSettings::kind, (d, v) -> d.kind = (ModelKind) v));
        all.add(text("latent", "Model", "latent size", "dimensions of z; 2 is drawn as it is, more through PCA",
                s -> Integer.toString(s.latent()), (d, t) -> d.latent = wholeNumber("latent size", t)));
        all.add(text("hidden", "Model", "hidden sizes",
                "comma-separated layer sizes (MLP) or channels (conv), e.g. 400 or 512,256; empty for the default",
                TrainingSettings::hidden, (d, t) -> d.hidden = t));
        all.add(new SettingItem("reconstruction", "Loss", "reconstruction loss",
                "BCE: Bernoulli likelihood; MSE: squared error of the sigmoid output", Reconstruction.class,
                TrainingSettings::reconstruction, (d, v) -> d.reconstruction = (Reconstruction) v));
        all.add(text("beta", "Loss", "beta", "weight of the KL term (1 is the plain VAE)",
                s -> decimal(s.beta()), (d, t) -> d.beta = number("beta", t)));
        all.add(new SettingItem("objective", "Loss", "objective",
                "which terms are optimised: the full ELBO, reconstruction only, or KL only", Objective.class,
                TrainingSettings::objective, (d, v) -> d.objective = (Objective) v));
        all.add(text("learningRate", "Optimiser", "learning rate", "Adam's step size, e.g. 0.001",
                s -> decimal(s.learningRate()), (d, t) -> d.learningRate = number("learning rate", t)));
        all.add(text("batchSize", "Optimiser", "batch size", "images per optimiser step",
                s -> Integer.toString(s.batchSize()), (d, t) -> d.batchSize = wholeNumber("batch size", t)));
        all.add(text("epochs", "Optimiser", "epochs", "passes over the training images",
                s -> Integer.toString(s.epochs()), (d, t) -> d.epochs = wholeNumber("epochs", t)));
        all.add(text("seed", "Optimiser", "seed", "the same seed gives the same run",
                s -> Long.toString(s.seed()), (d, t) -> d.seed = longNumber("seed", t)));
        all.add(text("limit", "Data", "limit", "train on the first N images only (0 = all)",
                s -> Integer.toString(s.limit()), (d, t) -> d.limit = wholeNumber("limit", t)));
        all.add(text("dataFolder", "Data", "data folder", "folder of the four IDX files; empty for the shipped MNIST",
                TrainingSettings::dataFolder, (d, t) -> d.dataFolder = t));
        return all;
    }

    private SettingItem text(String key, String category, String name, String description,
                             Function<TrainingSettings, String> read, BiConsumer<Draft, String> write) {
        return new SettingItem(key, category, name, description, String.class, read::apply,
                (d, v) -> write.accept(d, v == null ? "" : (String) v));
    }

    /** Applies one edit: the new settings if they would train, else the old ones and a message. */
    private void edit(SettingItem item, Object value) {
        TrainingSettings current = settings.get();
        try {
            Draft draft = new Draft(current);
            item.write.accept(draft, value);
            TrainingSettings candidate = draft.build();
            candidate.modelConfig(28, 28); // throws with a message naming the bad value
            candidate.trainingConfig();
            problems.remove(item.key);
            if (!candidate.equals(current)) {
                editing = true;
                try {
                    settings.set(candidate);
                } finally {
                    editing = false;
                }
            }
        } catch (IllegalArgumentException e) {
            problems.put(item.key, e.getMessage());
        }
        showProblems();
    }

    private void showProblems() {
        problemLabel.setText(String.join("\n", problems.values()));
    }

    @SuppressWarnings("unchecked")
    private PropertyEditor<?> editorFor(PropertySheet.Item item) {
        PropertyEditor<?> editor = defaultEditors.call(item);
        if (item instanceof SettingItem setting) {
            editor.getEditor().setId("setting-" + setting.key);
        }
        if (item.getType() == Objective.class && editor.getEditor() instanceof ComboBox<?> box) {
            ((ComboBox<Objective>) box).setConverter(OBJECTIVE_NAMES);
        }
        return editor;
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

    /** One setting as a property sheet row, read from and written through the model's settings. */
    private final class SettingItem implements PropertySheet.Item {

        final String key;
        final Function<TrainingSettings, Object> read;
        final BiConsumer<Draft, Object> write;
        private final String category;
        private final String name;
        private final String description;
        private final Class<?> type;
        private final ObservableValue<Object> value;

        SettingItem(String key, String category, String name, String description, Class<?> type,
                    Function<TrainingSettings, Object> read, BiConsumer<Draft, Object> write) {
            this.key = key;
            this.category = category;
            this.name = name;
            this.description = description;
            this.type = type;
            this.read = read;
            this.write = write;
            this.value = settings.map(read);
        }

        @Override
        public Class<?> getType() {
            return type;
        }

        @Override
        public String getCategory() {
            return category;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getDescription() {
            return description;
        }

        @Override
        public Object getValue() {
            return read.apply(settings.get());
        }

        @Override
        public void setValue(Object newValue) {
            edit(this, newValue);
        }

        @Override
        public Optional<ObservableValue<?>> getObservableValue() {
            return Optional.of(value);
        }
    }

    /** A mutable copy of the settings record, so each row changes one field without a twelve-argument call. */
    static final class Draft {
        ModelKind kind;
        int latent;
        String hidden;
        Reconstruction reconstruction;
        float beta;
        Objective objective;
        float learningRate;
        int batchSize;
        int epochs;
        long seed;
        int limit;
        String dataFolder;

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
        }

        TrainingSettings build() {
            return new TrainingSettings(kind, latent, hidden, reconstruction, beta, objective, learningRate,
                    batchSize, epochs, seed, limit, dataFolder);
        }
    }
}
