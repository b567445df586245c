package io.vaeexplorer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code --version} prints: the app's version and those of DJL, PyTorch and JavaFX as the build wrote them into
 * the jar's manifest, and the Java runtime that runs it. Read from the manifest rather than from the libraries
 * themselves, so that asking for the version loads no native library.
 */
public final class VersionInfo implements IVersionProvider {

    static final String TITLE = "VAE latent-space explorer";
    private static final String DEVELOPMENT_BUILD = "(development build)";

    @Override
    public String[] getVersion() {
        return lines(appManifest()).toArray(String[]::new);
    }

    /** The app's version as the build wrote it, or "(development build)" when it runs from class folders. */
    static String appVersion() {
        return value(appManifest(), "Implementation-Version", DEVELOPMENT_BUILD);
    }

    /** The version lines for a manifest's attributes (null: a build without a jar, as tests and IDEs run it). */
    static List<String> lines(Attributes manifest) {
        List<String> lines = new ArrayList<>();
        lines.add(TITLE + " " + value(manifest, "Implementation-Version", DEVELOPMENT_BUILD));
        lines.add("DJL " + value(manifest, "DJL-Version", "unknown") + ", PyTorch "
                + value(manifest, "PyTorch-Version", "unknown") + ", JavaFX " + value(manifest, "JavaFX-Version",
                "unknown"));
        lines.add("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")");
        return lines;
    }

    private static String value(Attributes manifest, String name, String missing) {
        String value = manifest == null ? null : manifest.getValue(name);
        return value == null || value.isBlank() ? missing : value;
    }

    /** The main attributes of the manifest that names this app, or null when it runs from class folders. */
    static Attributes appManifest() {
        try {
            Enumeration<URL> manifests = VersionInfo.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
            while (manifests.hasMoreElements()) {
                try (InputStream in = manifests.nextElement().openStream()) {
                    Attributes attributes = new Manifest(in).getMainAttributes();
                    if (TITLE.equals(attributes.getValue("Implementation-Title"))) {
                        return attributes;
                    }
                }
            }
        } catch (IOException e) {
            // no readable manifest: the version lines say "unknown"
        }
        return null;
    }
}
