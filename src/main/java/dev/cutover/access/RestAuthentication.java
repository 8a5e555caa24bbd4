package dev.cutover.access;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camunda leaves its REST API open; here it, our own {@code /api} and the pages under {@code /cutover}
 * take HTTP Basic against the engine's users ({@link BasicAuthentication}), and the engine's
 * authorizations apply to what the caller may do.
 */
@Configuration
class RestAuthentication {

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> restAuthenticationFilter() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("cutover-rest-authentication");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                BasicAuthentication.class.getName());
        // the live page and the audit report too: the browser asks for the same engine user (docs/report.md)
        registration.addUrlPatterns("/engine-rest/*", "/api/*", "/cutover/*");
        registration.setOrder(101);
        return registration;
    }
}
