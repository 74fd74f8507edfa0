package dev.mentor.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.mentor.data.ArrayImageSet;
import dev.mentor.data.ImageSets;
import dev.mentor.model.ModelSpec;
import dev.mentor.testing.SyntheticData;
import dev.mentor.train.Learner;
import dev.mentor.train.Normalization;
import dev.mentor.train.OptimizerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The teacher labels un-noised: two labelings of one pool are identical even with heavy model noise. */
class PseudoLabelerTest {
    private static final ArrayImageSet POOL = SyntheticData.squares(40, 4, 1, 16, 3);
    private static final Normalization NORM = new Normalization(new float[] {0.3f}, new float[] {0.3f});

    @ParameterizedTest
    @ValueSource(strings = {"cnn-small", "resnet-20", "efficientnet-b0"})
    void twoLabelingsOfThePoolAreIdenticalWithDropoutAndStochasticDepthConfigured(String model) {
        ModelSpec noisy = new ModelSpec(model, 1, 16, 16, 4, 0.5, 0.5);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < POOL.size(); i++) {
            ids.add(Integer.toString(i));
        }
        try (NDManager manager = NDManager.newBaseManager();
                Learner teacher = Learner.create(noisy, OptimizerConfig.sgd(0), 0, manager, 1)) {
            // BatchNorm's running statistics move away from their initial values, as after training
            try (NDManager scope = manager.newSubManager()) {
                teacher.forward(scope.randomNormal(new Shape(8, 1, 16, 16)).mul(2).add(1), true);
            }
            PseudoLabeler labeler = new PseudoLabeler(teacher, NORM, 16);
            PseudoLabels first = labeler.label(ImageSets.withoutLabels(POOL), ids);
            PseudoLabels second = labeler.label(ImageSets.withoutLabels(POOL), ids);
            assertArrayEquals(first.probabilities(), second.probabilities());
            assertEquals(ids, first.ids());
            // the same model in training mode is noisy: the equality above is not vacuous
            try (NDManager scope = manager.newSubManager()) {
                var x = scope.randomNormal(new Shape(8, 1, 16, 16));
                assertFalse(Arrays.equals(teacher.forward(x, true).get(0).toFloatArray(),
                        teacher.forward(x, true).get(0).toFloatArray()));
            }
        }
    }
}
