package io.vaeexplorer.core;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * The app's name and version as the build wrote them into the jar's manifest, for {@code --version}, the window's
 * About box and the files the app writes. Read from the manifest rather than from the libraries themselves, so that
 * asking for the version loads no native library.
 */
public final class AppVersion {

    public static final String TITLE = "VAE latent-space explorer";
    /** What stands for the version when the app runs from class folders (tests, IDEs). */
    public static final String DEVELOPMENT_BUILD = "(development build)";

    private AppVersion() {
    }

    /** The app's version as the build wrote it, or "(development build)" when it runs from class folders. */
    public static String version() {
        return value(manifest(), "Implementation-Version", DEVELOPMENT_BUILD);
    }

    /** An attribute of a manifest, or {@code missing} when the manifest (null) or the attribute is absent or blank. */
    public static String value(Attributes manifest, String name, String missing) {
        String value = manifest == null ? null : manifest.getValue(name);
        return value == null || value.isBlank() ? missing : value;
    }

    /** The main attributes of the manifest that names this app, or null when it runs from class folders. */
    public static Attributes manifest() {
        try {
            Enumeration<URL> manifests = AppVersion.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
            while (manifests.hasMoreElements()) {
                try (InputStream in = manifests.nextElement().openStream()) {
                    Attributes attributes = new Manifest(in).getMainAttributes();
                    if (TITLE.equals(attributes.getValue("Implementation-Title"))) {
                        return attributes;
                    }
                }
            }
        } catch (IOException e) {
            // no readable manifest: the version reads as a development build
        }
        return null;
    }
}
