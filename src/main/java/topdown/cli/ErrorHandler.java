package topdown.cli;

import picocli.CommandLine;

/** Prints one line per failure (with the stack trace only under --verbose / TOPDOWN_VERBOSE=1). */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        Throwable e = ex;
        if (e instanceof java.io.UncheckedIOException && e.getCause() != null) {
            e = e.getCause();
        }
        cl.getErr().println("topdown: " + ExitCodes.message(e));
        boolean verbose = parsed.hasMatchedOption("--verbose") || "1".equals(System.getenv("TOPDOWN_VERBOSE"));
        for (CommandLine.ParseResult sub = parsed; sub != null; sub = sub.subcommand()) {
            verbose |= sub.hasMatchedOption("--verbose");
        }
        if (verbose) {
            e.printStackTrace(cl.getErr());
        }
        return ExitCodes.of(e);
    }
}
