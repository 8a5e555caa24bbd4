package dev.cutover.notify;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The look at the engine's incidents runs on Spring's scheduler. */
@Configuration
@EnableScheduling
class NotifyScheduling {
}
