package io.vaeexplorer.ui.plane;

import io.vaeexplorer.ui.fx.ClassNameCell;
import io.vaeexplorer.ui.fx.ClassNames;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * The class legend in the plane's upper right corner: each class's colour and name (cut short, the whole name in
 * a tooltip), in a list that scrolls when the classes outnumber the room, with a search field past
 * {@value #SEARCH_FROM} classes. Choosing a class highlights it on the plane (the others fade); choosing it again, or Escape,
 * ends the highlight. The header folds the list away. An unlabelled set has one entry, the colour of all its
 * images. Talks only to the {@link PlaneViewModel}.
 */
final class PlaneLegend extends VBox {

    /** More classes than this get a search field. */
    static final int SEARCH_FROM = 12;
    private static final double ROW_HEIGHT = 20;

    private final PlaneViewModel plane;
    /** Held here: the list is a read-only view whose listeners last only as long as it does. */
    private final ObservableList<String> names;
    private final FilteredList<String> shown;
    private final ListView<String> list;
    private final TextField search = new TextField();
    private final ToggleButton fold = new ToggleButton();
    private final Label title = new Label();
    private final HBox header;
    private double width;

    PlaneLegend(PlaneViewModel plane) {
        super(4);
        this.plane = plane;
        this.names = plane.legendNames();
        this.shown = new FilteredList<>(names, name -> true);
        setId("plane-legend");
        getStyleClass().add("plane-legend");
        setPadding(new Insets(4));

        list = new ListView<>(shown);
        list.setId("plane-legend-list");
        list.setFixedCellSize(ROW_HEIGHT);
        list.setCellFactory(view -> new LegendCell());
        list.setFocusTraversable(true);
        list.setStyle("-fx-background-color: transparent; -fx-background-insets: 0; -fx-padding: 0;");
        VBox.setVgrow(list, Priority.ALWAYS);
        list.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> highlightChosen(now));
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                list.getSelectionModel().clearSelection();
                e.consume();
            }
        });

        search.setId("plane-legend-search");
        search.setPromptText("Find a class");
        search.textProperty().addListener((obs, was, text) -> filter(text));
        search.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN || e.getCode() == KeyCode.ENTER) {
                list.requestFocus();
                if (!shown.isEmpty() && list.getSelectionModel().isEmpty()) {
                    list.getSelectionModel().select(0);
                }
                e.consume();
            }
        });

        fold.setId("plane-legend-fold");
        fold.setFocusTraversable(false);
        fold.setTooltip(new Tooltip("Fold the legend away or open it again"));
        fold.setStyle("-fx-padding: 0 4 0 4; -fx-font-size: 10;");
        fold.textProperty().bind(fold.selectedProperty().map(folded -> folded ? "\u25b8" : "\u25be"));
        fold.selectedProperty().addListener((obs, was, folded) -> relayout());
        title.setId("plane-legend-title");
        title.setStyle("-fx-font-size: 11;");
        header = new HBox(4, fold, title);
        header.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(header, search, list);
        names.addListener((ListChangeListener<String>) change -> namesChanged());
        plane.highlightedClassProperty().addListener((obs, was, now) -> showHighlight(now.intValue()));
        namesChanged();
    }

    /** The list of names shown (for tests). */
    ListView<String> list() {
        return list;
    }

    /** The height the legend wants: all its rows, or what {@code room} allows. */
    double heightFor(double room) {
        double height = snappedTopInset() + snappedBottomInset() + header.prefHeight(-1);
        if (!fold.isSelected()) {
            if (search.isManaged()) {
                height += getSpacing() + search.prefHeight(-1);
            }
            height += getSpacing() + shown.size() * ROW_HEIGHT + 2; // the rows and the list's border
        }
        return Math.min(room, height);
    }

    /** The width it wants: the widest shortened name, the colour square, a scroll bar. */
    double widthWanted() {
        return width;
    }

    private static double measure(List<String> names) {
        Text probe = new Text();
        probe.setFont(Font.getDefault());
        double widest = 0;
        for (String name : names) {
            probe.setText(ClassNames.shortened(name));
            widest = Math.max(widest, probe.getLayoutBounds().getWidth());
        }
        // colour square and its gap, the cell's padding, a scroll bar, the legend's padding and border, a margin
        return Math.ceil(Math.max(widest + 14 + 16 + 16 + 10 + 8, 110));
    }

    private void namesChanged() {
        search.clear();
        width = measure(names);
        boolean searchable = names.size() > SEARCH_FROM;
        search.setVisible(searchable);
        search.setManaged(searchable);
        title.setText(names.size() == 1 ? "Legend" : names.size() + " classes");
        relayout();
    }

    private void relayout() {
        boolean open = !fold.isSelected();
        list.setVisible(open);
        list.setManaged(open);
        search.setVisible(open && names.size() > SEARCH_FROM);
        search.setManaged(search.isVisible());
        requestParentLayout();
    }

    private void filter(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        shown.setPredicate(wanted.isEmpty() ? name -> true
                : name -> name.toLowerCase(Locale.ROOT).contains(wanted));
        requestParentLayout();
    }

    private void highlightChosen(String name) {
        // one entry is every image: nothing to tell apart
        int label = name == null || names.size() < 2 ? -1 : names.indexOf(name);
        if (plane.highlightedClassProperty().get() != label) {
            plane.highlightedClassProperty().set(label);
        }
    }

    private void showHighlight(int label) {
        String name = label >= 0 && label < names.size() ? names.get(label) : null;
        if (name == null) {
            list.getSelectionModel().clearSelection();
        } else if (!name.equals(list.getSelectionModel().getSelectedItem())) {
            list.getSelectionModel().select(name);
            list.scrollTo(name);
        }
    }

    /** A legend row; a press on the chosen row ends the highlight. */
    private final class LegendCell extends ClassNameCell {

        LegendCell() {
            super(names);
            setMinWidth(Region.USE_PREF_SIZE);
            addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
                if (!isEmpty() && isSelected()) {
                    list.getSelectionModel().clearSelection();
                    e.consume();
                }
            });
        }
    }
}
