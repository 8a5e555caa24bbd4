package dev.cutover.tower;

import dev.cutover.plan.MigrationPlan;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

@Configuration
@Profile("live")
class LiveTower {

    @Bean
    TowerPort tower(MigrationPlan plan, @Value("${cutover.tower.token:}") String token) {
        if (token.isBlank()) {
            throw new IllegalStateException("Set CUTOVER_TOWER_TOKEN to an AWX OAuth2 token with write scope:"
                    + " a live run launches the plan's job templates with it");
        }
        return TowerAdapter.create(plan.tower().baseUrl(), token);
    }
}
