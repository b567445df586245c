package io.vaeexplorer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
}
