package org.smmubench.bench.report.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.smmubench.bench.RecordedStep;
import org.smmubench.bench.RunRecording;
import org.smmubench.kernel.KernelEventLog.Event;
import org.smmubench.kernel.KernelEventLog.Kind;

/**
 * The timeline picture of one recorded run, as SVG written by hand (a flame chart of nested
 * rectangles needs no layout library). The x axis is logical time, the index of an event in
 * the kernel's event log. One lane per context the model runs code in: the bench's task (the
 * process context every step's calls run in), the event-queue IRQ thread, SRCU callbacks,
 * and the SMMU itself: the commands it consumed, the DMAs that reached it and the events it
 * recorded. In a kernel lane, nested spans are the
 * modelled functions, bars under them the locks held, the background is shaded where IRQs
 * (dark) or preemption (light) were off, and a red line marks each violation where it fired.
 */
final class TimelineSvg {
    static final String TASK = "smmu-bench/1 (process context)";
    static final String EVTQ = "arm_smmu_evtq_thread (IRQ thread)";
    static final String SRCU = "SRCU callbacks";
    static final String SMMU = "SMMU (commands, DMA, events)";

    private static final int LABEL_W = 200;
    private static final int DX = 6;
    private static final int ROW = 14;
    private static final int STEP_H = 20;
    private static final int MARK_H = 14;
    private static final double CHAR_W = 6.2;

    /** Functions that allocate or free: drawn in their own colour, since sleeping in them is what atomic-sleep catches. */
    private static final Set<String> ALLOCATORS = Set.of("kzalloc", "kcalloc", "devm_kcalloc", "dmam_alloc_coherent",
            "dma_alloc_coherent", "kfree", "devm_kfree", "dma_free_coherent", "dmam_free_coherent");

    private TimelineSvg() {}

    /** {@code culprit}: a violation fired while this was the innermost function. */
    private record Span(String fn, int from, int to, int depth, String lane, boolean culprit) {}

    private record Bar(String lock, String kind, int from, int to, int row, String lane) {}

    private record Interval(int from, int to) {}

