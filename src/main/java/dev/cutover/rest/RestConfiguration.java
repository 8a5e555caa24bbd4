package dev.cutover.rest;

import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camunda's REST API ({@code /engine-rest}) as the starter configures it, plus {@link RefusedRequests}
 * and {@link AnswerKeys}.
 */
@Configuration
class RestConfiguration {

    @Bean
    CamundaJerseyResourceConfig cutoverRestConfig(org.camunda.bpm.engine.TaskService tasks,
            org.camunda.bpm.engine.FormService forms, org.camunda.bpm.engine.RepositoryService repository) {
        return new CamundaJerseyResourceConfig() {
            @Override
            protected void registerAdditionalResources() {
                super.registerAdditionalResources();
                register(RefusedRequests.class);
                register(RefusedRequests.Unwrapped.class);
                register(new AnswerKeys(tasks, forms, repository));
            }
        };
    }
}
