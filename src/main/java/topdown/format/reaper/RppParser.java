package topdown.format.reaper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import topdown.format.SessionFormatException;
import topdown.format.SourceLocation;

/**
 * Generic, lossless parser of the RPP chunk tree. Bytes are read as ISO-8859-1 so every byte maps to
 * one char and back (names are UTF-8 in modern files; they are decoded when presented). Limits: line
 * length, nesting depth and node count, each with a clear error naming the file and line.
 */
final class RppParser {
    static final int MAX_LINE = 4 << 20;
    static final int MAX_DEPTH = 64;
    static final int MAX_NODES = 2_000_000;

    private RppParser() {
    }

    /**
     * The document: its top-level blocks (a project has one; a track template may hold several TRACK
     * blocks) with any blank lines between them, in order.
     */
    record Doc(List<Object> top) {
        RppNode root() {
            for (Object o : top) {
                if (o instanceof RppNode) {
                    return (RppNode) o;
                }
            }
            throw new IllegalStateException("no block");
        }

        List<RppNode> blocks() {
            List<RppNode> out = new java.util.ArrayList<>();
            for (Object o : top) {
                if (o instanceof RppNode) {
                    out.add((RppNode) o);
                }
            }
            return out;
        }

        byte[] bytes() {
            StringBuilder sb = new StringBuilder();
            for (Object o : top) {
                if (o instanceof RppNode) {
                    ((RppNode) o).write(sb);
                } else {
                    RppNode.Line l = (RppNode.Line) o;
                    sb.append(l.text).append(l.ending);
                }
            }
            return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    static Doc parse(Path file, byte[] data) throws SessionFormatException {
        String s = new String(data, StandardCharsets.ISO_8859_1);
        if (s.indexOf('\0') >= 0) {
            throw new SessionFormatException(SourceLocation.offset(file, s.indexOf('\0')),
                    "binary data: not a Reaper project (RPP is text)");
        }
        int pos = 0;
        int lineNo = 0;
        java.util.ArrayDeque<RppNode> stack = new java.util.ArrayDeque<>();
        List<Object> top = new java.util.ArrayList<>();
        int nodes = 0;
        int n = s.length();
        while (pos < n) {
            int nl = pos;
            while (nl < n && s.charAt(nl) != '\n' && s.charAt(nl) != '\r') {
                nl++;
            }
            int end = nl;
            if (nl < n && s.charAt(nl) == '\r' && nl + 1 < n && s.charAt(nl + 1) == '\n') {
                end = nl + 2;
            } else if (nl < n) {
                end = nl + 1;
            }
            lineNo++;
            if (nl - pos > MAX_LINE) {
                throw new SessionFormatException(SourceLocation.line(file, lineNo), "line longer than " + MAX_LINE + " bytes");
            }
            RppNode.Line line = new RppNode.Line(s.substring(pos, nl), s.substring(nl, end), lineNo);
            pos = end;
            String t = line.text.trim();
            if (stack.isEmpty()) {
                if (t.startsWith("<")) {
                    RppNode block = new RppNode(line);
                    top.add(block);
                    stack.push(block);
                    nodes++;
                } else if (t.isEmpty()) {
                    top.add(line);
                } else {
                    throw new SessionFormatException(SourceLocation.line(file, lineNo), top.isEmpty()
                            ? "not a Reaper project: expected '<REAPER_PROJECT', found '" + abbreviate(t) + "'"
                            : "text outside any block: '" + abbreviate(t) + "'");
                }
                continue;
            }
            RppNode cur = stack.peek();
            if (t.startsWith("<")) {
                if (stack.size() >= MAX_DEPTH) {
                    throw new SessionFormatException(SourceLocation.line(file, lineNo), "blocks nested deeper than " + MAX_DEPTH);
                }
                if (++nodes > MAX_NODES) {
                    throw new SessionFormatException(SourceLocation.line(file, lineNo), "more than " + MAX_NODES + " blocks");
                }
                RppNode child = new RppNode(line);
                cur.children.add(child);
                stack.push(child);
            } else if (t.equals(">")) {
                cur.footer = line;
                stack.pop();
            } else {
                cur.children.add(line);
            }
        }
        if (top.stream().noneMatch(o -> o instanceof RppNode)) {
            throw new SessionFormatException(SourceLocation.file(file), "empty file: not a Reaper project");
        }
        if (!stack.isEmpty()) {
            RppNode open = stack.peek();
            throw new SessionFormatException(SourceLocation.line(file, open.header.number), "<" + open.tag()
                    + " block not closed");
        }
        return new Doc(top);
    }

    private static String abbreviate(String t) {
        return t.length() > 40 ? t.substring(0, 40) + "…" : t;
    }
}
