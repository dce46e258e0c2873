package io.overdue.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;

/**
 * Points the Camunda web apps (Tasklist, Cockpit, their REST API) at this test's engine. They find the engine by name
 * ("default") in {@link ProcessEngines}, a registry of the JVM (through the starter's SpringBootProcessEngineProvider),
 * not in the Spring context that serves them. The test suite keeps several application contexts open, each with an
 * engine of that name on its own database, and the registry holds whichever was built last. A test that drives the
 * web apps binds its engine first and puts the previous one back after. An application has one context: not needed.
 */
public final class WebappsEngine {

    private WebappsEngine() {
    }

    /** @return the engine the web apps used before, to {@link #restore} after the test */
    public static ProcessEngine bind(ProcessEngine engine) {
        ProcessEngine previous = ProcessEngines.getProcessEngines().get(engine.getName());
        ProcessEngines.registerProcessEngine(engine);
        return previous;
    }

    public static void restore(ProcessEngine previous) {
        if (previous != null) {
            ProcessEngines.registerProcessEngine(previous);
        }
    }
}
