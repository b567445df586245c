package io.vaeexplorer.cli;

import io.vaeexplorer.data.AssetLocator;
import io.vaeexplorer.data.DataException;
import io.vaeexplorer.data.DatasetLoader;
import io.vaeexplorer.engine.ComputeDevice;
import io.vaeexplorer.engine.DjlRuntime;
import io.vaeexplorer.store.AppFolder;
import io.vaeexplorer.store.SettingsStore;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code doctor}: what the app runs on and finds, one line each, and a plain sentence for whatever is wrong.
 * Exits with 1 when something needed is missing, so a script can ask it first.
 */
@Command(name = "doctor", sortOptions = false,
        description = "Check the platform, Java, PyTorch's native library, the device, the data and model folders"
                + " and free disk, and say in a sentence what is wrong.")
public final class DoctorCommand implements Callable<Integer> {

    /** Less free disk than this where the app writes is reported: a cached picture set alone can take hundreds. */
    static final long LOW_DISK_BYTES = 1L << 30;

    @Option(names = "--app-folder", paramLabel = "DIR", description = "the app's folder of settings and caches"
            + " (default: ~/.vae-explorer)")
    Path appFolder;

    /** One finding: what was looked at, what was found, and whether it stands in the way. */
    record Finding(String topic, String detail, boolean problem) {
        String line() {
            return String.format(Locale.ROOT, "%-4s %-14s %s", problem ? "!!" : "ok", topic, detail);
        }
    }

    @Override
    public Integer call() {
        Path folder = appFolder != null ? appFolder : AppFolder.path();
        List<Finding> findings = new ArrayList<>();
        findings.add(platform());
        findings.add(java());
        findings.addAll(nativeLibraryAndDevice());
        findings.add(shippedData());
        findings.add(appFolder(folder));
        findings.add(freeDisk("disk (app)", existingAncestor(folder)));
        findings.add(freeDisk("disk (runs)", Path.of("").toAbsolutePath()));
        findings.add(display());
        findings.add(javafx());
        PrintStream out = System.out;
        findings.forEach(f -> out.println(f.line()));
        long problems = findings.stream().filter(Finding::problem).count();
        out.println(problems == 0 ? "everything the app needs is in place"
                : problems + (problems == 1 ? " problem" : " problems") + " found (the lines marked !!)");
        return problems == 0 ? 0 : 1;
    }

    static Finding platform() {
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return new Finding("platform", System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, " + gigabytes(memory) + " memory, at most "
                + gigabytes(Runtime.getRuntime().maxMemory()) + " for the Java heap", false);
    }

    static Finding java() {
        int feature = Runtime.version().feature();
        String detail = System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ") in "
                + System.getProperty("java.home");
        return feature >= 17 ? new Finding("Java", detail, false)
                : new Finding("Java", detail + ": the app needs Java 17 or newer", true);
    }

    static List<Finding> nativeLibraryAndDevice() {
        try {
            String version = DjlRuntime.engine().getVersion();
            String library = loadedLibrary("libtorch_cpu").orElse(loadedLibrary("libtorch").orElse(
                    "(its file is not listed by this platform)"));
            return List.of(new Finding("PyTorch", version + ", native library " + library, false),
                    new Finding("device", ComputeDevice.preferred().describe(), false));
        } catch (RuntimeException | LinkageError e) {
            return List.of(new Finding("PyTorch", "its native library could not be loaded (" + oneLine(e) + "): build"
                    + " the app once with ./run.sh, which puts it in target/lib, and run it from there", true));
        }
    }

    /** The file of a loaded native library, from the process's memory map (Linux); empty elsewhere. */
    static Optional<String> loadedLibrary(String name) {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(maps)) {
            return lines.map(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .filter(file -> Path.of(file).getFileName() != null
                            && Path.of(file).getFileName().toString().startsWith(name + "."))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Finding shippedData() {
        try {
            Path mnist = AssetLocator.mnistDir();
            return DatasetLoader.holdsIdxFiles(mnist) ? new Finding("data", "the shipped MNIST in " + mnist, false)
                    : new Finding("data", mnist + " lacks MNIST's four IDX files: the window opens nothing by itself;"
                            + " restore assets/mnist from the repository or open a folder with --data", true);
        } catch (DataException e) {
            return new Finding("data", "the shipped MNIST was not found (" + e.getMessage() + "); run the app from its"
                    + " folder, or open your own with --data DIR", true);
        }
    }

    static Finding appFolder(Path folder) {
        if (!Files.exists(folder)) {
            return new Finding("app folder", folder + " does not exist yet; the app makes it when it first saves its"
                    + " settings", false);
        }
        if (!Files.isDirectory(folder) || !Files.isWritable(folder)) {
            return new Finding("app folder", folder + " is not a folder the app can write to: settings and the picture"
                    + " cache cannot be kept; fix its permissions or remove it", true);
        }
        Path settings = new SettingsStore(folder.resolve("settings.json")).file();
        Path cache = folder.resolve("cache");
        return new Finding("app folder", folder + " (settings " + (Files.exists(settings) ? "saved" : "not saved yet")
                + ", picture cache " + gigabytes(sizeOf(cache)) + ")", false);
    }

    static Finding freeDisk(String topic, Path where) {
        // statvfs on the folder itself: Files.getFileStore also looks the folder's mount up in /proc/mounts, which
        // a chroot or some containers do not list, and then fails although the space is known
        java.io.File folder = where.toFile();
        if (folder.getTotalSpace() == 0) {
            return new Finding(topic, "free space at " + where + " could not be read", true);
        }
        long free = folder.getUsableSpace();
        String detail = gigabytes(free) + " free at " + where;
        return free < LOW_DISK_BYTES ? new Finding(topic, detail + ": too little for models and cached pictures;"
                + " free some space", true) : new Finding(topic, detail, false);
    }

    static Finding display() {
        boolean linux = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux");
        if (!linux || System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null) {
            return new Finding("display", linux ? "available" : "the system's own", false);
        }
        return new Finding("display", "none here (no DISPLAY): the window cannot open, the commands work", false);
    }

    static Finding javafx() {
        try {
            return javafx(Class.forName("javafx.application.Platform", false, DoctorCommand.class.getClassLoader())
                    .getModule());
        } catch (ClassNotFoundException | LinkageError e) {
            return new Finding("JavaFX", "not found: the window cannot open (the commands work); build the app with"
                    + " ./run.sh, which puts JavaFX in target/lib", true);
        }
    }

    /** Where JavaFX was loaded from, given the module of one of its classes. */
    static Finding javafx(Module module) {
        if (module.isNamed()) {
            String version = module.getDescriptor().rawVersion().map(v -> " " + v).orElse("");
            return new Finding("JavaFX", "modules" + version + " (" + module.getName() + " and the rest)", false);
        }
        return new Finding("JavaFX", "on the class path, which works but logs \"Unsupported JavaFX configuration\":"
                + " ./run.sh and the packaged app load it as modules", false);
    }

    private static Path existingAncestor(Path path) {
        Path p = path.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? Path.of("").toAbsolutePath() : p;
    }

    private static long sizeOf(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static String gigabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
