package io.tidings.edition;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.tidings.subscription.Frequency;
import jakarta.inject.Singleton;
import net.javacrumbs.shedlock.micronaut.SchedulerLock;

/**
 * Makes each frequency's edition on its cron. The lock keeps instances from making one at once;
 * the unique slot would make a second attempt give the same edition anyway.
 */
@Singleton
@Requires(property = "tidings.editions.schedule-enabled", value = "true")
public class EditionJobs {

    private final EditionMaker maker;

    EditionJobs(EditionMaker maker) {
        this.maker = maker;
    }

    @Scheduled(cron = "${tidings.editions.daily-cron}", zoneId = "${tidings.editions.time-zone}")
    @SchedulerLock(name = "edition-daily")
    public void daily() {
        maker.make(Frequency.DAILY);
    }

    @Scheduled(cron = "${tidings.editions.weekly-cron}", zoneId = "${tidings.editions.time-zone}")
    @SchedulerLock(name = "edition-weekly")
    public void weekly() {
        maker.make(Frequency.WEEKLY);
    }
}
