package io.vaeexplorer.ui.draw;

import io.vaeexplorer.ui.fx.FileDialogs;
import io.vaeexplorer.ui.fx.RasterView;
import java.io.File;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;

/**
 * Draw a digit, or open a picture for other data, and see what the model makes of it: its posterior mean and
 * 1/2-sigma ellipses appear on the latent plane, and its reconstruction shows beside it. "as A" / "as B" put it
 * at an end of the interpolation. For other data than digits a picture file can also be dropped onto the tab.
 */
public final class DrawDigitView extends HBox {

    private final SketchPadView pad = new SketchPadView();

    public DrawDigitView(DrawViewModel draw) {
        super(16);
        setId("draw-digit");
        setPadding(new Insets(8));
        RasterView reconstruction = new RasterView(draw.reconstructionProperty(), 6,
                "its reconstruction shows here");
        reconstruction.setId("sketch-reconstruction");
        reconstruction.setPrefSize(28 * 6 + 8, 28 * 6 + 8);
        Label posterior = new Label();
        posterior.setId("sketch-posterior");
        posterior.textProperty().bind(draw.descriptionProperty());
        posterior.setFont(Font.font("monospace", 11));
        posterior.setWrapText(true);
        posterior.setMaxWidth(260);
        Label title = new Label("Reconstruction");
        Label where = new Label(
                "The diamond and the ellipses (1 and 2 sigma) on the plane show where the encoder puts it.");
        where.setWrapText(true); // a narrow window wraps it rather than cutting it short
        where.setMaxWidth(320);
        VBox right = new VBox(8, title, reconstruction, posterior, where);
        right.setAlignment(Pos.TOP_LEFT);
        Node pictures = picturePane(draw);
        showWhile(pad, draw.digitsProperty().get());
        showWhile(pictures, !draw.digitsProperty().get());
        draw.digitsProperty().addListener((obs, was, digits) -> {
            showWhile(pad, digits);
            showWhile(pictures, !digits);
        });
        getChildren().addAll(pad, pictures, right);

        pad.setOnNewImage(sketch -> draw.encode(sketch.isEmpty() ? null : sketch.pixels()));
        pad.setOnUseAsA(pixels -> draw.useDrawingAs(true, pixels));
        pad.setOnUseAsB(pixels -> draw.useDrawingAs(false, pixels));

        // a picture file dropped anywhere on the tab opens, for data that takes pictures
        addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (!draw.digitsProperty().get() && e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            List<File> dropped = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
            if (!draw.digitsProperty().get() && !dropped.isEmpty()) {
                draw.openPicture(dropped.get(0).toPath());
                e.setDropCompleted(true);
                e.consume();
            }
        });
    }

    public SketchPadView pad() {
        return pad;
    }

    /** "Open an image...", the picture as the model sees it, and its "as A" / "as B". */
    private static Node picturePane(DrawViewModel draw) {
        Button open = new Button("Open an image...");
        open.setId("open-picture");
        open.setOnAction(e -> FileDialogs.open(open, "Open an image",
                FileDialogs.type("Picture", "*.png", "*.jpg", "*.jpeg", "*.bmp", "*.gif")).ifPresent(draw::openPicture));
        Label hint = new Label("or drop a picture file here: it is scaled and cropped as the data set's pictures"
                + " were, and encoded");
        hint.setWrapText(true);
        hint.setMaxWidth(280);
        RasterView shown = new RasterView(draw.pictureProperty(), 6, "no picture yet");
        shown.setId("picture-shown");
        shown.setPrefSize(28 * 6 + 8, 28 * 6 + 8);
        Button asA = new Button("as A");
        asA.setId("picture-as-a");
        asA.disableProperty().bind(draw.pictureProperty().isNull());
        asA.setOnAction(e -> draw.usePictureAs(true));
        Button asB = new Button("as B");
        asB.setId("picture-as-b");
        asB.disableProperty().bind(draw.pictureProperty().isNull());
        asB.setOnAction(e -> draw.usePictureAs(false));
        VBox pane = new VBox(8, open, hint, shown, new HBox(8, asA, asB));
        pane.setId("picture-pane");
        pane.setAlignment(Pos.TOP_LEFT);
        return pane;
    }

    private static void showWhile(Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }
}
