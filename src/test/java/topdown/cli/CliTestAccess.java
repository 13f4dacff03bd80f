package topdown.cli;

/** Runs the command line from tests in other packages; fails the test on a non-zero exit. */
public final class CliTestAccess {
    private CliTestAccess() {
    }

    public static String run(String... args) {
        CliTest.Run r = CliTest.run(args);
        if (r.code() != 0) {
            throw new AssertionError("topdown " + String.join(" ", args) + " exited " + r.code() + ": " + r.err());
        }
        return r.out();
    }
}
