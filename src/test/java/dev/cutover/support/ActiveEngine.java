package dev.cutover.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Test contexts with different settings live side by side in one JVM, each with an engine named
 * "default". Camunda's REST API and webapps find their engine by name in one JVM-wide registry,
 * where the engine started last wins: before each test class, its own engine is put there, so a
 * login over REST or in Tasklist checks the users of the database the test works in.
 */
public class ActiveEngine extends AbstractTestExecutionListener {

    @Override
    public void beforeTestClass(TestContext context) {
        ProcessEngines.registerProcessEngine(context.getApplicationContext().getBean(ProcessEngine.class));
    }

    @Override
    public void beforeTestMethod(TestContext context) {
        beforeTestClass(context);
    }
}
