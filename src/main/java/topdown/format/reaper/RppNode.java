package topdown.format.reaper;

import java.util.ArrayList;
import java.util.List;

/**
 * A node of a Reaper project's chunk tree: {@code <TAG tokens…} … {@code >}. It keeps every line exactly
 * as read (text and line ending), so an unedited tree serialises byte for byte. Children are either
 * plain lines ({@link Line}) or nested nodes.
 */
public final class RppNode {
    /** One line of the file, exactly as read: content without its ending, and the ending itself. */
    public static final class Line {
        String text;
        final String ending;
        final int number;

        Line(String text, String ending, int number) {
            this.text = text;
            this.ending = ending;
            this.number = number;
        }

        public String text() {
            return text;
        }

        public int number() {
            return number;
        }

        /** Tokens of the line (quoted tokens unquoted). */
        public List<String> tokens() {
            return RppTokens.split(text);
        }

        /** Replaces the line's content (for edits), keeping its indentation and line ending. */
        public void set(String content) {
            int indent = 0;
            while (indent < text.length() && (text.charAt(indent) == ' ' || text.charAt(indent) == '\t')) {
                indent++;
            }
            text = text.substring(0, indent) + content;
        }
    }

    final Line header;
    Line footer;
    final List<Object> children = new ArrayList<>();

    RppNode(Line header) {
        this.header = header;
    }

    public String tag() {
        List<String> t = header.tokens();
        return t.isEmpty() ? "" : t.get(0).substring(1);
    }

    /** Tokens after the tag on the header line. */
    public List<String> args() {
        List<String> t = header.tokens();
        return t.size() <= 1 ? List.of() : t.subList(1, t.size());
    }

    public Line headerLine() {
        return header;
    }

    public List<RppNode> nodes(String tag) {
        List<RppNode> out = new ArrayList<>();
        for (Object c : children) {
            if (c instanceof RppNode && (tag == null || ((RppNode) c).tag().equals(tag))) {
                out.add((RppNode) c);
            }
        }
        return out;
    }

    public RppNode node(String tag) {
        List<RppNode> l = nodes(tag);
        return l.isEmpty() ? null : l.get(0);
    }

    /** The first plain line whose first token is {@code key}, or null. */
    public Line line(String key) {
        for (Object c : children) {
            if (c instanceof Line) {
                List<String> t = ((Line) c).tokens();
                if (!t.isEmpty() && t.get(0).equals(key)) {
                    return (Line) c;
                }
            }
        }
        return null;
    }

    public List<Line> lines(String key) {
        List<Line> out = new ArrayList<>();
        for (Object c : children) {
            if (c instanceof Line) {
                List<String> t = ((Line) c).tokens();
                if (!t.isEmpty() && t.get(0).equals(key)) {
                    out.add((Line) c);
                }
            }
        }
        return out;
    }

    /** Values of a key line (tokens after the key), or an empty list. */
    public List<String> values(String key) {
        Line l = line(key);
        if (l == null) {
            return List.of();
        }
        List<String> t = l.tokens();
        return t.subList(1, t.size());
    }

    public List<Object> children() {
        return children;
    }

    void write(StringBuilder sb) {
        sb.append(header.text).append(header.ending);
        for (Object c : children) {
            if (c instanceof RppNode) {
                ((RppNode) c).write(sb);
            } else {
                Line l = (Line) c;
                sb.append(l.text).append(l.ending);
            }
        }
        if (footer != null) {
            sb.append(footer.text).append(footer.ending);
        }
    }
}
