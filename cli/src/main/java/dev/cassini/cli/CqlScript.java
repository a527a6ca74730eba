package dev.cassini.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A CQL script cut into its statements, as cqlsh reads a file: a statement ends at a semicolon
 * outside quotes ('text', "identifier", $$text$$) and comments (-- and // to the end of the line,
 * {@code /* … *}{@code /}); a batch ({@code BEGIN … BATCH} to {@code APPLY BATCH}) is one statement
 * although its parts end with semicolons. Comments are dropped, and so is the terminating semicolon.
 */
final class CqlScript {
    /** One statement and the line it starts on, for messages. */
    record Statement(String text, int line) {
        /**
         * Whether it changes the schema (CREATE, ALTER or DROP of a keyspace, table, type, index,
         * view, function, aggregate or trigger, and of roles and users, which live in tables too):
         * after one, a later statement may need every node to know it.
         */
        boolean changesSchema() {
            return text.stripLeading().toUpperCase(Locale.ROOT).matches("(?s)(CREATE|ALTER|DROP)\\s.*");
        }
    }

    private CqlScript() {}

    static List<Statement> statements(String script) {
        List<Statement> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int line = 1;
        int startLine = -1;
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            char next = i + 1 < n ? script.charAt(i + 1) : '\0';
            if (c == '\n') {
                line++;
            }
            if ((c == '-' && next == '-') || (c == '/' && next == '/')) {
                while (i < n && script.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && next == '*') {
                int end = script.indexOf("*/", i + 2);
                int stop = end < 0 ? n : end + 2;
                line += count(script, i, stop);
                current.append(' ');
                i = stop;
                continue;
            }
            if (c == '\'' || c == '"' || (c == '$' && next == '$')) {
                int stop = quotedEnd(script, i);
                if (startLine < 0) {
                    startLine = line;
                }
                line += count(script, i, stop);
                current.append(script, i, stop);
                i = stop;
                continue;
            }
            if (c == ';' && !inUnfinishedBatch(current)) {
                add(statements, current, startLine);
                current.setLength(0);
                startLine = -1;
                i++;
                continue;
            }
            if (startLine < 0 && !Character.isWhitespace(c)) {
                startLine = line;
            }
            current.append(c);
            i++;
        }
        add(statements, current, startLine);
        return statements;
    }

    /** Where the quoted text starting at {@code start} ends (past its closing quote); a doubled quote is part of it. */
    private static int quotedEnd(String script, int start) {
        if (script.startsWith("$$", start)) {
            int end = script.indexOf("$$", start + 2);
            return end < 0 ? script.length() : end + 2;
        }
        char quote = script.charAt(start);
        int i = start + 1;
        while (i < script.length()) {
            if (script.charAt(i) == quote) {
                if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return script.length();
    }

    /** A batch's parts end with semicolons too; only the one after APPLY BATCH ends it. */
    private static boolean inUnfinishedBatch(StringBuilder statement) {
        String words = statement.toString().trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        return words.matches("BEGIN( UNLOGGED| COUNTER)? BATCH\\b.*") && !words.matches(".*\\bAPPLY BATCH$");
    }

    private static void add(List<Statement> statements, StringBuilder text, int line) {
        String statement = text.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(new Statement(statement, line));
        }
    }

    private static int count(String text, int from, int to) {
        int lines = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
