package io.vaeexplorer;

import io.vaeexplorer.cli.VaeCommand;

/** Entry point of the jar: the command line when given arguments. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int exit = VaeCommand.execute(args);
        System.exit(exit);
    }
}
