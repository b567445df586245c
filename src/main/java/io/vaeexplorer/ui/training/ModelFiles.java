package io.vaeexplorer.ui.training;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The file commands beside the training buttons: save the current model, load one, open a data folder. They
 * change the open data set and the current model, which belong to the whole window rather than to training, so
 * the window hands them over as commands; each runs in the background and reports through the status line and
 * the error banner.
 *
 * @param saveModel saves the current model to the file
 * @param loadModel makes the model in the file the current one
 * @param openDataset opens the data set in the folder
 */
public record ModelFiles(Consumer<Path> saveModel, Consumer<Path> loadModel, Consumer<Path> openDataset) {
}
