package io.vaeexplorer.data;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

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
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + ": could not be listed (not a folder)");
        }
        ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
        try {
            pool.invoke(new ListFolder(dir, dir, prefix, found, ignored));
        } finally {
            pool.shutdownNow();
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

    /** Files per task when the attributes of a folder's files are read: enough to outweigh the task. */
    private static final int ATTRIBUTE_CHUNK = 256;

    /**
     * Lists one folder and reads its entries' attributes in chunks, as tasks the pool's threads share: a folder of
     * pictures costs a system call per file, and the listing would otherwise wait for one core. Names starting with
     * a dot are left out; links are not followed.
     */
    private static final class ListFolder extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient Path root;
        private final transient Path folder;
        private final String prefix;
        private final transient List<Found> found;
        private final transient List<Ignored> ignored;

        ListFolder(Path root, Path folder, String prefix, List<Found> found, List<Ignored> ignored) {
            this.root = root;
            this.folder = folder;
            this.prefix = prefix;
            this.found = found;
            this.ignored = ignored;
        }

        @Override
        protected void compute() {
            List<Path> entries = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
                for (Path entry : stream) {
                    if (!entry.getFileName().toString().startsWith(".")) {
                        entries.add(entry);
                    }
                }
            } catch (IOException | DirectoryIteratorException e) {
                synchronized (ignored) {
                    ignored.add(new Ignored(relative(root, prefix, folder), "could not be listed (" + e + ")"));
                }
                return;
            }
            List<ReadAttributes> chunks = new ArrayList<>();
            for (int from = 0; from < entries.size(); from += ATTRIBUTE_CHUNK) {
                chunks.add(new ReadAttributes(this, entries.subList(from, Math.min(entries.size(),
                        from + ATTRIBUTE_CHUNK))));
            }
            invokeAll(chunks);
        }
    }

    /** Reads a chunk of a folder's entries: files are found, folders are listed in turn. */
    private static final class ReadAttributes extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient ListFolder folder;
        private final transient List<Path> entries;

        ReadAttributes(ListFolder folder, List<Path> entries) {
            this.folder = folder;
            this.entries = entries;
        }

        @Override
        protected void compute() {
            List<Found> files = new ArrayList<>();
            List<Ignored> failed = new ArrayList<>();
            List<ListFolder> folders = new ArrayList<>();
            for (Path entry : entries) {
                try {
                    BasicFileAttributes attrs = Files.readAttributes(entry, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    if (attrs.isDirectory()) {
                        folders.add(new ListFolder(folder.root, entry, folder.prefix, folder.found, folder.ignored));
                    } else if (attrs.isRegularFile()) {
                        files.add(new Found(relative(folder.root, folder.prefix, entry), entry, attrs.size(),
                                attrs.lastModifiedTime().toMillis()));
                    }
                } catch (IOException e) {
                    failed.add(new Ignored(relative(folder.root, folder.prefix, entry),
                            "could not be listed (" + e + ")"));
                }
            }
            synchronized (folder.found) {
                folder.found.addAll(files);
            }
            if (!failed.isEmpty()) {
                synchronized (folder.ignored) {
                    folder.ignored.addAll(failed);
                }
            }
            invokeAll(folders);
        }
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
