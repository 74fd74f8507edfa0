package dev.mentor.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.mentor.MentorException;
import dev.mentor.augment.Augmentation;
import dev.mentor.augment.Policies;
import dev.mentor.data.ArrayImageSet;
import dev.mentor.data.ImageSets;
import dev.mentor.loop.TrainingLoop;
import dev.mentor.model.ModelSpec;
import dev.mentor.teacher.PseudoLabelTargets;
import dev.mentor.teacher.PseudoLabels;
import dev.mentor.testing.SyntheticData;
import dev.mentor.train.BatchStream;
import dev.mentor.train.EpochMetrics;
import dev.mentor.train.HostBatch;
import dev.mentor.train.Learner;
import dev.mentor.train.LoopConfig;
import dev.mentor.train.Normalization;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.Schedule;
import dev.mentor.train.TargetSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StudentTrainingTest {
    private static final ArrayImageSet LABELED = SyntheticData.squares(32, 4, 1, 16, 1);
    private static final ArrayImageSet POOL = SyntheticData.squares(96, 4, 1, 16, 5);
    private static final ModelSpec SPEC = new ModelSpec("cnn-small", 1, 16, 16, 4, -1, -1);
    private static final Normalization NORM = new Normalization(new float[] {0.3f}, new float[] {0.3f});

    /** Pseudo-labels from a "teacher" that knows the answer at 0.7 confidence. */
    private static PseudoLabels pseudoLabels() {
        float[] p = new float[POOL.size() * 4];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < POOL.size(); i++) {
            for (int c = 0; c < 4; c++) {
                p[i * 4 + c] = c == POOL.label(i) ? 0.7f : 0.1f;
            }
            ids.add(Integer.toString(i));
        }
        return new PseudoLabels(ids, p, 4);
    }

    private static int[] all(int n) {
        int[] positions = new int[n];
        for (int i = 0; i < n; i++) {
            positions[i] = i;
        }
        return positions;
    }

    @Test
    void thePseudoLabeledStreamCarriesTheTeachersTargetsAtTheRatio() {
        TargetSource targets = new PseudoLabelTargets(pseudoLabels(), all(POOL.size()), PseudoLabelTargets.Kind.SOFT);
        StudentTraining method = new StudentTraining("noisy-student", null, Augmentation.NONE, targets, 2.5);
        assertEquals(20, method.unlabeledBatchSize(8));
        BatchStream stream = new BatchStream(ImageSets.withoutLabels(POOL), method.unlabeledBatchSize(8), 3,
                method.unlabeledViews(), NORM, null, null, method.unlabeledAuxiliary());
        HostBatch batch = stream.batch(0);
        for (int j = 0; j < batch.size(); j++) {
            int label = POOL.label(batch.indices()[j]);
            assertEquals(0.7f, batch.auxiliary()[j * 4 + label]);
        }
        assertThrows(MentorException.class, () -> new StudentTraining("noisy-student", null, Augmentation.NONE, targets, 0));
    }

    @Test
    void trainingOnLabeledAndPseudoLabeledImagesLowersBothLosses() {
        try (NDManager manager = NDManager.newBaseManager();
                Learner learner = Learner.create(SPEC, OptimizerConfig.sgd(5e-4), 0, manager, 1)) {
            Augmentation noise = Policies.parse("weak", 16);
            TargetSource targets = new PseudoLabelTargets(pseudoLabels(), all(POOL.size()), PseudoLabelTargets.Kind.HARD);
            StudentTraining method = new StudentTraining("noisy-student", learner, noise, targets, 2);
            BatchStream labeled = new BatchStream(LABELED, 8, 1, List.of(noise), NORM, TargetSource.oneHot(LABELED));
            BatchStream pseudo = new BatchStream(ImageSets.withoutLabels(POOL), method.unlabeledBatchSize(8), 2,
                    method.unlabeledViews(), NORM, null, null, method.unlabeledAuxiliary());
            List<EpochMetrics> history = new TrainingLoop(new LoopConfig(6, 8, 1, 1), method, labeled, pseudo,
                    Schedule.constant(0.03), null, NORM, List.of(), null).run(null);
            for (String component : List.of("labeled", "pseudo")) {
                double start = history.get(0).components().get(component) + history.get(1).components().get(component);
                double end = history.get(4).components().get(component) + history.get(5).components().get(component);
                assertTrue(end < 0.7 * start, component + ": " + history);
            }
            EpochMetrics first = history.get(0);
            assertEquals(first.trainLoss(), first.components().get("labeled") + first.components().get("pseudo"), 1e-5);
        }
    }
}
