package dev.cassini.agent.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed list on the data volume: configured until the operator pushes one, then persisted. */
class SeedStoreTest {
    @TempDir
    Path stateDir;

    @Test
    void configuredSeedsApplyUntilSeedsAreSaved() throws Exception {
        SeedStore store = new SeedStore(stateDir, List.of("127.0.0.11"));

        assertThat(store.current()).containsExactly("127.0.0.11");
        assertThat(store.pushed()).isFalse();
        assertThat(stateDir.resolve("seeds.json")).doesNotExist();
    }

    @Test
    void savedSeedsReplaceTheConfiguredOnes() throws Exception {
        SeedStore store = new SeedStore(stateDir, List.of("127.0.0.11"));

        store.save(List.of("127.0.0.12", "127.0.0.13"));

        assertThat(store.current()).containsExactly("127.0.0.12", "127.0.0.13");
        assertThat(store.pushed()).isTrue();
    }

    @Test
    void savedSeedsSurviveANewIncarnationWithOtherConfiguredSeeds() throws Exception {
        new SeedStore(stateDir, List.of("127.0.0.11")).save(List.of("127.0.0.12"));

        SeedStore afterRestart = new SeedStore(stateDir, List.of("127.0.0.99"));

        assertThat(afterRestart.current()).containsExactly("127.0.0.12");
        assertThat(afterRestart.pushed()).isTrue();
    }

    @Test
    void laterSaveReplacesTheEarlierOneAndLeavesNoTemporaryFile() throws Exception {
        SeedStore store = new SeedStore(stateDir, List.of("127.0.0.11"));

        store.save(List.of("127.0.0.12", "127.0.0.13"));
        store.save(List.of("127.0.0.14"));

        assertThat(store.current()).containsExactly("127.0.0.14");
        try (var files = Files.list(stateDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("seeds.json");
        }
    }

    @Test
    void saveCreatesTheStateDirectory() throws Exception {
        Path missing = stateDir.resolve("volume/cassini");
        SeedStore store = new SeedStore(missing, List.of("127.0.0.11"));

        store.save(List.of("127.0.0.12"));

        assertThat(missing.resolve("seeds.json")).isRegularFile();
        assertThat(Files.readString(missing.resolve("seeds.json"))).isEqualTo("[\"127.0.0.12\"]");
    }

    @Test
    void configuredListIsCopied() throws Exception {
        List<String> configured = new java.util.ArrayList<>(List.of("127.0.0.11"));
        SeedStore store = new SeedStore(stateDir, configured);

        configured.add("127.0.0.12");

        assertThat(store.current()).containsExactly("127.0.0.11");
    }
}
