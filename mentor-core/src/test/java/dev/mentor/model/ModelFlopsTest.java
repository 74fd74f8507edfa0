package dev.mentor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import dev.mentor.train.Learner;
import dev.mentor.train.OptimizerConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelFlopsTest {

    private static ModelSpec spec(String name, int channels, int size) {
        return new ModelSpec(name, channels, size, size, 10, -1, 0);
    }

    /**
     * cnn-small on 1×28×28 by hand: conv 1→32 3×3 at 28×28, pool to 14×14, conv 32→64 3×3 at 14×14,
     * pool to 7×7, linear 3136→128, linear 128→10.
     */
    @Test
    void cnnSmallMatchesTheHandCount() {
        ModelFlops flops = ModelFlops.of(spec("cnn-small", 1, 28));
        long conv1 = 2L * 1 * 32 * 3 * 3 * 28 * 28;     //    451,584
        long conv2 = 2L * 32 * 64 * 3 * 3 * 14 * 14;   //  7,225,344
        long hidden = 2L * 64 * 7 * 7 * 128;            //    802,816
        long head = 2L * 128 * 10;                      //      2,560
        assertEquals(451_584, conv1);
        assertEquals(7_225_344, conv2);
        assertEquals(802_816, hidden);
        List<Long> perLayer = flops.layers().stream()
                .filter(l -> l.kind() != ModelFlops.Kind.BATCH_NORM).map(ModelFlops.Layer::flops).toList();
        assertEquals(List.of(conv1, conv2, hidden, head), perLayer);
        assertEquals(8_482_304, flops.forwardFlops());
        assertEquals(3 * 8_482_304L, flops.trainingFlops());
    }

    /**
     * resnet-20 on 1×28×28 by hand: stem 1→16 (28²); stage 1: six 16→16 convs (28²); stages 2 and 3
     * each: a strided conv (C→2C), five 2C→2C convs and a 1×1 strided shortcut, at 14² and 7²; head 64→10.
     */
    @Test
    void resNet20MatchesTheHandCount() {
        long stem = 2L * 16 * 9 * 784;
        long stage1 = 6 * 2L * 16 * 16 * 9 * 784;
        long stage2 = 2L * 16 * 32 * 9 * 196 + 5 * 2L * 32 * 32 * 9 * 196 + 2L * 16 * 32 * 196;
        long stage3 = 2L * 32 * 64 * 9 * 49 + 5 * 2L * 64 * 64 * 9 * 49 + 2L * 32 * 64 * 49;
        long head = 2L * 64 * 10;
        assertEquals(62_043_904, stem + stage1 + stage2 + stage3 + head);
        assertEquals(62_043_904, ModelFlops.of(spec("resnet-20", 1, 28)).forwardFlops());
    }

    @Test
    void convolutionOutputSizeFollowsStrideAndPadding() {
        ModelFlops flops = ModelFlops.of(spec("wrn-28-2", 3, 32));
        ModelFlops.Layer last = flops.layers().stream()
                .filter(l -> l.kind() == ModelFlops.Kind.CONVOLUTION).reduce((a, b) -> b).orElseThrow();
        assertEquals(8, last.height());
        assertEquals(128, last.out());
    }

    /**
     * efficientnet-b0's forward FLOPs as src/test/python/efficientnet_reference.py counts them with
     * forward hooks on torchvision's model (adapted strides).
     */
    @ParameterizedTest
    @CsvSource({"1, 28, 196546208", "3, 32, 232334336"})
    void efficientNetMatchesTheTorchvisionCount(int channels, int size, long expected) {
        assertEquals(expected, ModelFlops.of(spec("efficientnet-b0", channels, size)).forwardFlops());
    }

    /** The analytic layer list describes the real model: same trainable parameter count. */
    @ParameterizedTest
    @CsvSource({"cnn-small, 1, 28", "resnet-20, 1, 28", "wrn-28-2, 1, 28", "resnet-20, 3, 32", "wrn-16-4, 3, 32",
        "efficientnet-b0, 1, 28", "efficientnet-b0, 3, 32"})
    void layerListHasTheParametersOfTheRealModel(String name, int channels, int size) {
        try (NDManager manager = NDManager.newBaseManager();
                Learner learner = Learner.create(spec(name, channels, size), OptimizerConfig.sgd(0), 0, manager, 1)) {
            assertEquals(learner.parameterCount(), ModelFlops.of(spec(name, channels, size)).parameters());
        }
    }
}
