package io.vaeexplorer.ui;

import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class LatentPlaneScratchTest {
    Canvas canvas = new Canvas(600, 500);
    @Start void start(Stage s) { s.setScene(new Scene(new Pane(canvas), 600, 500)); s.show(); }

    @Test void cost() throws Exception {
        int[] px = new int[530 * 444];
        for (int i = 0; i < px.length; i += 7) px[i] = 0xff1f77b4;
        PixelBuffer<IntBuffer> pb = new PixelBuffer<>(530, 444, IntBuffer.wrap(px), PixelFormat.getIntArgbPreInstance());
        WritableImage img = new WritableImage(pb);
        javafx.scene.text.Text tx = new javafx.scene.text.Text("1.5");
        javafx.scene.SnapshotParameters sp = new javafx.scene.SnapshotParameters();
        sp.setFill(Color.TRANSPARENT);
        javafx.scene.image.Image timg = WaitForAsyncUtils.asyncFx(() -> { long t0=System.nanoTime(); var r = tx.snapshot(sp, null); System.out.println("SCRATCH text snapshot ms " + (System.nanoTime()-t0)/1e6); return r;}).get();
        for (String mode : new String[] {"fill", "fill+text", "fill+timg", "fill+image+update+timg", "fill+text"}) {
            List<Double> t = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                t.add(WaitForAsyncUtils.asyncFx(() -> {
                    GraphicsContext gc = canvas.getGraphicsContext2D();
                    gc.setFill(Color.WHITE);
                    gc.fillRect(0, 0, 600, 500);
                    if (mode.contains("update")) pb.updateBuffer(b -> null);
                    if (mode.contains("clip")) { gc.save(); gc.beginPath(); gc.rect(58, 12, 530, 444); gc.clip(); }
                    if (mode.contains("image")) gc.drawImage(img, 58, 12);
                    if (mode.contains("clip")) gc.restore();
                    if (mode.contains("text")) for (int k = 0; k < 30; k++) gc.fillText("1.5", 10 + k * 10, 100);
                    if (mode.contains("timg")) for (int k = 0; k < 30; k++) gc.drawImage(timg, 10 + k * 10, 100);
                    long t0 = System.nanoTime();
                    canvas.snapshot(null, null);
                    return (System.nanoTime() - t0) / 1e6;
                }).get(10, TimeUnit.SECONDS));
            }
            System.out.printf("SCRATCH %s: median %.2f p90 %.2f%n", mode, LatentPlaneView.percentile(t, 50), LatentPlaneView.percentile(t, 90));
        }
    }
}
