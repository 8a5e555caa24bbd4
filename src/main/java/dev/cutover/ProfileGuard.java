package dev.cutover;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * A run is either a rehearsal against the simulated world or live against the real systems,
 * never both and never neither: refuse to start otherwise, before anything is wired.
 */
class ProfileGuard implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean rehearsal = environment.acceptsProfiles(Profiles.of("rehearsal"));
        boolean live = environment.acceptsProfiles(Profiles.of("live"));
        if (rehearsal == live) {
            throw new IllegalStateException("Activate exactly one of the profiles 'rehearsal' (the simulated world)"
                    + " and 'live' (the real systems), e.g. SPRING_PROFILES_ACTIVE=live,postgres; active now: "
                    + String.join(",", environment.getActiveProfiles()));
        }
    }
}
