package io.vaeexplorer.data;

import static io.vaeexplorer.data.DataAssertions.assertDataError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetLocatorTest {

    @TempDir
    Path dir;

    @Test
    void findsTheProjectAssetsWithoutSetUp() {
        // Maven runs tests in the project folder, which ships assets/mnist
        Path mnist = AssetLocator.mnistDir();
        assertTrue(Files.isRegularFile(mnist.resolve("SHA256SUMS")), mnist::toString);
    }

    @Test
    void systemPropertyWins() {
        withAssetsProperty(dir.toString(), () -> assertEquals(dir, AssetLocator.assetsDir()));
        withAssetsProperty(dir.toString(), () -> assertEquals(dir.resolve("mnist"), AssetLocator.mnistDir()));
    }

    @Test
    void systemPropertyNamingNothingIsReported() {
        Path missing = dir.resolve("no-such-assets");
        withAssetsProperty(missing.toString(), () ->
                assertDataError(AssetLocator::assetsDir, "no-such-assets", "not found"));
    }

    @Test
    void findsAssetsBesideTheJarFolderOrAbove() throws Exception {
        Path project = dir.resolve("project");
        Files.createDirectories(project.resolve("assets/mnist"));
        Path target = Files.createDirectories(project.resolve("target"));
        Path jar = Files.writeString(target.resolve("vae-explorer.jar"), "not really a jar");
        Path classes = Files.createDirectories(target.resolve("classes"));

        assertEquals(Optional.of(project.resolve("assets")), AssetLocator.findNearCode(jar));
        assertEquals(Optional.of(project.resolve("assets")), AssetLocator.findNearCode(classes));
        assertEquals(Optional.empty(), AssetLocator.findNearCode(Files.createDirectories(dir.resolve("elsewhere"))));
    }

    private static void withAssetsProperty(String value, Runnable action) {
        String before = System.getProperty(AssetLocator.ASSETS_PROPERTY);
        System.setProperty(AssetLocator.ASSETS_PROPERTY, value);
        try {
            action.run();
        } finally {
            if (before == null) {
                System.clearProperty(AssetLocator.ASSETS_PROPERTY);
            } else {
                System.setProperty(AssetLocator.ASSETS_PROPERTY, before);
            }
        }
    }
}
