package dev.cutover.namecheap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guard every write to a Namecheap zone goes through, in the adapter and in its twin. */
class ZoneEditTest {

    private static final String ZONE = "codeforamerica.org";
    private static final String HOST = "clearmyrecord";

    private static final HostRecord APEX = new HostRecord("@", "A", "75.2.60.5", 10, 1800);
    private static final HostRecord WWW = new HostRecord("www", "CNAME", "codeforamerica.netlify.app.", 10, 1800);
    private static final HostRecord MAIL = new HostRecord("@", "MX", "aspmx.l.google.com.", 1, 1800);
    private static final HostRecord SPF = new HostRecord("@", "TXT", "v=spf1 include:_spf.google.com ~all", 10, 1800);
    private static final HostRecord OLD_NAME = new HostRecord(HOST, "CNAME", "clearmyrecord.herokudns.com.", 10, 60);
    private static final HostRecord REDIRECT = new HostRecord(HOST, "URL301", "https://www.clearmyrecord.org", 10, 60);

    private static final List<HostRecord> BEFORE = List.of(APEX, WWW, MAIL, SPF, OLD_NAME);

    @Test
    void guard_refusesANewListThatDropsAnotherHostsRecord() {
        List<HostRecord> after = List.of(APEX, WWW, SPF, REDIRECT);

        assertThatThrownBy(() -> ZoneEdit.guardOtherHosts(ZONE, HOST, BEFORE, after))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Refusing to write Namecheap zone codeforamerica.org")
                .hasMessageContaining("lost @ MX aspmx.l.google.com. pref 1 TTL 1800")
                .hasMessageContaining("Nothing was written");
    }

    @Test
    void guard_refusesANewListThatAltersAnotherHostsRecord() {
        HostRecord wwwAtSixty = new HostRecord("www", "CNAME", "codeforamerica.netlify.app.", 10, 60);
        List<HostRecord> after = List.of(APEX, wwwAtSixty, MAIL, SPF, REDIRECT);

        assertThatThrownBy(() -> ZoneEdit.guardOtherHosts(ZONE, HOST, BEFORE, after))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("altered www CNAME codeforamerica.netlify.app. TTL 1800"
                        + " -> www CNAME codeforamerica.netlify.app. TTL 60");
    }

    @Test
    void guard_refusesANewListThatAddsARecordToAnotherHost() {
        HostRecord stray = new HostRecord("www2", "URL301", "https://www.clearmyrecord.org", 10, 60);
        List<HostRecord> after = List.of(APEX, WWW, MAIL, SPF, REDIRECT, stray);

        assertThatThrownBy(() -> ZoneEdit.guardOtherHosts(ZONE, HOST, BEFORE, after))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("added www2 URL301 https://www.clearmyrecord.org TTL 60");
    }

    @Test
    void guard_letsTheHostChange_whenEveryOtherRecordIsThereInAnyOrder() {
        List<HostRecord> after = List.of(REDIRECT, SPF, MAIL, WWW, APEX);

        assertThatCode(() -> ZoneEdit.guardOtherHosts(ZONE, HOST, BEFORE, after)).doesNotThrowAnyException();
    }

    @Test
    void ensure_isAlreadyDone_whenTheRunbookAlreadySetTheTtl_andWritesNothing() {
        List<List<HostRecord>> writes = new ArrayList<>();

        Ensured<ZoneChange> ensured = ZoneEdit.ensure(ZONE, HOST, BEFORE, ZoneEdit.ttl(60), writes::add,
                () -> BEFORE);

        assertThat(ensured.changed()).isFalse();
        assertThat(ensured.value()).isEqualTo(new ZoneChange(ZONE, HOST, BEFORE, BEFORE));
        assertThat(writes).isEmpty();
    }

    @Test
    void ensure_writesTheWholeZoneWithOnlyTheHostChanged() {
        List<List<HostRecord>> writes = new ArrayList<>();

        Ensured<ZoneChange> ensured = ZoneEdit.ensure(ZONE, HOST, BEFORE,
                ZoneEdit.permanentRedirect("https://www.clearmyrecord.org", 60), writes::add,
                () -> writes.get(writes.size() - 1));

        assertThat(ensured.changed()).isTrue();
        assertThat(writes).containsExactly(List.of(APEX, WWW, MAIL, SPF, REDIRECT));
        assertThat(ensured.value().before()).isEqualTo(BEFORE);
        assertThat(ensured.value().after()).isEqualTo(List.of(APEX, WWW, MAIL, SPF, REDIRECT));
    }

    @Test
    void ensureTtl_failsForGood_whenTheHostHasNoRecords() {
        assertThatThrownBy(() -> ZoneEdit.ensure(ZONE, "nosuchhost", BEFORE, ZoneEdit.ttl(60), records -> { },
                () -> BEFORE))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("has no records for host 'nosuchhost'");
    }

    @Test
    void aTtlNamecheapWouldRefuse_isRejectedBeforeAnyCall() {
        assertThatThrownBy(() -> ZoneEdit.ttl(30))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("60 to 60000");
    }
}
