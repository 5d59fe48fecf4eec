package io.tidings.bounce;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.tidings.core.InvalidInputException;
import io.tidings.core.IsoTimes;
import io.tidings.subscription.ReaderRestores;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Undoes the bounces of one edition or of one reason (a type, a status, since a time), for when they
 * were ours (a broken relay, a misread DSN) rather than the readers': the bounces are marked restored,
 * so no soft-bounce count or hard-bounce threshold counts them again, and each reader they had stopped
 * goes back to CONFIRMED, unless what remains of their bounces would stop them still.
 */
@Singleton
public class BounceRestores {

    private static final Pattern STATUS = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");
    private final BounceQueries queries;
    private final BounceActions actions;
    private final ReaderRestores readers;
    private final Clock clock;

    BounceRestores(BounceQueries queries, BounceActions actions, ReaderRestores readers, Clock clock) {
        this.queries = queries;
        this.actions = actions;
        this.readers = readers;
        this.clock = clock;
    }

    /** Which bounces to undo: of one edition, or of one type (hard or soft), by status and since a time if given. */
    public record Selection(@Nullable Long editionId, @Nullable String type, @Nullable String status, Instant since) {

        /** Checks what an operator gave, by field name; at least an edition or a type. */
        public static Selection of(@Nullable Long editionId, @Nullable String type, @Nullable String status,
                                   @Nullable String since) {
            String givenType = blankToNull(type);
            String givenStatus = blankToNull(status);
            if (editionId == null && givenType == null) {
                throw InvalidInputException.of("editionId", "give an edition or a type of bounce to undo");
            }
            if (editionId != null && editionId <= 0) {
                throw InvalidInputException.of("editionId", "is not an edition");
            }
            if (givenType != null && !givenType.equals("hard") && !givenType.equals("soft")) {
                throw InvalidInputException.of("type", "must be hard or soft: only these stop a reader's mail");
            }
            if (givenStatus != null && !STATUS.matcher(givenStatus).matches()) {
                throw InvalidInputException.of("status", "is not an enhanced status code such as 5.1.1");
            }
            Instant from = IsoTimes.parse("since", since);
            return new Selection(editionId, givenType, givenStatus, from == null ? Instant.EPOCH : from);
        }

        /** For the consent record and the confirmation: "hard bounces of edition 12 (status 5.1.1) since ...". */
        public String describe() {
            StringBuilder text = new StringBuilder(type == null ? "hard and soft bounces" : type + " bounces");
            if (editionId != null) {
                text.append(" of edition ").append(editionId);
            }
            if (status != null) {
                text.append(" with status ").append(status);
            }
            if (!since.equals(Instant.EPOCH)) {
                text.append(" since ").append(since);
            }
            return text.toString();
        }

        private static String blankToNull(@Nullable String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    /** What an undo did, or would do: readers back to CONFIRMED (for a preview: readers concerned) and bounces undone. */
    @Serdeable
    public record Result(long readers, long bounces) {

        /** What an operator restored, for the audit log. */
        String summary(Selection selection) {
            return selection.describe() + ": " + bounces + " undone, " + readers + " readers restored";
        }
    }

    /** What {@link #restore} would touch: the bounces it selects and how many readers they are about. */
    @Transactional(readOnly = true)
    public Result preview(Selection selection) {
        return new Result(queries.selectedReaders(selection.editionId(), selection.type(), selection.status(), selection.since()).size(),
                queries.countSelected(selection.editionId(), selection.type(), selection.status(), selection.since()));
    }

    @Transactional
    public Result restore(Selection selection) {
        Instant now = clock.instant();
        List<BounceQueries.ReaderTally> tallies = new ArrayList<>(
                queries.selectedReaders(selection.editionId(), selection.type(), selection.status(), selection.since()));
        int undone = queries.markRestored(selection.editionId(), selection.type(), selection.status(), selection.since(), now);
        String evidence = "operator undid " + selection.describe();
        long restored = tallies.stream()
                .filter(reader -> !actions.wouldBounce(reader.subscriberId(), now))
                .filter(reader -> readers.restore(reader.subscriberId(), (int) reader.hard(),
                        evidence.length() <= 200 ? evidence : evidence.substring(0, 200), now))
                .count();
        return new Result(restored, undone);
    }
}
