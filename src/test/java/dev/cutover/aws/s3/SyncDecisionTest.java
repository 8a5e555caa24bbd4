package dev.cutover.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.aws.s3.SyncDecision.CopyKind;
import dev.cutover.aws.s3.SyncDecision.Listed;
import dev.cutover.aws.s3.SyncDecision.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The sync's decisions, shared by the adapter and the rehearsal's twin. */
class SyncDecisionTest {

    private static final String MD5 = "\"5d41402abc4b2a76b9719d911017c592\"";
    private static final String OTHER_MD5 = "\"7d793037a0760186574b0282f2f435e7\"";

    @Test
    void copiesWhatIsMissingOrOfAnotherSize_andChecksSameSizeOtherETag() {
        List<Listed> source = List.of(listed("a", 5, MD5), listed("b", 5, MD5), listed("c", 5, MD5),
                listed("d", 5, MD5));
        List<Listed> destination = List.of(listed("b", 5, MD5), listed("c", 6, MD5), listed("d", 5, OTHER_MD5),
                listed("extra", 1, MD5));

        Plan plan = SyncDecision.plan(source, destination);

        assertThat(plan.copy()).extracting(Listed::key).containsExactly("a", "c");
        assertThat(plan.check()).extracting(Listed::key).containsExactly("d");
    }

    @Test
    void aCopyRecordingTheSourcesCurrentETagIsAlreadyThere() {
        Listed source = listed("d", 5, MD5);

        assertThat(SyncDecision.recordedAsCopyOf(source, Map.of(SyncDecision.SOURCE_ETAG, MD5))).isTrue();
        assertThat(SyncDecision.recordedAsCopyOf(source, Map.of(SyncDecision.SOURCE_ETAG, MD5.replace("\"", ""))))
                .isTrue();
        assertThat(SyncDecision.recordedAsCopyOf(source, Map.of(SyncDecision.SOURCE_ETAG, OTHER_MD5))).isFalse();
        assertThat(SyncDecision.recordedAsCopyOf(source, Map.of())).isFalse();
    }

    @Test
    void onlyMultipartSourcesOrETagChangingDestinationsNeedTheSourceETagRecorded() {
        assertThat(SyncDecision.copyKind(listed("a", 5, MD5), 100, false)).isEqualTo(CopyKind.PLAIN);
        assertThat(SyncDecision.copyKind(listed("a", 5, "\"9b2cf535f27731c974343645a3985328-3\""), 100, false))
                .isEqualTo(CopyKind.RECORDED);
        assertThat(SyncDecision.copyKind(listed("a", 5, MD5), 100, true)).isEqualTo(CopyKind.RECORDED);
        assertThat(SyncDecision.copyKind(listed("a", 101, MD5), 100, false)).isEqualTo(CopyKind.MULTIPART);
    }

    @Test
    void keysSortAsS3ListsThem_byCodePoint() {
        List<String> keys = new ArrayList<>(List.of("b", "a\uFF21", "a\uD83D\uDE00", "a", "ab"));

        keys.sort(SyncDecision::compareKeys);

        assertThat(keys).containsExactly("a", "ab", "a\uFF21", "a\uD83D\uDE00", "b");
    }

    @Test
    void verificationWalksBothListingsAndCountsEachSide() {
        List<Listed> source = List.of(listed("a", 1, MD5), listed("b", 2, MD5), listed("c", 3, MD5));
        List<Listed> destination = List.of(listed("a", 1, OTHER_MD5), listed("c", 4, MD5), listed("d", 5, MD5));

        SyncVerification verification = SyncDecision.verify(source.iterator(), destination.iterator());

        assertThat(verification).isEqualTo(new SyncVerification(3, 6, 3, 10, 1, 1, 1,
                List.of("missing: b", "size: c 3 ≠ 4", "extra: d")));
    }

    @Test
    void verificationNamesAtMostTwentyDifferences() {
        List<Listed> source = IntStream.range(0, 50).mapToObj(i -> listed("k" + (100 + i), 1, MD5)).toList();

        SyncVerification verification = SyncDecision.verify(source.iterator(), List.<Listed>of().iterator());

        assertThat(verification.sourceObjects()).isEqualTo(50);
        assertThat(verification.differences()).hasSize(20).first().isEqualTo("missing: k100");
    }

    @Test
    void newUploadsNeverHideAMissingKey_theCountsAreComplete() {
        List<Listed> source = List.of(listed("z-old", 1, MD5));
        List<Listed> destination = IntStream.range(0, 25).mapToObj(i -> listed("a-new-" + (100 + i), 1, MD5)).toList();

        SyncVerification verification = SyncDecision.verify(source.iterator(), destination.iterator());

        assertThat(verification.missing()).isEqualTo(1);
        assertThat(verification.extra()).isEqualTo(25);
        assertThat(verification.sourceCovered()).isFalse();
        assertThat(verification.differences()).first().isEqualTo("missing: z-old");
        assertThat(verification.differences()).filteredOn(difference -> difference.startsWith("extra: ")).hasSize(20);
    }

    private static Listed listed(String key, long size, String eTag) {
        return new Listed(key, size, eTag);
    }
}
