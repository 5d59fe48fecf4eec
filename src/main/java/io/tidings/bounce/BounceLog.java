package io.tidings.bounce;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.List;

/** STAND-IN for bounce-core's class (BOUNCE-API.md); removed when the real pipeline is merged. */
@Singleton
public class BounceLog {
    @Transactional
    public List<Outcome> record(List<Report> reports) {
        return reports.stream().<Outcome>map(report -> new Outcome.Ignored("stand-in")).toList();
    }
}
