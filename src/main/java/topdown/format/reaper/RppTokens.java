package topdown.format.reaper;

import java.util.ArrayList;
import java.util.List;

/** Reaper's token rules: whitespace-separated, a token starting with ", ' or ` runs to the same quote. */
final class RppTokens {
    private RppTokens() {
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            if (c == '"' || c == '\'' || c == '`') {
                int end = line.indexOf(c, i + 1);
                if (end < 0) {
                    out.add(line.substring(i + 1));
                    break;
                }
                out.add(line.substring(i + 1, end));
                i = end + 1;
            } else {
                int end = i;
                while (end < n && line.charAt(end) != ' ' && line.charAt(end) != '\t') {
                    end++;
                }
                out.add(line.substring(i, end));
                i = end;
            }
        }
        return out;
    }

    /** Quotes a token the way Reaper does when it has spaces or quotes. */
    static String quote(String s) {
        if (s.isEmpty()) {
            return "\"\"";
        }
        if (s.indexOf(' ') < 0 && s.indexOf('"') < 0 && s.indexOf('\'') < 0 && s.indexOf('`') < 0) {
            return s;
        }
        if (s.indexOf('"') < 0) {
            return "\"" + s + "\"";
        }
        if (s.indexOf('\'') < 0) {
            return "'" + s + "'";
        }
        return "`" + s.replace('`', '\'') + "`";
    }
}
