package io.vaeexplorer.cli;

import io.vaeexplorer.core.AppVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code --version} prints: the app's version and those of DJL, PyTorch and JavaFX as the build wrote them into
 * the jar's manifest (see {@link AppVersion}), and the Java runtime that runs it.
 */
public final class VersionInfo implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return lines(AppVersion.manifest()).toArray(String[]::new);
    }

    /** The version lines for a manifest's attributes (null: a build without a jar, as tests and IDEs run it). */
    static List<String> lines(Attributes manifest) {
        List<String> lines = new ArrayList<>();
        lines.add(AppVersion.TITLE + " "
                + AppVersion.value(manifest, "Implementation-Version", AppVersion.DEVELOPMENT_BUILD));
        lines.add("DJL " + AppVersion.value(manifest, "DJL-Version", "unknown") + ", PyTorch "
                + AppVersion.value(manifest, "PyTorch-Version", "unknown") + ", JavaFX "
                + AppVersion.value(manifest, "JavaFX-Version", "unknown"));
        lines.add("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")");
        return lines;
    }
}
