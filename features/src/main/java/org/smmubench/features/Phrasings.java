package org.smmubench.features;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import org.smmubench.features.steps.ActionSteps;
import org.smmubench.features.steps.AssertionSteps;
import org.smmubench.features.steps.ConcurrencySteps;
import org.smmubench.features.steps.ConfigurationSteps;
import org.smmubench.features.steps.TopologySteps;
import org.smmubench.features.steps.WholeScenarioSteps;

/**
 * Every step phrasing of the library, read from the glue's annotations: the source of the
 * reference page and of "did you mean" hints for undefined steps.
 */
public final class Phrasings {
    /** The glue classes holding steps, in the order the reference page lists them. */
    public static final List<Class<?>> STEP_CLASSES = List.of(ConfigurationSteps.class, TopologySteps.class,
            WholeScenarioSteps.class, ActionSteps.class, AssertionSteps.class, ConcurrencySteps.class);

    /** One phrasing: its keyword, its Cucumber expression and its documentation (null if missing). */
    public record Phrasing(String keyword, String expression, StepDoc doc, Method method) {
        public String display() { return keyword + " " + expression; }
    }

    private Phrasings() {}

    public static List<Phrasing> all() {
        List<Phrasing> out = new ArrayList<>();
        for (Class<?> c : STEP_CLASSES) {
            // Reflection gives no source order; sorting by expression keeps the page stable.
            Method[] methods = c.getDeclaredMethods();
            List<Phrasing> mine = new ArrayList<>();
            for (Method m : methods) {
                StepDoc doc = m.getAnnotation(StepDoc.class);
                for (Given g : m.getAnnotationsByType(Given.class)) mine.add(new Phrasing("Given", g.value(), doc, m));
                for (When w : m.getAnnotationsByType(When.class)) mine.add(new Phrasing("When", w.value(), doc, m));
                for (Then t : m.getAnnotationsByType(Then.class)) mine.add(new Phrasing("Then", t.value(), doc, m));
            }
            mine.sort(Comparator.comparing(Phrasing::expression));
            out.addAll(mine);
        }
        return out;
    }

    /** The phrasings nearest to a step nobody defined, nearest first. */
    public static List<Phrasing> closest(String stepText, int n) {
        List<String> words = shape(stepText);
        return all().stream()
                .sorted(Comparator.comparingInt((Phrasing p) -> distance(words, shape(p.expression())))
                        .thenComparing(Phrasing::expression))
                .limit(n).toList();
    }

    // Parameters, quoted names and numbers all become one token, so "proc1 is bond to nic0"
    // is one word away from "{process} is bound to {device}".
    static List<String> shape(String text) {
        String t = text.replaceAll("\\{[A-Za-z]+\\}", " \u25a1 ")
                .replaceAll("\"[^\"]*\"", " \u25a1 ")
                .replaceAll("\\b(0[xX][0-9a-fA-F]+|[0-9]+(st|nd|rd|th)?)\\b", " \u25a1 ")
                .replaceAll("\\b-?E[A-Z0-9]{2,}\\b", " \u25a1 ")
                .replaceAll("\\b[CF]_[A-Z0-9_]+\\b", " \u25a1 ")
                .toLowerCase(java.util.Locale.ROOT);
        return Arrays.stream(t.split("[\\s:]+")).filter(s -> !s.isEmpty()).toList();
    }

    private static int distance(List<String> a, List<String> b) {
        int[] prev = new int[b.size() + 1];
        int[] cur = new int[b.size() + 1];
        for (int j = 0; j <= b.size(); j++) prev[j] = j;
        for (int i = 1; i <= a.size(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.size(); j++) {
                String x = a.get(i - 1), y = b.get(j - 1);
                // A near-miss spelling ("bond" for "bound") costs less than a different word.
                int sub = x.equals(y) ? 0 : Names.distance(x, y) <= Math.max(1, Math.min(x.length(), y.length()) / 3) ? 1 : 2;
                cur[j] = Math.min(prev[j - 1] + sub, Math.min(prev[j] + 2, cur[j - 1] + 2));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.size()];
    }
}
