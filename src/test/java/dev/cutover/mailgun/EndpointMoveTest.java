package dev.cutover.mailgun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.mailgun.EndpointMove.Rewrite;
import dev.cutover.mailgun.MailgunChange.Moved;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointMoveTest {

    private static final String HEROKU = "https://clearmyrecord.codeforamerica.org";
    private static final String LAMBDA = "https://www.clearmyrecord.org";

    private final EndpointMove move = new EndpointMove(HEROKU, LAMBDA);

    @Test
    void aUrlUnderTheOldBaseKeepsItsPathAndQueryUnderTheNewOne() {
        assertThat(move.moved(HEROKU + "/mailgun/inbound/?source=mailgun#top"))
                .isEqualTo(LAMBDA + "/mailgun/inbound/?source=mailgun#top");
        assertThat(move.moved(HEROKU)).isEqualTo(LAMBDA);
    }

    @Test
    void aHostThatOnlyStartsLikeTheOldBaseStays() {
        assertThat(move.moves(HEROKU + ".evil.example/mailgun/inbound/")).isFalse();
        assertThat(move.moves(HEROKU + ":8443/mailgun/inbound/")).isFalse();
        assertThat(move.moves("http://clearmyrecord.codeforamerica.org/mailgun/inbound/")).isFalse();
    }

    @Test
    void theBasesMayEndWithASlash_andTheHostsCaseDoesNotMatter() {
        EndpointMove slashed = new EndpointMove(HEROKU + "/", LAMBDA + "/");

        assertThat(slashed.moved("https://ClearMyRecord.codeforamerica.org/mailgun/events/"))
                .isEqualTo(LAMBDA + "/mailgun/events/");
    }

    @Test
    void forwardsAndStoreNotificationsUnderTheOldBaseMove_theRestStaysVerbatimInOrder() {
        List<String> actions = List.of(
                "forward(\"" + HEROKU + "/mailgun/inbound/\")",
                "store(notify=\"" + HEROKU + "/mailgun/stored/\")",
                "forward(\"clearmyrecord-team@codeforamerica.org\")",
                "forward(\"https://www.getcalfresh.org/mailgun/documents/\")",
                "stop()");

        Rewrite rewrite = move.actions("route-1", actions);

        assertThat(rewrite.values()).containsExactly(
                "forward(\"" + LAMBDA + "/mailgun/inbound/\")",
                "store(notify=\"" + LAMBDA + "/mailgun/stored/\")",
                "forward(\"clearmyrecord-team@codeforamerica.org\")",
                "forward(\"https://www.getcalfresh.org/mailgun/documents/\")",
                "stop()");
        assertThat(rewrite.moved()).containsExactly(
                new Moved("route-1", HEROKU + "/mailgun/inbound/", LAMBDA + "/mailgun/inbound/"),
                new Moved("route-1", HEROKU + "/mailgun/stored/", LAMBDA + "/mailgun/stored/"));
    }

    @Test
    void aForwardInSingleQuotesOrWithSpacesMovesToo() {
        Rewrite rewrite = move.actions("route-1", List.of("forward( '" + HEROKU + "/inbound' )"));

        assertThat(rewrite.values()).containsExactly("forward( '" + LAMBDA + "/inbound' )");
    }

    @Test
    void aRouteWithNothingUnderTheOldBaseIsUnchanged() {
        List<String> actions = List.of("forward(\"https://www.getcalfresh.org/mailgun/documents/\")", "stop()");

        Rewrite rewrite = move.actions("route-9", actions);

        assertThat(rewrite.changed()).isFalse();
        assertThat(rewrite.values()).isEqualTo(actions);
    }

    @Test
    void aForwardAlreadyPresentAtTheNewBaseIsNotDuplicated() {
        Rewrite rewrite = move.actions("route-1", List.of(
                "forward(\"" + HEROKU + "/mailgun/inbound/\")",
                "forward(\"" + LAMBDA + "/mailgun/inbound/\")",
                "stop()"));

        assertThat(rewrite.values()).containsExactly("forward(\"" + LAMBDA + "/mailgun/inbound/\")", "stop()");
        assertThat(rewrite.changed()).isTrue();
    }

    @Test
    void aWebhooksOtherUrlsStay_andTheMovedOneTakesItsPlace() {
        Rewrite rewrite = move.urls("delivered", List.of(
                "https://hooks.zapier.com/hooks/catch/1234567/abcdef/",
                HEROKU + "/mailgun/events/"));

        assertThat(rewrite.values()).containsExactly(
                "https://hooks.zapier.com/hooks/catch/1234567/abcdef/",
                LAMBDA + "/mailgun/events/");
        assertThat(rewrite.moved()).containsExactly(
                new Moved("delivered", HEROKU + "/mailgun/events/", LAMBDA + "/mailgun/events/"));
    }

    @Test
    void movingAndMovingBackRestoresTheActions() {
        List<String> actions = List.of("forward(\"" + HEROKU + "/mailgun/inbound/\")", "stop()");

        List<String> there = move.actions("route-1", actions).values();
        List<String> back = new EndpointMove(LAMBDA, HEROKU).actions("route-1", there).values();

        assertThat(back).isEqualTo(actions);
    }

    @Test
    void refusesANewBaseUnderTheOldOne_sinceEveryRerunWouldMoveAgain() {
        assertThatThrownBy(() -> new EndpointMove(HEROKU, HEROKU + "/new"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lies under fromBaseUrl");
        assertThatThrownBy(() -> new EndpointMove(HEROKU, " "))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
