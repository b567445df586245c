package io.vaeexplorer.ui.plane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.Test;

class TrainingTimelineTest {

    private static TrainingTimeline.Frame at(long step) {
        return new TrainingTimeline.Frame(step, null, null);
    }

    @Test
    void keepsFramesInStepOrderAndIgnoresRepeats() {
        TrainingTimeline timeline = new TrainingTimeline(10);
        timeline.add(at(5));
        timeline.add(at(5));
        timeline.add(at(3));
        timeline.add(at(9));
        assertEquals(2, timeline.frames().size());
        assertEquals(9, timeline.frames().get(1).step());
    }

    @Test
    void staysBoundedAndKeepsTheFirstAndTheRecentFramesWhenFull() {
        TrainingTimeline timeline = new TrainingTimeline(8);
        for (long step = 1; step <= 100; step++) {
            timeline.add(at(step));
            assertTrue(timeline.frames().size() <= 8);
        }
        assertEquals(1, timeline.frames().get(0).step(), "the run's first moment survives thinning");
        assertEquals(100, timeline.frames().get(timeline.frames().size() - 1).step());
        assertEquals(99, timeline.frames().get(timeline.frames().size() - 2).step(), "recent frames stay dense");
        for (int i = 1; i < timeline.frames().size(); i++) {
            assertTrue(timeline.frames().get(i).step() > timeline.frames().get(i - 1).step());
        }
    }
}
