package dev.cutover.support;

import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The people who work a whole run in the process tests, each in their group: olivia
 * (operators), leo (the lead who starts runs) and lena (the second lead the four-eyes rule asks
 * for). Each logs in with their own rehearsal password.
 */
public final class RunPeople {

    public static final Map<String, String> GROUP_OF = Map.of(
            "olivia", "cutover-operators", "leo", "cutover-leads", "lena", "cutover-leads");

    private RunPeople() {
    }

    /** Makes the people and their memberships where the engine does not know them yet. */
    public static void ensure(IdentityService identity) {
        GROUP_OF.forEach((user, group) -> {
            if (identity.createUserQuery().userId(user).count() == 0) {
                var person = identity.newUser(user);
                person.setPassword(password(user));
                identity.saveUser(person);
                identity.createMembership(user, group);
            }
        });
    }

    public static String password(String user) {
        return user + "-rehearsal-password";
    }

    /** The application's HTTP API as this person, logged in with HTTP Basic. */
    public static TestRestTemplate as(TestRestTemplate http, String user) {
        return http.withBasicAuth(user, password(user));
    }
}
