package org.smmubench.dsl.repl;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands the live session to JShell snippets. A snippet is compiled by JShell and can only
 * name classes, so the object crosses through this table; the one static in the REPL,
 * keyed per session and emptied as soon as the snippet has taken its entry, so two
 * sessions in one JVM still share nothing.
 */
public final class JShellBridge {
    private static final Map<String, ReplSession> WAITING = new ConcurrentHashMap<>();

    private JShellBridge() {}

    static String offer(ReplSession session) {
        String key = UUID.randomUUID().toString();
        WAITING.put(key, session);
        return key;
    }

    /** Called from the JShell start-up snippet. */
    public static ReplSession take(String key) {
        ReplSession s = WAITING.remove(key);
        if (s == null) throw new IllegalStateException("no REPL session waiting under " + key);
        return s;
    }
}
