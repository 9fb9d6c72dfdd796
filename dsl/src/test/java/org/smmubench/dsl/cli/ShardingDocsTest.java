package org.smmubench.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The CI examples in docs/sharding.md stay right: they parse, and the shard numbers they
 * hand the bench cover 1..N exactly once with the N the command line says, and the commands
 * parse as the CLI's own options.
 */
class ShardingDocsTest {
    private static final Path DOC = Path.of("..", "docs", "sharding.md");

    private static List<JsonNode> yamlBlocks() throws IOException {
        Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
        List<JsonNode> out = new ArrayList<>();
        while (m.find()) out.add(new YAMLMapper().readTree(m.group(1)));
        return out;
    }

    @Test
    void theGithubMatrixGivesEveryShardOnceAndMergesThemAll() throws IOException {
        JsonNode wf = yamlBlocks().get(0);
        JsonNode matrix = wf.at("/jobs/shard/strategy/matrix/shard");
        TreeSet<Integer> ks = new TreeSet<>();
        matrix.forEach(k -> ks.add(k.asInt()));
        String run = null;
        for (JsonNode st : wf.at("/jobs/shard/steps")) if (st.has("run")) run = st.get("run").asString();
        Matcher m = Pattern.compile("--shard \\$\\{\\{ matrix.shard }}/(\\d+)").matcher(run);
        assertTrue(m.find(), run);
        int n = Integer.parseInt(m.group(1));
        assertEquals(n, matrix.size());
        assertEquals(n, ks.size());
        assertEquals(1, ks.first());
        assertEquals(n, ks.last());
        String merge = null;
        for (JsonNode st : wf.at("/jobs/merge/steps")) if (st.has("run")) merge = st.get("run").asString();
        for (int k = 1; k <= n; k++) assertTrue(merge.contains("part-" + k + ".json"), merge);
        assertUsage(run.replace("${{ matrix.shard }}", "1"));
        assertUsage(merge);
    }

    @Test
    void theIndexedJobMapsTheCompletionIndexToShardsOneToN() throws IOException {
        JsonNode job = yamlBlocks().get(1);
        assertEquals("Indexed", job.at("/spec/completionMode").asString());
        int completions = job.at("/spec/completions").asInt();
        String script = job.at("/spec/template/spec/containers/0/args/0").asString();
        Matcher m = Pattern.compile("--shard \\$\\(\\(JOB_COMPLETION_INDEX \\+ 1\\)\\)/(\\d+)").matcher(script);
        assertTrue(m.find(), script);
        assertEquals(completions, Integer.parseInt(m.group(1)), "indexes 0..completions-1 become shards 1..N");
        String cmd = script.substring(script.indexOf(" run ") + 1, script.indexOf(';'))
                .replace("$((JOB_COMPLETION_INDEX + 1))", "1");
        assertUsage("scripts/smmu-bench " + cmd);
    }

    /** The command line parses as the CLI's own: its options exist and take what it gives them. */
    private static void assertUsage(String commandLine) {
        String[] words = commandLine.strip().split("\\s+");
        List<String> args = new ArrayList<>(List.of(words).subList(1, words.length));
        var parsed = Main.commandLine().parseArgs(args.toArray(String[]::new));
        assertTrue(parsed.hasSubcommand(), commandLine);
    }
}
