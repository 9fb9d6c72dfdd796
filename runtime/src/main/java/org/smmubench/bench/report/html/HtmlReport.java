package org.smmubench.bench.report.html;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

import org.smmubench.bench.RunResult;

import tools.jackson.databind.json.JsonMapper;

/**
 * The bench's own HTML report ({@code run --html FILE}): one self-contained page for runs of
 * any front-end. It holds the scenario x tree matrix with filters, every run with its steps,
 * violations and splats, a topology picture at any step (drawn by cytoscape.js with dagre's
 * layered layout, both inlined), a timeline of the kernel's calls, locks and IRQ state, and
 * the trees of a scenario side by side. The runs must have been recorded (see
 * {@link org.smmubench.bench.Bench#startRecording()}) for the pictures; a run that was not
 * is still listed with its verdict and splats. Identical runs give an identical page.
 */
public final class HtmlReport {
    private static final String BASE = "org/smmubench/bench/report/html/";

    private HtmlReport() {}

    public static String render(List<RunResult> results) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("page", PageModel.page(results));
        scope.put("css", Resources.text(BASE + "report.css"));
        scope.put("js", Resources.text(BASE + "report.js"));
        scope.put("cytoscapeJs", WebJars.script("cytoscape", "dist/cytoscape.min.js"));
        scope.put("cytoscapeVersion", WebJars.version("cytoscape"));
        scope.put("dagreJs", WebJars.script("dagre", "dist/dagre.min.js"));
        scope.put("dagreVersion", WebJars.version("dagre"));
        scope.put("data", scriptJson(PageModel.data(results)));
        Mustache template = new DefaultMustacheFactory(BASE).compile("report.mustache");
        StringWriter out = new StringWriter();
        template.execute(out, scope);
        return out.toString();
    }

    public static void write(List<RunResult> results, Path file) throws IOException {
        writeFile(file, render(results));
    }

    /** The one place the page reaches the disk. */
    private static void writeFile(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** JSON for a script element: "</" is written "<\/" so no string in it can close the element. */
    private static String scriptJson(Object tree) {
        return JsonMapper.builder().build().writeValueAsString(tree).replace("</", "<\\/");
    }
}
