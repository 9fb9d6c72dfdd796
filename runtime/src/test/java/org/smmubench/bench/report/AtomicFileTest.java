package org.smmubench.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report is the old file or the whole new one: a writer that fails half-way changes nothing. */
class AtomicFileTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aWriteThatFailsHalfWayLeavesTheOldFileWhole() throws IOException {
        Path f = Files.writeString(dir.resolve("r.json"), "old");
        assertThrows(IOException.class, () -> {
            try (AtomicFile a = AtomicFile.open(f)) {
                a.stream().write("{\"half\": ".getBytes(StandardCharsets.UTF_8));
                throw new IOException("No space left on device");
            }
        });
        assertEquals("old", Files.readString(f));
        assertEquals(List.of("r.json"), names());
    }

    @Test
    void aCommittedWriteReplacesTheFile() throws IOException {
        Path f = Files.writeString(dir.resolve("r.json"), "old");
        AtomicFile.write(f, "new");
        assertEquals("new", Files.readString(f));
        assertEquals(List.of("r.json"), names());
    }

    @Test
    void aWriterThatClosesTheStreamItselfStillNeedsTheCommit() throws IOException {
        Path f = dir.resolve("r.html");
        try (AtomicFile a = AtomicFile.open(f)) {
            a.stream().write('x');
            a.stream().close();
            assertEquals(false, Files.exists(f));
            a.commit();
        }
        assertEquals("x", Files.readString(f));
    }
}
