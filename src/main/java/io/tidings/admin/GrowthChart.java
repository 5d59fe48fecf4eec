package io.tidings.admin;

import java.util.ArrayList;
import java.util.List;

/**
 * The overview's chart as SVG coordinates, so the template only places shapes: confirmations per day
 * rise above the axis, unsubscribes hang below it, both on one scale so they compare honestly.
 */
record GrowthChart(int width, int height, int axis, long top, List<Bar> bars, String firstDay, String lastDay,
                   long confirmed, long unsubscribed) {

    private static final int SLOT = 20;
    private static final int LEFT = 36;
    private static final int HALF = 100;
    private static final int MARGIN = 12;

    /** One day's bars: where they stand, and the numbers they stand for. */
    record Bar(int x, int upY, int up, int down, AdminStats.Day day) {
    }

    static GrowthChart of(List<AdminStats.Day> days) {
        long top = Math.max(1, days.stream().mapToLong(day -> Math.max(day.confirmed(), day.unsubscribed())).max().orElse(1));
        int axis = MARGIN + HALF;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            AdminStats.Day day = days.get(i);
            int up = (int) Math.round(HALF * (double) day.confirmed() / top);
            int down = (int) Math.round(HALF * (double) day.unsubscribed() / top);
            bars.add(new Bar(LEFT + i * SLOT + 3, axis - up, up, down, day));
        }
        return new GrowthChart(LEFT + days.size() * SLOT + 4, axis + HALF + 2 * MARGIN, axis, top, bars,
                days.get(0).day().toString(), days.get(days.size() - 1).day().toString(),
                days.stream().mapToLong(AdminStats.Day::confirmed).sum(),
                days.stream().mapToLong(AdminStats.Day::unsubscribed).sum());
    }
}
