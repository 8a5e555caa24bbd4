package dev.cutover.rest;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camunda's REST API ({@code /engine-rest}) as the starter configures it, plus {@link RefusedRequests}
 * and {@link AnswerKeys}; the webapps' engine API gets {@link AnswerKeys} too ({@link WebappAnswerKeys}).
 */
@Configuration
class RestConfiguration {

    @Bean
    AnswerKeys answerKeys(TaskService tasks, FormService forms, RepositoryService repository) {
        return new AnswerKeys(tasks, forms, repository);
    }

    @Bean
    CamundaJerseyResourceConfig cutoverRestConfig(AnswerKeys answerKeys) {
        return new CamundaJerseyResourceConfig() {
            @Override
            protected void registerAdditionalResources() {
                super.registerAdditionalResources();
                register(RefusedRequests.class);
                register(RefusedRequests.Unwrapped.class);
                register(answerKeys);
            }
        };
    }

    @Bean
    FilterRegistrationBean<WebappAnswerKeys> webappAnswerKeys(AnswerKeys answerKeys,
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webapps) {
        FilterRegistrationBean<WebappAnswerKeys> registration =
                new FilterRegistrationBean<>(new WebappAnswerKeys(answerKeys));
        registration.setName("cutover-webapp-answer-keys");
        registration.addUrlPatterns(webapps + "/api/engine/*");
        return registration;
    }
}
