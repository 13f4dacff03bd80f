package topdown.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import topdown.audio.io.AudioFormatException;
import topdown.format.MissingMediaException;
import topdown.format.SessionFormatException;
import topdown.format.UnsupportedSessionException;

/** The one place that turns exceptions into CLI.md's exit codes. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int INVALID_INPUT = 3;
    public static final int MISSING_MEDIA = 4;

    private ExitCodes() {
    }

    public static int of(Throwable e) {
        if (e instanceof MissingMediaException) {
            return MISSING_MEDIA;
        }
        if (e instanceof SessionFormatException || e instanceof UnsupportedSessionException
                || e instanceof AudioFormatException || e instanceof NoSuchFileException
                || e instanceof AccessDeniedException) {
            return INVALID_INPUT;
        }
        if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith("usage:")) {
            return USAGE;
        }
        if (e instanceof IOException && e.getCause() instanceof SessionFormatException) {
            return INVALID_INPUT;
        }
        return FAILED;
    }

    /** One clear line for the user. */
    public static String message(Throwable e) {
        if (e instanceof NoSuchFileException) {
            NoSuchFileException n = (NoSuchFileException) e;
            return n.getFile() + ": " + (n.getReason() == null ? "no such file" : n.getReason());
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory (this is a bug: TopDown streams audio; please report it)";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
