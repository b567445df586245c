package io.vaeexplorer.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import io.vaeexplorer.core.WindowState;
import java.util.List;
import javafx.geometry.Dimension2D;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** Where the window opens, for the screens there are: plain geometry, no toolkit. */
class WindowPlacementTest {

    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1280, 720);
    private static final Rectangle2D DESK = new Rectangle2D(0, 0, 1920, 1040); // a task bar takes 40 px
    private static final Rectangle2D RIGHT_OF_DESK = new Rectangle2D(1920, 0, 1600, 900);

    @Test
    void aFirstLaunchOnALaptopScreenFillsItInsteadOfSpillingOver() {
        assertEquals(LAPTOP, WindowPlacement.bounds(null, LAPTOP, List.of(LAPTOP)));
        assertEquals(new Dimension2D(900, 600), WindowPlacement.minimumSize(LAPTOP));
    }

    @Test
    void aFirstLaunchOnALargeScreenGetsTheDefaultSizeCentred() {
        assertEquals(new Rectangle2D(260, 70, 1400, 900), WindowPlacement.bounds(null, DESK, List.of(DESK)));
    }

    @Test
    void aScreenSmallerThanTheMinimumMakesTheMinimumTheScreen() {
        Rectangle2D tiny = new Rectangle2D(0, 0, 800, 560);
        assertEquals(new Dimension2D(800, 560), WindowPlacement.minimumSize(tiny));
        assertEquals(tiny, WindowPlacement.bounds(null, tiny, List.of(tiny)));
    }

    @Test
    void aRememberedPlaceOnAScreenIsKept() {
        WindowState.Bounds saved = new WindowState.Bounds(100, 50, 1200, 800);
        assertEquals(new Rectangle2D(100, 50, 1200, 800), WindowPlacement.bounds(saved, DESK, List.of(DESK)));
        WindowState.Bounds onTheRight = new WindowState.Bounds(2000, 40, 1000, 700);
        assertEquals(new Rectangle2D(2000, 40, 1000, 700),
                WindowPlacement.bounds(onTheRight, DESK, List.of(DESK, RIGHT_OF_DESK)));
    }

    @Test
    void aWindowLeftOnAScreenThatIsGoneOpensCentredOnThePrimaryOne() {
        WindowState.Bounds onTheRight = new WindowState.Bounds(2000, 40, 1000, 700);
        assertEquals(new Rectangle2D(460, 170, 1000, 700), WindowPlacement.bounds(onTheRight, DESK, List.of(DESK)));
        // and a size from a larger screen shrinks to the laptop's
        WindowState.Bounds large = new WindowState.Bounds(-3000, 0, 1800, 1000);
        assertEquals(LAPTOP, WindowPlacement.bounds(large, LAPTOP, List.of(LAPTOP)));
    }

    @Test
    void aWindowHalfOffItsScreenIsPulledOntoItAndFittedToIt() {
        WindowState.Bounds hanging = new WindowState.Bounds(1000, -30, 1400, 900);
        assertEquals(new Rectangle2D(0, 0, 1280, 720), WindowPlacement.bounds(hanging, LAPTOP, List.of(LAPTOP)));
        WindowState.Bounds offRight = new WindowState.Bounds(1500, 500, 1000, 700);
        assertEquals(new Rectangle2D(920, 340, 1000, 700), WindowPlacement.bounds(offRight, DESK, List.of(DESK)));
    }

    @Test
    void aRememberedSizeBelowTheMinimumGrowsToIt() {
        WindowState.Bounds small = new WindowState.Bounds(10, 10, 300, 200);
        assertEquals(new Rectangle2D(10, 10, 900, 600), WindowPlacement.bounds(small, DESK, List.of(DESK)));
    }
}
