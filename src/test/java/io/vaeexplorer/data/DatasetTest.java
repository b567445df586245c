package io.vaeexplorer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {

    private static LabeledImages images(int count) {
        return new LabeledImages(count, 2, 3, new byte[count * 6], new byte[count]);
    }

    @Test
    void trainLimitKeepsTestAndNames() {
        LabeledImages train = images(4);
        LabeledImages test = images(1);
        Dataset data = new Dataset("tiny", train, test, List.of("a", "b"));
        assertEquals(2, data.rows());
        assertEquals(3, data.cols());
        assertSame(data, data.withTrainLimit(0));
        Dataset limited = data.withTrainLimit(3);
        assertEquals(3, limited.train().count());
        assertSame(test, limited.test());
        assertEquals("tiny", limited.name());
        assertEquals(List.of("a", "b"), limited.classNames());
        assertThrows(IllegalArgumentException.class, () -> new Dataset("mixed", train,
                new LabeledImages(1, 3, 2, new byte[6], new byte[1]), List.of()));
    }

    @Test
    void onlyGrey28By28ImagesOfTheClasses0To9AreDigitsAndNamedSo() {
        List<String> tenDigits = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        LabeledImages grey = new LabeledImages(2, 28, 28, new byte[2 * 784], new byte[2]);
        Dataset digits = new Dataset("mnist", grey, grey, tenDigits);
        assertTrue(digits.digits());
        assertEquals("digit", digits.imageWord());
        assertEquals("digit", digits.classWord());

        Dataset clothes = new Dataset("fashion", grey, grey, List.of("T-shirt", "Trouser", "Pullover", "Dress",
                "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Boot"));
        LabeledImages colour = new LabeledImages(2, 3, 28, 28, new byte[2 * 3 * 784], new byte[2]);
        LabeledImages larger = new LabeledImages(2, 32, 32, new byte[2 * 1024], new byte[2]);
        for (Dataset other : List.of(clothes, new Dataset("colour", colour, colour, tenDigits),
                new Dataset("larger", larger, larger, tenDigits), new Dataset("plain", grey, grey, List.of()))) {
            assertFalse(other.digits(), other.name());
            assertEquals("image", other.imageWord(), other.name());
            assertEquals("class", other.classWord(), other.name());
        }
    }

    @Test
    void aConditionalModelIsToldEveryClassAndRefusedWithoutTwoOfThem() {
        LabeledImages images = images(3);
        assertEquals(3, new Dataset("abc", images, images, List.of("a", "b", "c")).conditionClasses());
        IllegalArgumentException unlabelled = assertThrows(IllegalArgumentException.class,
                () -> new Dataset("holiday", images, images, List.of()).conditionClasses());
        assertEquals("a conditional model needs labelled pictures, but holiday has no classes (put the pictures in"
                + " one sub-folder per class)", unlabelled.getMessage());
        IllegalArgumentException single = assertThrows(IllegalArgumentException.class,
                () -> new Dataset("cats", images, images, List.of("cat")).conditionClasses());
        assertTrue(single.getMessage().contains("at least two classes"), single.getMessage());
    }
}
