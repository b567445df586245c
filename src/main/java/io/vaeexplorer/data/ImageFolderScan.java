package io.vaeexplorer.data;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The files of a picture folder and what each one is: an image of a class and split, or a file to ignore.
 *
 * <p>The layout is torchvision's {@code ImageFolder}: an image's class is the name of its first-level
 * sub-folder (images deeper down belong to that class too). When the folder holds both {@code train/} and
 * {@code test/}, each of those is such a folder and gives the split. A folder with no class sub-folders holding
 * images is one unlabelled set of the images lying directly in it. Names starting with a dot are skipped
 * entirely (system files such as {@code .DS_Store} that change without the pictures changing).
 */
final class ImageFolderScan {

    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");
    static final String TRAIN = "train";
    static final String TEST = "test";

    enum Split { HOLD_OUT, TRAIN, TEST }

    /** An image file to decode; {@code label} is an index into the class names (0 when unlabelled). */
    record Entry(String relativePath, Path file, long size, long modifiedMillis, Split split, int label) {
    }

    /** A file that is not tried, with the reason. */
    record Ignored(String relativePath, String reason) {
    }

    /** A regular file found under the folder. */
    record Found(String relativePath, Path file, long size, long modifiedMillis) {
    }

    final Path dir;
    final List<Found> found;
    final List<Entry> entries;
    final List<Ignored> ignored;
    final List<String> classNames;
    final boolean splitByFolders;

    private ImageFolderScan(Path dir, List<Found> found, List<Entry> entries, List<Ignored> ignored,
            List<String> classNames, boolean splitByFolders) {
        this.dir = dir;
        this.found = found;
        this.entries = entries;
        this.ignored = ignored;
        this.classNames = classNames;
        this.splitByFolders = splitByFolders;
    }

    static boolean isImageName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Whether any image file name lies under {@code dir} (stops at the first). */
    static boolean holdsImageFiles(Path dir) {
        try (var paths = Files.walk(dir)) {
            return paths.anyMatch(p -> !isHidden(dir.relativize(p)) && isImageName(p.getFileName().toString())
                    && Files.isRegularFile(p));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    static ImageFolderScan scan(Path dir) {
        List<Found> found = new ArrayList<>();
        List<Ignored> ignored = new ArrayList<>();
        String prefix = dir.toString().isEmpty() ? "" : dir + dir.getFileSystem().getSeparator();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(dir) && d.getFileName().toString().startsWith(".")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !file.getFileName().toString().startsWith(".")) {
                        found.add(new Found(relative(dir, prefix, file), file, attrs.size(),
                                attrs.lastModifiedTime().toMillis()));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    ignored.add(new Ignored(relative(dir, prefix, file), "could not be listed (" + e + ")"));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new DataException(dir + ": could not be listed (" + e + ")", e);
        }
        found.sort(Comparator.comparing(Found::relativePath));

        boolean split = Files.isDirectory(dir.resolve(TRAIN)) && Files.isDirectory(dir.resolve(TEST));
        List<String[]> names = new ArrayList<>(found.size());
        for (Found f : found) {
            names.add(f.relativePath().split("/"));
        }
        // A set is labelled when any image lies in a class folder (two levels below a root).
        boolean labelled = false;
        for (String[] parts : names) {
            int depth = split ? parts.length - 1 : parts.length;
            if (isImageName(parts[parts.length - 1]) && depth >= 2 && (!split || isSplitName(parts[0]))) {
                labelled = true;
                break;
            }
        }
        TreeSet<String> classes = new TreeSet<>();
        List<Found> images = new ArrayList<>();
        List<String[]> imageNames = new ArrayList<>();
        for (int k = 0; k < found.size(); k++) {
            Found f = found.get(k);
            String[] parts = names.get(k);
            String name = parts[parts.length - 1];
            if (!isImageName(name)) {
                ignored.add(new Ignored(f.relativePath(), "not a PNG, JPEG, BMP or GIF file name"));
                continue;
            }
            if (split && !isSplitName(parts[0])) {
                ignored.add(new Ignored(f.relativePath(), "outside " + TRAIN + "/ and " + TEST + "/"));
                continue;
            }
            int depth = split ? parts.length - 1 : parts.length;
            if (labelled && depth < 2) {
                ignored.add(new Ignored(f.relativePath(), "outside any class folder"));
                continue;
            }
            if (!labelled && depth > 1) {
                continue; // cannot happen: a deeper image would make the set labelled
            }
            if (labelled) {
                classes.add(parts[split ? 1 : 0]);
            }
            images.add(f);
            imageNames.add(parts);
        }
        List<String> classNames = List.copyOf(classes);
        if (classNames.size() > LabeledImages.MAX_LABEL + 1) {
            throw new DataException(dir + ": " + classNames.size() + " class folders, more than the "
                    + (LabeledImages.MAX_LABEL + 1) + " a data set can hold");
        }
        Map<String, Integer> classIndex = new HashMap<>();
        for (int i = 0; i < classNames.size(); i++) {
            classIndex.put(classNames.get(i), i);
        }
        List<Entry> entries = new ArrayList<>(images.size());
        for (int k = 0; k < images.size(); k++) {
            Found f = images.get(k);
            String[] parts = imageNames.get(k);
            Split s = !split ? Split.HOLD_OUT : parts[0].equals(TRAIN) ? Split.TRAIN : Split.TEST;
            int label = labelled ? classIndex.get(parts[split ? 1 : 0]) : 0;
            entries.add(new Entry(f.relativePath(), f.file(), f.size(), f.modifiedMillis(), s, label));
        }
        ignored.sort(Comparator.comparing(Ignored::relativePath));
        return new ImageFolderScan(dir, List.copyOf(found), List.copyOf(entries), List.copyOf(ignored), classNames,
                split);
    }

    private static boolean isSplitName(String name) {
        return name.equals(TRAIN) || name.equals(TEST);
    }

    /** The path below {@code dir} with '/' separators, the same on every platform (it feeds the cache key). */
    private static String relative(Path dir, String prefix, Path file) {
        String path = file.toString();
        if (path.startsWith(prefix)) {
            // the walk names every file as dir.resolve(...): the prefix is dir and one separator
            String below = path.substring(prefix.length());
            String separator = dir.getFileSystem().getSeparator();
            return separator.equals("/") ? below : below.replace(separator, "/");
        }
        StringBuilder s = new StringBuilder();
        for (Path part : dir.relativize(file)) {
            if (s.length() > 0) {
                s.append('/');
            }
            s.append(part);
        }
        return s.toString();
    }
}