    static String render(RunRecording rec, String runId) {
        List<Event> ev = rec.events();
        int n = Math.max(ev.size(), 1);
        TimelineFolds folds = TimelineFolds.of(ev);
        List<Span> spans = new ArrayList<>();
        List<Bar> bars = new ArrayList<>();
        List<Interval> irqsOff = new ArrayList<>();
        List<Interval> preemptOff = new ArrayList<>();
        List<int[]> openFrames = new ArrayList<>();
        Set<Integer> culprits = new java.util.HashSet<>();
        Map<Integer, String> culpritOf = new LinkedHashMap<>();
        List<String> openNames = new ArrayList<>();
        List<Object[]> held = new ArrayList<>();
        int irqOffAt = -1;
        int preemptOffAt = -1;
        Map<String, int[]> laneRows = new LinkedHashMap<>();
        laneRows.put(TASK, new int[2]);
        for (int i = 0; i < ev.size(); i++) {
            Event e = ev.get(i);
            String lane = laneOf(e.root());
            laneRows.computeIfAbsent(lane, l -> new int[2]);
            switch (e.kind()) {
                case ENTER -> {
                    openFrames.add(new int[] {i, e.depth()});
                    openNames.add(e.name());
                    laneRows.get(lane)[0] = Math.max(laneRows.get(lane)[0], e.depth());
                }
                case EXIT -> {
                    if (!openFrames.isEmpty()) {
                        int[] f = openFrames.remove(openFrames.size() - 1);
                        spans.add(new Span(openNames.remove(openNames.size() - 1), f[0], i, f[1], lane, culprits.contains(f[0])));
                    }
                }
                case LOCK -> {
                    held.add(new Object[] {e.name(), e.detail(), i, held.size(), lane});
                    laneRows.get(lane)[1] = Math.max(laneRows.get(lane)[1], held.size());
                }
                case UNLOCK -> {
                    for (int h = held.size() - 1; h >= 0; h--) {
                        if (held.get(h)[0].equals(e.name())) {
                            Object[] o = held.remove(h);
                            bars.add(new Bar((String) o[0], (String) o[1], (int) o[2], i, (int) o[3], (String) o[4]));
                            break;
                        }
                    }
                }
                case IRQ_OFF -> irqOffAt = i;
                case IRQ_ON -> {
                    if (irqOffAt >= 0) irqsOff.add(new Interval(irqOffAt, i));
                    irqOffAt = -1;
                }
                case VIOLATION -> {
                    if (!openFrames.isEmpty()) {
                        culprits.add(openFrames.get(openFrames.size() - 1)[0]);
                        culpritOf.put(i, openNames.get(openNames.size() - 1));
                    }
                }
                case PREEMPT_OFF -> preemptOffAt = i;
                case PREEMPT_ON -> {
                    if (preemptOffAt >= 0) preemptOff.add(new Interval(preemptOffAt, i));
                    preemptOffAt = -1;
                }
                default -> { }
            }
        }
        // Whatever is still open when the log ends runs to its end.
        for (int f = openFrames.size() - 1; f >= 0; f--) {
            spans.add(new Span(openNames.get(f), openFrames.get(f)[0], n, openFrames.get(f)[1], TASK,
                    culprits.contains(openFrames.get(f)[0])));
        }
        for (Object[] o : held) bars.add(new Bar((String) o[0], (String) o[1], (int) o[2], n, (int) o[3], (String) o[4]));
        if (irqOffAt >= 0) irqsOff.add(new Interval(irqOffAt, n));
        if (preemptOffAt >= 0) preemptOff.add(new Interval(preemptOffAt, n));
        laneRows.put(SMMU, new int[] {2, 0});
        // Room for the DMA dots and event diamonds above and below the command ticks.

        // Lane geometry, in lane order.
        Map<String, int[]> laneY = new LinkedHashMap<>();
        int y = STEP_H + MARK_H;
        for (String lane : List.of(TASK, EVTQ, SRCU, SMMU)) {
            int[] rows = laneRows.get(lane);
            if (rows == null) continue;
            int h = (Math.max(rows[0], 1) + rows[1]) * ROW + 8;
            laneY.put(lane, new int[] {y, h, Math.max(rows[0], 1)});
            y += h;
        }
        int height = y + 4;
        int width = x(folds, n) + 20;

        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" id=\"").append(runId).append("-timeline\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" data-run=\"").append(runId).append("\">\n");
        // Step bands across the whole picture; a click on one picks that step's topology.
        List<RecordedStep> steps = rec.steps();
        for (int s = 0; s < steps.size(); s++) {
            RecordedStep st = steps.get(s);
            int x0 = x(folds, st.firstEvent());
            int w = Math.max(x(folds, st.endEvent()) - x0, 1);
            sb.append("<g class=\"step-band").append(s % 2 == 0 ? " even" : " odd").append("\" data-step=\"").append(s).append("\">")
                    .append("<title>").append(esc(stepLabel(st))).append(" [t ").append(st.firstEvent()).append("..")
                    .append(st.endEvent()).append(")</title>")
                    .append(rect(x0, 0, w, height, "band")).append(rect(x0, 0, w, STEP_H, "band-head"));
            text(sb, x0 + 3, 14, fit(stepLabel(st), w - 6), "step-label");
            sb.append("</g>\n");
        }
        // Lane backgrounds, IRQ and preemption shading, lane labels.
        for (Map.Entry<String, int[]> l : laneY.entrySet()) {
            int[] g = l.getValue();
            sb.append(rect(LABEL_W, g[0], width - LABEL_W, g[1], "lane")).append('\n');
            if (!l.getKey().equals(SMMU)) {
                for (Interval iv : preemptOff) shade(sb, folds, iv, g, "preempt-off", "preemption off (preempt_count > 0)");
                for (Interval iv : irqsOff) shade(sb, folds, iv, g, "irqs-off", "IRQs off");
            }
            sb.append(rect(0, g[0], LABEL_W - 4, g[1], "lane-label-bg"));
            text(sb, 6, g[0] + 14, l.getKey(), "lane-label");
        }
        for (Span sp : spans) {
            if (folds.hides(sp.from(), sp.to())) continue;
            int[] g = laneY.get(sp.lane());
            int x0 = x(folds, sp.from());
            int w = Math.max(x(folds, sp.to()) - x0, 2);
            int sy = g[0] + 4 + (sp.depth() - 1) * ROW;
            sb.append("<g class=\"span ").append(fnClass(sp.fn())).append(sp.culprit() ? " culprit" : "").append("\"><title>").append(esc(sp.fn())).append(" [t ")
                    .append(sp.from()).append("..").append(sp.to()).append("]</title>").append(rect(x0, sy, w, ROW - 2, null));
            text(sb, x0 + 2, sy + 10, fit(sp.fn(), w - 4), null);
            sb.append("</g>\n");
        }
        for (Bar b : bars) {
            if (folds.hides(b.from(), b.to())) continue;
            int[] g = laneY.get(b.lane());
            int x0 = x(folds, b.from());
            int w = Math.max(x(folds, b.to()) - x0, 2);
            int by = g[0] + 4 + (g[2] + b.row()) * ROW;
            sb.append("<g class=\"lock ").append("spinlock".equals(b.kind()) ? "lock-spin" : "lock-mutex").append("\"><title>")
                    .append(esc(b.lock())).append(" (").append(b.kind()).append(") held [t ").append(b.from()).append("..")
                    .append(b.to()).append("]</title>").append(rect(x0, by, w, ROW - 3, null));
            text(sb, x0 + 2, by + 9, fit(b.lock(), w - 4), null);
            sb.append("</g>\n");
        }
        int[] smmu = laneY.get(SMMU);
        int markTop = STEP_H;
        for (int i = 0; i < ev.size(); i++) {
            Event e = ev.get(i);
            if (folds.foldAt(i) != null) continue; // stood for by its fold (never a violation: see TimelineFolds)
            int cx = x(folds, i) + DX / 2;
            if (e.kind() == Kind.COMMAND) {
                boolean sync = e.name().equals("CMD_SYNC");
                sb.append("<line class=\"cmd").append(sync ? " cmd-sync" : "").append("\" x1=\"").append(cx).append("\" y1=\"")
                        .append(smmu[0] + (sync ? 3 : 9)).append("\" x2=\"").append(cx).append("\" y2=\"").append(smmu[0] + smmu[1] - 3)
                        .append("\"><title>t ").append(i).append(": ").append(esc(e.detail())).append("</title></line>\n");
            } else if (e.kind() == Kind.DMA || e.kind() == Kind.EVENT) {
                // A DMA is a dot on the queue's baseline, an event record a diamond above it.
                boolean dma = e.kind() == Kind.DMA;
                int cy = smmu[0] + (dma ? smmu[1] - 6 : 6);
                sb.append("<g class=\"").append(dma ? "dma" : "evt").append("\"><title>t ").append(i).append(": ")
                        .append(dma ? "DMA " : "event ").append(esc(e.name())).append(": ").append(esc(e.detail())).append("</title>");
                if (dma) {
                    sb.append("<circle cx=\"").append(cx).append("\" cy=\"").append(cy).append("\" r=\"4\"/>");
                } else {
                    sb.append("<polygon points=\"").append(cx).append(',').append(cy - 5).append(' ').append(cx + 5).append(',').append(cy)
                            .append(' ').append(cx).append(',').append(cy + 5).append(' ').append(cx - 5).append(',').append(cy).append("\"/>");
                }
                sb.append("</g>\n");
            } else if (e.kind() == Kind.VIOLATION) {
                sb.append("<g class=\"violation-mark\"><title>t ").append(i).append(": ").append(esc(e.name())).append(": ")
                        .append(esc(e.detail())).append("</title><line x1=\"").append(cx).append("\" y1=\"").append(markTop)
                        .append("\" x2=\"").append(cx).append("\" y2=\"").append(height).append("\"/>")
                        .append("<polygon points=\"").append(cx - 5).append(',').append(markTop).append(' ').append(cx + 5).append(',')
                        .append(markTop).append(' ').append(cx).append(',').append(markTop + 8).append("\"/>");
                String in = culpritOf.get(i);
                text(sb, cx + 6, markTop + 10, e.name() + (in == null ? "" : " in " + in), "violation-label");
                sb.append("</g>\n");
            }
        }
        for (TimelineFolds.Fold f : folds.folds()) {
            int x0 = x(folds, f.from());
            int w = Math.max(x(folds, f.to() + 1) - x0, 1);
            sb.append("<g class=\"fold\"><title>").append(esc(foldTitle(f))).append("</title>")
                    .append(rect(x0, STEP_H, w, height - STEP_H, null));
            text(sb, x0 + 2, STEP_H + MARK_H + 10, "\u00d7" + f.calls(), "fold-label");
            sb.append("</g>\n");
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    static String foldTitle(TimelineFolds.Fold f) {
        return f.calls() + " more calls of " + f.fn() + " with the same shape as the calls on either side, folded [t " + f.from()
                + ".." + f.to() + "]: " + f.events() + " events" + (f.commands() == 0 ? "" : ", " + f.commands() + " commands ("
                + f.opcodes() + ")") + (f.others().isEmpty() ? "" : ", " + f.others());
    }

    static String stepLabel(RecordedStep st) {
        if (st.no() > 0) return "#" + st.no() + " " + st.text();
        if (st.no() < 0) return "teardown";
        return "setup: " + st.text();
    }

    /** The context an event ran in, from the outermost function then running. */
    static String laneOf(String root) {
        return switch (root) {
            case "arm_smmu_evtq_thread" -> EVTQ;
            case "mmu_notifier_free_rcu" -> SRCU;
            default -> TASK;
        };
    }

    private static String fnClass(String fn) {
        if (ALLOCATORS.contains(fn)) return "fn-alloc";
        if (fn.startsWith("arm_smmu") || fn.startsWith("__arm_smmu")) return "fn-driver";
        if (fn.startsWith("iommu") || fn.startsWith("__iommu")) return "fn-core";
        if (fn.contains("mmu_notifier") || fn.contains("mm") || fn.equals("do_exit")) return "fn-mm";
        return "fn-other";
    }

    private static void shade(StringBuilder sb, TimelineFolds folds, Interval iv, int[] g, String cls, String title) {
        if (folds.hides(iv.from(), iv.to())) return;
        int x0 = x(folds, iv.from());
        sb.append("<rect class=\"").append(cls).append("\" x=\"").append(x0).append("\" y=\"").append(g[0]).append("\" width=\"")
                .append(Math.max(x(folds, iv.to()) - x0, 1)).append("\" height=\"").append(g[1]).append("\"><title>").append(title)
                .append(" [t ").append(iv.from()).append("..").append(iv.to()).append("]</title></rect>\n");
    }

    private static int x(TimelineFolds folds, int t) { return LABEL_W + (int) Math.round(folds.column(t) * DX); }

    private static String rect(int x, int y, int w, int h, String cls) {
        return "<rect" + (cls == null ? "" : " class=\"" + cls + "\"") + " x=\"" + x + "\" y=\"" + y + "\" width=\"" + w
                + "\" height=\"" + h + "\"/>";
    }

    private static void text(StringBuilder sb, int x, int y, String s, String cls) {
        if (s.isEmpty()) return;
        sb.append("<text").append(cls == null ? "" : " class=\"" + cls + "\"").append(" x=\"").append(x).append("\" y=\"")
                .append(y).append("\">").append(esc(s)).append("</text>");
    }

    /** The label cut to what fits in w pixels (empty when not even a few characters fit). */
    private static String fit(String s, int w) {
        int chars = (int) (w / CHAR_W);
        if (chars >= s.length()) return s;
        if (chars < 4) return "";
        return s.substring(0, chars - 1) + "\u2026";
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

}
