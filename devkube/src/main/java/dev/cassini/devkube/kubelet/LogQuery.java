package dev.cassini.devkube.kubelet;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The query of a kubelet {@code containerLogs} request, and where in the log file {@code tailLines} starts. */
final class LogQuery {
    private LogQuery() {}

    static Map<String, String> parse(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            query.put(
                    URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    /** The byte offset of the {@code tailLines}-th line from the end (0 for the whole file). */
    static long startOffset(Path log, String tailLines) throws IOException {
        if (tailLines == null || tailLines.isEmpty()) {
            return 0;
        }
        long wanted = Long.parseLong(tailLines);
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            if (wanted <= 0) {
                return length;
            }
            long newlines = 0;
            // a trailing newline ends the last line; it does not start another
            for (long pos = length - 1; pos >= 0; pos--) {
                file.seek(pos);
                if (file.read() == '\n' && pos != length - 1 && ++newlines == wanted) {
                    return pos + 1;
                }
            }
            return 0;
        }
    }
}
