package io.vaeexplorer.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vaeexplorer.concurrent.TaskExecutor;
import io.vaeexplorer.core.EpochRecord;
import io.vaeexplorer.core.LossParts;
import io.vaeexplorer.ui.fx.ExportSize;
import io.vaeexplorer.ui.fx.RecordedMessages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loss chart's exports without a window: plain executors stand in for the file thread and the FX thread. */
class LossChartViewModelTest {

    @TempDir
    Path temp;

    private final RecordedMessages messages = new RecordedMessages();
    private final List<String> statuses = messages.statuses;
    private final List<String> errors = messages.errors;
    private final LossHistory history = new LossHistory();

    private LossChartViewModel chart(TaskExecutor files) {
        return new LossChartViewModel(history, new ReadOnlyObjectWrapper<long[]>().getReadOnlyProperty(), files,
                new ExportSize(), messages);
    }

    @Test
    void theCsvHasEveryStepThenEveryEpochWithCrLfAfterEachRow() throws IOException {
        history.addStep(1, new LossParts(190.5, 4.25));
        history.addStep(2, new LossParts(180, 5));
        history.addEpoch(new EpochRecord(1, 2, new LossParts(185, 4.5), new LossParts(170.125, 6), 1, 1000));
        LossChartViewModel chart = chart(TaskExecutor.direct());
        Path file = temp.resolve("out").resolve("losses.csv");

        chart.exportCsv(file);

        assertEquals("kind,step,epoch,total,reconstruction,kl,test_total,test_reconstruction,test_kl\r\n"
                + "step,1,,194.750000,190.500000,4.250000,,,\r\n"
                + "step,2,,185.000000,180.000000,5.000000,,,\r\n"
                + "epoch,2,1,189.500000,185.000000,4.500000,176.125000,170.125000,6.000000\r\n",
                Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(List.of("saved " + file), statuses);
        assertEquals(List.of(), errors);
        assertEquals("saved " + file, chart.exportMessageProperty().get());
    }

    @Test
    void theCsvHoldsTheHistoryAsItWasWhenTheExportWasAskedFor() throws IOException {
        for (int step = 1; step <= 3; step++) {
            history.addStep(step, new LossParts(100, 1));
        }
        List<Runnable> fileThread = new ArrayList<>();
        LossChartViewModel chart = chart(new TaskExecutor(fileThread::add, Runnable::run));
        Path file = temp.resolve("losses.csv");

        chart.exportCsv(file);
        // the run goes on while the file waits for its thread
        history.addStep(4, new LossParts(90, 1));
        history.clear();
        assertFalse(Files.exists(file), "nothing is written on the calling thread");
        fileThread.forEach(Runnable::run);

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(3).startsWith("step,3,"), lines.get(3));
    }

    @Test
    void aFailedExportIsOneErrorLineNamingTheFileAndLeavesNoSavedLine() throws IOException {
        history.addStep(1, new LossParts(100, 1));
        LossChartViewModel chart = chart(TaskExecutor.direct());
        Path saved = temp.resolve("first.csv");
        chart.exportCsv(saved);
        assertEquals("saved " + saved, chart.exportMessageProperty().get());
        Path blocker = Files.writeString(temp.resolve("not-a-folder"), "x");
        Path file = blocker.resolve("losses.csv");

        chart.exportCsv(file);

        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains(file.toString()), errors.get(0));
        assertFalse(errors.get(0).contains("\n"), "one line");
        assertEquals(List.of("saved " + saved), statuses, "no status for the failed export");
        assertEquals("", chart.exportMessageProperty().get());
        assertEquals("x", Files.readString(blocker));
    }

    @Test
    void thePngIsThePictureGiven() throws IOException {
        BufferedImage picture = new BufferedImage(30, 20, BufferedImage.TYPE_INT_ARGB);
        picture.setRGB(3, 4, 0xff112233);
        Path file = temp.resolve("chart.png");

        chart(TaskExecutor.direct()).exportPng(file, picture);

        BufferedImage read = ImageIO.read(file.toFile());
        assertNotNull(read, "a readable PNG");
        assertEquals(List.of(30, 20), List.of(read.getWidth(), read.getHeight()));
        assertEquals(0xff112233, read.getRGB(3, 4));
        assertEquals(List.of("saved " + file), statuses);
        assertEquals(List.of(), errors);
    }
}
