package dev.mentor.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.mentor.MentorException;
import dev.mentor.model.TorchReference.Mapped;
import dev.mentor.model.TorchReference.Role;
import dev.mentor.train.Learner;
import dev.mentor.train.NamedParameter;
import dev.mentor.train.OptimizerConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reference state_dicts against the models Mentor builds: every parameter placed, with its shape. */
class TorchReferenceTest {
    private static ModelSpec spec(String architecture, int channels, int size, double dropout) {
        return new ModelSpec(architecture, channels, size, size, 5, dropout, 0);
    }

    /** Builds the model, maps its weights and checks each DJL parameter's shape against its key's. */
    private static Map<String, Mapped> mapBuilt(ModelSpec spec) {
        try (NDManager manager = NDManager.newBaseManager();
                Learner learner = Learner.create(spec, OptimizerConfig.sgd(0), 0, manager, 0)) {
            Map<String, Mapped> mapped = TorchReference.map(spec, learner.weights(), "model.ckpt");
            List<Mapped> withValues = mapped.values().stream().filter(m -> m.mentorName() != null).toList();
            List<NamedParameter> parameters = learner.parameters();
            assertEquals(parameters.size(), withValues.size(), spec.architecture());
            for (int i = 0; i < parameters.size(); i++) {
                assertEquals(parameters.get(i).name(), withValues.get(i).mentorName());
                assertArrayEquals(parameters.get(i).parameter().getArray().getShape().getShape(), withValues.get(i).entry().shape(),
                        parameters.get(i).name() + " -> " + withValues.get(i).entry().key());
            }
            return mapped;
        }
    }

    @Test
    void cnnSmallMapsOntoTheSequentialOfTheReferenceWhateverItsDropout() {
        for (double dropout : new double[] {-1, 0, 0.5}) {
            Map<String, Mapped> mapped = mapBuilt(spec("cnn-small", 1, 16, dropout));
            assertEquals(List.of("f.0.weight", "f.0.bias", "f.1.weight", "f.1.bias", "f.1.running_mean", "f.1.running_var",
                    "f.1.num_batches_tracked", "f.4.weight", "f.4.bias", "f.5.weight", "f.5.bias", "f.5.running_mean",
                    "f.5.running_var", "f.5.num_batches_tracked", "f.10.weight", "f.10.bias", "f.12.weight", "f.12.bias"),
                    List.copyOf(mapped.keySet()));
            assertArrayEquals(new long[] {128, 64 * 4 * 4}, mapped.get("f.10.weight").entry().shape());
            assertEquals("01trunk_02BatchNorm2d_runningMean", mapped.get("f.1.running_mean").mentorName());
            assertEquals("03head_weight", mapped.get("f.12.weight").mentorName());
            assertNull(mapped.get("f.5.num_batches_tracked").values());
        }
        Map<String, Mapped> rgb = mapBuilt(spec("cnn-small", 3, 30, -1));
        assertArrayEquals(new long[] {32, 3, 3, 3}, rgb.get("f.0.weight").entry().shape());
        assertArrayEquals(new long[] {128, 64 * 7 * 7}, rgb.get("f.10.weight").entry().shape());
    }

    @Test
    void resNet20MapsStemLayersShortcutsAndHead() {
        Map<String, Mapped> mapped = mapBuilt(spec("resnet-20", 1, 16, -1));
        assertEquals("01trunk_01Conv2d_weight", mapped.get("stem.0.weight").mentorName());
        assertEquals("01trunk_04ResidualUnit_01conv1_weight", mapped.get("layers.0.c1.weight").mentorName());
        assertEquals("01trunk_07ResidualUnit_05shortcutConv_weight", mapped.get("layers.3.sc.0.weight").mentorName());
        assertEquals("01trunk_10ResidualUnit_06shortcutBn_runningVar", mapped.get("layers.6.sc.1.running_var").mentorName());
        assertFalse(mapped.containsKey("layers.1.sc.0.weight"));
        assertEquals("03head_bias", mapped.get("fc.bias").mentorName());
        assertEquals(21 * 6 + 2, mapped.size(), "21 conv+BN pairs (stem, 18 in units, 2 projection shortcuts) and fc");
    }

    @Test
    void wideResNetsMapBlocksWithAndWithoutProjection() {
        Map<String, Mapped> wide = mapBuilt(spec("wrn-10-2", 1, 16, -1));
        assertEquals("01trunk_02WideUnit_05shortcut_weight", wide.get("blocks.0.sc.weight").mentorName());
        assertEquals("01trunk_05BatchNorm2d_gamma", wide.get("bn.weight").mentorName());
        Map<String, Mapped> narrow = mapBuilt(spec("wrn-16-1", 3, 16, -1));
        assertFalse(narrow.containsKey("blocks.0.sc.weight"), "16 -> 16 at stride 1 is an identity shortcut");
        assertTrue(narrow.containsKey("blocks.2.sc.weight"));
        assertEquals(Role.NORM_WEIGHT, narrow.get("blocks.5.bn2.weight").entry().role());
    }

    @Test
    void refusesWeightsOfAnotherLayout() {
        Map<String, float[]> resnet;
        try (NDManager manager = NDManager.newBaseManager();
                Learner learner = Learner.create(spec("resnet-20", 1, 16, -1), OptimizerConfig.sgd(0), 0, manager, 0)) {
            resnet = learner.weights();
        }
        MentorException wrong = assertThrows(MentorException.class,
                () -> TorchReference.map(spec("cnn-small", 1, 16, -1), resnet, "run/model.ckpt"));
        assertTrue(wrong.getMessage().startsWith("run/model.ckpt: ") && wrong.getMessage().contains("mapping version 1"),
                wrong.getMessage());
        Map<String, float[]> extra = new LinkedHashMap<>(resnet);
        extra.put("04extra_weight", new float[3]);
        assertThrows(MentorException.class, () -> TorchReference.map(spec("resnet-20", 1, 16, -1), extra, "m"));
        Map<String, float[]> missing = new LinkedHashMap<>(resnet);
        missing.remove(new ArrayList<>(resnet.keySet()).get(resnet.size() - 1));
        assertThrows(MentorException.class, () -> TorchReference.map(spec("resnet-20", 1, 16, -1), missing, "m"));
        MentorException other = assertThrows(MentorException.class,
                () -> TorchReference.map(spec("efficientnet-b0", 3, 32, -1), resnet, "m"));
        assertTrue(other.getMessage().contains("efficientnet-b0"), other.getMessage());
        for (String forged : new String[] {"wrn-99999999999-2", "wrn-11-2", "wrn-28-0", "wrn-4-1"}) {
            assertFalse(TorchReference.supports(forged), forged);
            assertThrows(MentorException.class, () -> TorchReference.map(spec(forged, 1, 16, -1), resnet, "m"));
        }
    }
}
