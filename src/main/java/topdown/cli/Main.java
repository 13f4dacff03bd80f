package topdown.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code topdown} command: subcommands per CLI.md, exit codes 0..4, one-line errors on stderr. */
@Command(name = "topdown", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Reads DAW sessions, renders and analyses them top-down, mixes, and writes them back.",
        subcommands = {
            InspectCommand.class,
            DemoCommand.class,
            RenderCommand.class,
            LoudnessCommand.class,
            AnalyzeCommand.class,
            TargetsCommand.class,
            MixCommand.class,
            ConvertCommand.class,
            SuggestGroupsCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (see topdown --help)");
    }

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given streams; returns the exit code (for tests too). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("topdown: " + ex.getMessage());
            return ExitCodes.USAGE;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"topdown " + (v == null ? "0.1.0" : v)};
        }
    }
}
