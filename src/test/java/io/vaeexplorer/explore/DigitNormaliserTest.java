package io.vaeexplorer.explore;

import static io.vaeexplorer.explore.DigitNormaliser.SIZE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DigitNormaliserTest {

    private static final int PAD = 280;
    private static final double FRAME_CENTRE = (SIZE - 1) / 2.0;

    @Test
    void anEmptyPadGivesAnAllZeroImage() {
        assertArrayEquals(new float[SIZE * SIZE], DigitNormaliser.normalise(new float[PAD * PAD], PAD, PAD));
        // fringes fainter than half a grey level are paper, not a one-pixel digit blown up to 20 x 20
        float[] faint = new float[PAD * PAD];
        faint[PAD * 7 + 9] = 0.001f;
        assertArrayEquals(new float[SIZE * SIZE], DigitNormaliser.normalise(faint, PAD, PAD));
    }

    @Test
    void aCentredSquareBecomesTheMiddleTwentyByTwenty() {
        float[] out = DigitNormaliser.normalise(rect(100, 100, 80, 80, 1f), PAD, PAD);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                boolean inside = x >= 4 && x < 24 && y >= 4 && y < 24;
                assertEquals(inside ? 1f : 0f, out[y * SIZE + x], 1e-5, "(" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void aStrokeInACornerEndsInTheMiddleAsTheSameSquareDrawnThere() {
        float[] corner = DigitNormaliser.normalise(rect(0, 230, 50, 50, 1f), PAD, PAD);
        float[] middle = DigitNormaliser.normalise(rect(115, 115, 50, 50, 1f), PAD, PAD);
        assertArrayEquals(middle, corner, 1e-6f, "only the ink's shape matters, not where on the pad it was");
        double[] com = DigitNormaliser.centreOfMass(corner, SIZE, SIZE);
        assertEquals(FRAME_CENTRE, com[0], 1e-4);
        assertEquals(FRAME_CENTRE, com[1], 1e-4);
    }

    @Test
    void theCentreOfMassNotTheBoxIsCentred() {
        // a "7": thin bar on top, thick stem on the right: the mass sits right of and below the box's centre
        float[] drawing = rect(60, 40, 160, 20, 1f);
        add(drawing, rect(200, 60, 20, 180, 1f));
        float[] out = DigitNormaliser.normalise(drawing, PAD, PAD);

        double[] com = DigitNormaliser.centreOfMass(out, SIZE, SIZE);
        assertEquals(FRAME_CENTRE, com[0], 0.05);
        assertEquals(FRAME_CENTRE, com[1], 0.05);
        // 160 x 200 scales to 16 x 20; centring the box would start it at (6, 4), centring the mass moves it
        // to (2.3, 7.7): ink from column 2 and row 7
        int[] box = inkBox(out);
        assertEquals(2, box[0]);
        assertEquals(7, box[1]);
        assertEquals(18, box[2]);
        assertEquals(27, box[3]);
    }

    @Test
    void aShapeTooLopsidedToCentreKeepsAllItsInkInTheFrame() {
        // a top-heavy "F" without its middle bar: centring this mass would start the 20-px box at row 10,
        // its bottom 2 px out of the frame
        float[] drawing = rect(60, 40, 160, 40, 1f);
        add(drawing, rect(60, 80, 10, 160, 1f));
        float[] out = DigitNormaliser.normalise(drawing, PAD, PAD);
        assertEquals(sum(drawing) / 100.0, sum(out), 1e-3, "no ink lost");
        int[] box = inkBox(out);
        assertEquals(8, box[1]);
        assertEquals(SIZE - 1, box[3]);
        assertEquals(FRAME_CENTRE - 2, DigitNormaliser.centreOfMass(out, SIZE, SIZE)[1], 0.05, "as near as fits");
    }

    @Test
    void theAspectRatioIsKeptAndTheLongerSideIsTwenty() {
        // 40 x 160: scale 1/8 gives 5 x 20
        float[] tall = DigitNormaliser.normalise(rect(120, 60, 40, 160, 1f), PAD, PAD);
        for (int y = 0; y < SIZE; y++) {
            assertEquals(y >= 4 && y < 24 ? 5.0 : 0.0, rowMass(tall, y), 1e-4, "row " + y);
        }
        int[] box = inkBox(tall);
        assertEquals(6, box[2] - box[0] + 1, "5 wide, straddling 6 columns with half pixels at the edges");
        assertEquals(0.5f, tall[14 * SIZE + box[0]], 1e-5);
        assertEquals(1f, tall[14 * SIZE + box[0] + 1], 1e-5);

        float[] wide = DigitNormaliser.normalise(rect(20, 100, 240, 72, 1f), PAD, PAD);
        int[] wideBox = inkBox(wide);
        assertEquals(4, wideBox[0]);
        assertEquals(23, wideBox[2]);
        assertEquals(6, wideBox[3] - wideBox[1] + 1, "240 x 72 scales to 20 x 6");
    }

    @Test
    void downscalingAveragesAreasSoThinLinesTurnGreyAndMassScalesWithArea() {
        // a 2-px line 200 px long: scale 1/10, 0.2 px thick: grey, not a hard black-and-white line
        float[] drawing = rect(40, 139, 200, 2, 1f);
        float[] out = DigitNormaliser.normalise(drawing, PAD, PAD);
        float max = 0;
        for (float v : out) {
            max = Math.max(max, v);
        }
        assertTrue(max > 0.05f && max < 0.25f, "max " + max);
        assertEquals(sum(drawing) / 100.0, sum(out), 1e-3, "mass times scale squared");
    }

    @Test
    void valuesStayInZeroOneWhateverComesIn() {
        Random random = new Random(5);
        float[] drawing = new float[PAD * PAD];
        for (int i = 0; i < drawing.length; i++) {
            drawing[i] = random.nextFloat() * 3 - 1;
        }
        float[] out = DigitNormaliser.normalise(drawing, PAD, PAD);
        assertEquals(SIZE * SIZE, out.length);
        float max = 0;
        for (float v : out) {
            assertTrue(v >= 0 && v <= 1, "value " + v);
            max = Math.max(max, v);
        }
        assertTrue(max > 0.5f, "ink over 1 is clamped to 1 before averaging, max " + max);
        // a dot smaller than the box is scaled up, still within [0, 1]
        float[] dot = DigitNormaliser.normalise(rect(10, 10, 3, 3, 0.8f), PAD, PAD);
        for (float v : dot) {
            assertTrue(v >= 0 && v <= 0.8f + 1e-6f, "value " + v);
        }
    }

    @Test
    void badInputIsRefusedWithAMessage() {
        assertThrows(IllegalArgumentException.class, () -> DigitNormaliser.normalise(new float[10], 3, 3));
        float[] nan = new float[9];
        nan[4] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DigitNormaliser.normalise(nan, 3, 3));
        assertTrue(e.getMessage().contains("(1, 1)"), e.getMessage());
    }

    static float[] rect(int x0, int y0, int w, int h, float v) {
        float[] d = new float[PAD * PAD];
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                d[y * PAD + x] = v;
            }
        }
        return d;
    }

    private static void add(float[] into, float[] other) {
        for (int i = 0; i < into.length; i++) {
            into[i] = Math.max(into[i], other[i]);
        }
    }

    private static double sum(float[] a) {
        double s = 0;
        for (float v : a) {
            s += v;
        }
        return s;
    }

    private static double rowMass(float[] img, int y) {
        double s = 0;
        for (int x = 0; x < SIZE; x++) {
            s += img[y * SIZE + x];
        }
        return s;
    }

    /** {minX, minY, maxX, maxY} of the non-zero pixels. */
    private static int[] inkBox(float[] img) {
        int[] box = {SIZE, SIZE, -1, -1};
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                if (img[y * SIZE + x] > 1e-6f) {
                    box[0] = Math.min(box[0], x);
                    box[1] = Math.min(box[1], y);
                    box[2] = Math.max(box[2], x);
                    box[3] = Math.max(box[3], y);
                }
            }
        }
        return box;
    }
}
