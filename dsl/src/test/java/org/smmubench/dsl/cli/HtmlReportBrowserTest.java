package org.smmubench.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.smmubench.driver.tree.DriverVariants;

/**
 * The bench's HTML report of every example, on every tree, loaded from a file in a real
 * headless Chromium: no console errors, the matrix links to every run, every run's topology
 * and timeline are drawn (elements present, pixels not blank), the b5bf7778 picture is there
 * (dmam_alloc_coherent inside the devices_lock bar with IRQs off, and the atomic-sleep mark),
 * and the trees side by side follow a chosen step.
 *
 * <p>It needs Debian's chromium and chromedriver (.ci/run installs them). Where no chromium
 * binary exists it is skipped with a message saying so; set SMMU_BENCH_CHROMIUM and
 * SMMU_BENCH_CHROMEDRIVER to use binaries elsewhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HtmlReportBrowserTest {
    private Path dir;
    private Path page;
    private ChromeDriver browser;
    private Path profile;

    @BeforeAll
    void writeReportAndStartChromium() throws IOException {
        Path chromium = binary("SMMU_BENCH_CHROMIUM", "/usr/bin/chromium");
        Path chromedriver = binary("SMMU_BENCH_CHROMEDRIVER", "/usr/bin/chromedriver");
        if (chromium == null || chromedriver == null) {
            String why = "HtmlReportBrowserTest SKIPPED: no chromium or chromedriver binary (apt-get install chromium"
                    + " chromium-driver, as .ci/run does; or set SMMU_BENCH_CHROMIUM and SMMU_BENCH_CHROMEDRIVER)";
            // Surefire shows a class aborted in @BeforeAll as "Tests run: 0"; say why where people look.
            System.err.println(why);
            Assumptions.abort(why);
        }
        // Under target/, so the page and its screenshots stay for a human to look at.
        dir = Files.createDirectories(Path.of(System.getProperty("basedir", "."), "target", "html-report-browser-test"));
        page = dir.resolve("report.html");
        Path examples = Path.of(System.getProperty("basedir", "."), "..", "examples").normalize();
        var r = Cli.run(FileRunners.installed(), Optional::empty, "run", "--driver", "all", "--html", page.toString(),
                examples.toString());
        // Whether every example passes on every tree is the examples' business; the report
        // must show failed runs as well as passed ones.
        assertTrue(r.code() == 0 || r.code() == 1, r.err());
        assertTrue(Files.size(page) > 0);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + (profile = Files.createTempDirectory("smmu-bench-chromium")),
                "--window-size=1400,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.get(page.toUri().toString());
    }

    @AfterAll
    void quit() throws IOException {
        if (browser != null) browser.quit();
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Path binary(String env, String fallback) {
        String p = System.getenv(env);
        Path path = Path.of(p != null && !p.isBlank() ? p : fallback);
        return Files.isExecutable(path) ? path : null;
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    @Test
    void everyRunIsDrawnWithoutConsoleErrors() throws IOException {
        List<WebElement> rows = browser.findElements(By.cssSelector("tr.matrix-row"));
        assertTrue(rows.size() >= 10, "matrix rows: " + rows.size());
        // Every cell of the matrix links to a run on the page.
        @SuppressWarnings("unchecked")
        List<String> broken = (List<String>) js("return Array.from(document.querySelectorAll('td.cell a'))"
                + ".map(a => a.getAttribute('href')).filter(h => !document.getElementById(h.slice(1)));");
        assertEquals(List.of(), broken, "matrix links with no run");

        List<WebElement> runs = browser.findElements(By.cssSelector("details.run"));
        js("document.querySelectorAll('details.run').forEach(d => d.open = true);");
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(b -> (Boolean) js(
                "return Array.from(document.querySelectorAll('details.run .topology'))"
                        + ".every(t => t.dataset.drawnStep !== undefined && t.querySelector('canvas'));"));
        for (WebElement run : runs) {
            String id = run.getAttribute("id");
            assertTrue(run.findElements(By.cssSelector("table.steps tr.step")).size() > 0, id + ": steps");
            assertTrue(run.findElements(By.cssSelector("svg.timeline g.span")).size() > 0, id + ": timeline spans");
            assertTrue(run.findElements(By.cssSelector("svg.timeline g.step-band")).size() > 0, id + ": timeline steps");
            assertTrue(run.findElements(By.cssSelector("svg.timeline line.cmd")).size() > 0, id + ": command ticks");
            Number nodes = (Number) js("return +arguments[0].querySelector('.topology').dataset.nodes;", run);
            assertTrue(nodes.intValue() >= 3, id + ": topology nodes " + nodes);
        }
        // Failed runs show what failed: the verdict, and a splat for each violation that has one.
        for (WebElement failed : browser.findElements(By.cssSelector("details.run.failed"))) {
            assertTrue(failed.findElement(By.cssSelector(".verdict")).getText().contains("expected"), failed.getAttribute("id"));
        }

        WebElement seed = preFixSeedRun();
        WebElement topo = seed.findElement(By.cssSelector(".topology"));
        js("arguments[0].scrollIntoView();", topo);
        byte[] topoPng = topo.getScreenshotAs(OutputType.BYTES);
        Files.write(dir.resolve("topology.png"), topoPng);
        assertNotBlank(topoPng, "topology picture");
        WebElement timeline = seed.findElement(By.cssSelector("svg.timeline"));
        js("arguments[0].scrollIntoView();", timeline);
        byte[] timelinePng = browser.findElement(By.cssSelector("#" + seed.getAttribute("id") + " .timeline-wrap"))
                .getScreenshotAs(OutputType.BYTES);
        Files.write(dir.resolve("timeline.png"), timelinePng);
        assertNotBlank(timelinePng, "timeline picture");
        js("arguments[0].scrollIntoView();", seed);
        Files.write(dir.resolve("run.png"), browser.getScreenshotAs(OutputType.BYTES));

        // Self-contained: the page fetched nothing (no scripts, styles, images or data from anywhere).
        assertEquals(List.of(), js("return performance.getEntriesByType('resource').map(e => e.name);"), "resources fetched");

        Set<String> severe = new java.util.TreeSet<>();
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.WARNING.intValue()) severe.add(e.getLevel() + " " + e.getMessage());
        }
        assertEquals(Set.of(), severe, "console errors and warnings");
    }

    @Test
    void theSeedBugIsDrawnAsDmamAllocCoherentUnderTheDevicesLock() {
        WebElement run = preFixSeedRun();
        js("arguments[0].open = true;", run);
        // In the timeline: the allocator's span lies inside a devices_lock bar and inside an
        // IRQs-off shading, and an atomic-sleep mark sits within it.
        @SuppressWarnings("unchecked")
        Map<String, Object> picture = (Map<String, Object>) js("""
                const svg = arguments[0].querySelector('svg.timeline');
                const box = g => { const r = g.querySelector('rect');
                  return {x0: +r.getAttribute('x'), x1: +r.getAttribute('x') + +r.getAttribute('width')}; };
                const inside = (a, b) => a.x0 >= b.x0 && a.x1 <= b.x1;
                const titled = (sel, prefix) => Array.from(svg.querySelectorAll(sel))
                    .filter(g => g.querySelector('title').textContent.startsWith(prefix));
                const alloc = titled('g.span.fn-alloc', 'dmam_alloc_coherent').map(box);
                const locks = titled('g.lock.lock-spin', '&smmu_domain->devices_lock').map(box);
                const irqs = Array.from(svg.querySelectorAll('rect.irqs-off')).map(r =>
                    ({x0: +r.getAttribute('x'), x1: +r.getAttribute('x') + +r.getAttribute('width')}));
                const marks = titled('g.violation-mark', '').filter(g => g.querySelector('title').textContent.includes('atomic-sleep'))
                    .map(g => +g.querySelector('line').getAttribute('x1'));
                const underLock = alloc.filter(a => locks.some(l => inside(a, l)) && irqs.some(i => inside(a, i)));
                const marked = underLock.filter(a => marks.some(m => m >= a.x0 && m <= a.x1));
                return {alloc: alloc.length, underLock: underLock.length, marked: marked.length};
                """, run);
        assertTrue(((Number) picture.get("alloc")).intValue() >= 1, picture.toString());
        assertTrue(((Number) picture.get("underLock")).intValue() >= 1, picture.toString());
        assertTrue(((Number) picture.get("marked")).intValue() >= 1, picture.toString());
        // The SMMU lane: both DMAs reached the SMMU, and the second one's C_BAD_CD event was read.
        assertEquals(2, run.findElements(By.cssSelector("svg.timeline g.dma")).size());
        assertTrue(run.findElements(By.cssSelector("svg.timeline g.evt")).stream()
                .anyMatch(g -> g.findElement(By.tagName("title")).getAttribute("textContent").contains("C_BAD_CD")));
        // The splat is on the page, with the call chain of the commit message.
        String splat = run.findElement(By.cssSelector("pre.splat")).getAttribute("textContent");
        assertTrue(splat.contains("BUG: sleeping function called from invalid context"), splat);
        assertTrue(splat.contains("arm_smmu_mmu_notifier_get"), splat);
    }

    @Test
    void theTopologyFollowsTheChosenStepAndTheTreesSideBySide() {
        WebElement run = preFixSeedRun();
        js("arguments[0].open = true;", run);
        WebElement sel = run.findElement(By.cssSelector("select.step-select"));
        WebElement topo = run.findElement(By.cssSelector(".topology"));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> topo.getAttribute("data-drawn-step") != null);
        int last = Integer.parseInt(topo.getAttribute("data-drawn-step"));
        // The first step (setup) has no CD leaf 1 yet; after the bind (the step after setup) it does.
        js("arguments[0].value = '0'; arguments[0].dispatchEvent(new Event('change'));", sel);
        assertEquals("0", topo.getAttribute("data-drawn-step"));
        int early = Integer.parseInt(topo.getAttribute("data-nodes"));
        assertTrue(last > 0);
        Set<String> labels = new HashSet<>();
        for (WebElement o : sel.findElements(By.tagName("option"))) labels.add(o.getText());
        assertTrue(labels.stream().anyMatch(l -> l.startsWith("#1 bind")), labels.toString());
        String bindIndex = (String) js("return Array.from(arguments[0].options).find(o => o.text.startsWith('#1 bind')).value;", sel);
        js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));", sel, bindIndex);
        int afterBind = Integer.parseInt(topo.getAttribute("data-nodes"));
        assertTrue(afterBind > early, "the bind adds a leaf, a CD, a PASID: " + early + " -> " + afterBind);
        String caption = run.findElement(By.cssSelector(".topology-caption")).getText();
        assertTrue(caption.contains("CD leaf 1"), caption);

        WebElement cmp = browser.findElement(By.xpath("//details[contains(@class,'compare')][.//span[contains(@class,'file')]"
                + "[text()='" + seedFile() + "']]"));
        js("arguments[0].open = true;", cmp);
        assertTrue(cmp.findElements(By.cssSelector("tr.side-row.differs")).size() >= 1, "the trees differ at the bind");
        WebElement cmpSel = cmp.findElement(By.cssSelector("select.step-select"));
        js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));", cmpSel, bindIndex);
        // One column per tree the scenario ran on (every tree, with --driver all).
        int trees = cmp.findElements(By.cssSelector("table.side thead th")).size() - 2;
        assertTrue(trees >= 2, "trees side by side: " + trees);
        List<WebElement> sides = cmp.findElements(By.cssSelector(".topology"));
        assertEquals(trees, sides.size());
        for (WebElement side : sides) {
            assertEquals(bindIndex, side.getAttribute("data-drawn-step"));
            assertTrue(side.findElements(By.tagName("canvas")).size() > 0);
        }
        // Each tree's timeline of that step, beside its topology.
        List<WebElement> slices = cmp.findElements(By.cssSelector(".side-timeline"));
        assertEquals(trees, slices.size());
        for (WebElement slice : slices) {
            assertEquals(bindIndex, slice.getAttribute("data-drawn-step"));
            assertTrue(slice.findElements(By.cssSelector("svg g.span")).size() > 0);
        }
        js("arguments[0].scrollIntoView();", cmp);
        try {
            Files.write(dir.resolve("side-by-side.png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theFiltersHideRowsAndTrees() {
        Select status = new Select(browser.findElement(By.id("filter-status")));
        status.select("failed");
        @SuppressWarnings("unchecked")
        List<Boolean> shownHaveFailure = (List<Boolean>) js("return Array.from(document.querySelectorAll('tr.matrix-row'))"
                + ".filter(r => r.style.display !== 'none').map(r => !!r.querySelector('td.cell.failed'));");
        assertTrue(shownHaveFailure.stream().allMatch(b -> b), shownHaveFailure.toString());
        status.select("");
        WebElement text = browser.findElement(By.id("filter-text"));
        text.sendKeys("leaf-boundaries");
        Number shown = (Number) js("return Array.from(document.querySelectorAll('tr.matrix-row')).filter(r => r.style.display !== 'none').length;");
        assertEquals(6, shown.intValue(), "one row per scenario of leaf-boundaries.groovy");
        text.clear();
        js("document.getElementById('filter-text').dispatchEvent(new Event('input'));");
        WebElement tree = browser.findElement(By.cssSelector("input.filter-tree"));
        tree.click();
        Number hidden = (Number) js("return Array.from(document.querySelectorAll('.matrix .tree-col'))"
                + ".filter(c => c.style.display === 'none').length;");
        assertTrue(hidden.intValue() > 0);
        tree.click();
    }

    /** A thin wrapper: a select's option chosen by value, with the change event the page listens to. */
    private final class Select {
        private final WebElement el;

        Select(WebElement el) { this.el = el; }

        void select(String value) {
            js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));", el, value);
        }
    }

    private static String seedFile() {
        return Path.of(System.getProperty("basedir", "."), "..", "examples").normalize().resolve("seed/leaf-at-1024.yaml").toString();
    }

    private WebElement preFixSeedRun() {
        for (WebElement run : browser.findElements(By.cssSelector("details.run"))) {
            String summary = run.findElement(By.tagName("summary")).getAttribute("textContent");
            if (summary.contains(" " + DriverVariants.PRE_FIX + " ") && summary.contains(seedFile())) return run;
        }
        throw new AssertionError("no pre-fix run of " + seedFile() + " on the page");
    }

    /** A picture is drawn when it has some pixels far from the background, in more than one colour. */
    private static void assertNotBlank(byte[] png, String what) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        Set<Integer> colours = new HashSet<>();
        int inked = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                int r = rgb >> 16, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                if (r + g + b < 600) inked++;
            }
        }
        assertTrue(colours.size() > 8, what + ": " + colours.size() + " colours");
        assertTrue(inked > 200, what + ": " + inked + " inked pixels");
    }
}
