package io.vaeexplorer.data;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * Finds the shipped {@code assets} folder without any set-up, whether the program runs from the project folder,
 * from elsewhere via the jar in {@code target/}, or from the test classpath.
 */
public final class AssetLocator {

    /** System property that names the assets folder explicitly. */
    public static final String ASSETS_PROPERTY = "vae.assets";
    private static final String ASSETS = "assets";
    private static final String MNIST = "mnist";

    private AssetLocator() {
    }

    public static Path assetsDir() {
        String configured = System.getProperty(ASSETS_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured.strip());
            // An explicit setting that is wrong should be reported, not silently replaced by a guess.
            if (!Files.isDirectory(dir)) {
                throw new DataException(dir + ": assets folder given by -D" + ASSETS_PROPERTY + " not found");
            }
            return dir;
        }
        Path workingDirAssets = Path.of(ASSETS).toAbsolutePath();
        if (holdsMnist(workingDirAssets)) {
            return workingDirAssets;
        }
        return codeLocation().flatMap(AssetLocator::findNearCode).orElseThrow(() ->
                new DataException("assets folder not found; run from the project folder or pass --data DIR"));
    }

    public static Path mnistDir() {
        return assetsDir().resolve(MNIST);
    }

    /**
     * Looks for {@code assets/mnist} beside the code location and up to two folders above it: a jar in
     * {@code target/} finds {@code target/../assets}; classes in {@code target/classes} find the project's.
     */
    static Optional<Path> findNearCode(Path codeLocation) {
        Path dir = Files.isDirectory(codeLocation) ? codeLocation : codeLocation.getParent();
        for (int up = 0; up <= 2 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve(ASSETS);
            if (holdsMnist(candidate)) {
                return Optional.of(candidate.normalize());
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> codeLocation() {
        try {
            CodeSource source = AssetLocator.class.getProtectionDomain().getCodeSource();
            URL location = source == null ? null : source.getLocation();
            return location == null ? Optional.empty() : Optional.of(Path.of(location.toURI()).toAbsolutePath());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException
                 | FileSystemNotFoundException e) {
            return Optional.empty(); // unusual class loaders: fall back to the error below
        }
    }

    private static boolean holdsMnist(Path assets) {
        return Files.isDirectory(assets.resolve(MNIST));
    }
}
