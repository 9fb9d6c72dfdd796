package org.smmubench.bench.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Scripts from the WebJars on the classpath, to inline into the page so that it works from
 * a file with no network. The version is read from the WebJar's own pom.properties, so the
 * pom is the one place that names it.
 */
final class WebJars {
    private WebJars() {}

    /** The text of {@code path} inside npm WebJar {@code name}, safe to put in a script element. */
    static String script(String name, String path) {
        String version = version(name);
        String resource = "META-INF/resources/webjars/" + name + "/" + version + "/" + path;
        String js = Resources.text(resource);
        // A literal "</script" would end the inline element early. Neither library has one;
        // should a new version bring one, fail here rather than ship a broken page.
        if (js.toLowerCase(java.util.Locale.ROOT).contains("</script")) {
            throw new IllegalStateException(resource + " contains </script and cannot be inlined as is");
        }
        return js;
    }

    static String version(String name) {
        String props = "META-INF/maven/org.webjars.npm/" + name + "/pom.properties";
        try (InputStream in = WebJars.class.getClassLoader().getResourceAsStream(props)) {
            if (in == null) throw new IllegalStateException("WebJar " + name + " is not on the classpath (" + props + ")");
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
