package dev.mentor.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import dev.mentor.augment.Augmentation;
import dev.mentor.loss.Losses;
import dev.mentor.ndarray.NativeArrays;
import dev.mentor.teacher.CachedOutputs;
import dev.mentor.train.Learner;
import dev.mentor.train.StepContext;
import dev.mentor.train.TargetSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reduced Meta Pseudo Labels (Pham et al., CVPR 2021, appendix): a large teacher, trained before and
 * frozen, is run once over every labeled and unlabeled image (un-augmented) and its logits are kept
 * ({@link dev.mentor.teacher.TeacherCache}); they ride along with the batches, and a small MLP
 * adjusts their log-probabilities {@code a(x)},
 * <pre>
 *   z'(x) = a(x) + MLP(a(x))
 * </pre>
 * and is trained as the MPL teacher in the large one's place: CE on the (smoothed) labels plus the
 * MPL term. The MLP's head starts at zero, so the reduced teacher starts as the large teacher
 * exactly and learns only corrections. There is no consistency term (the frozen outputs do not
 * depend on the view); the student learns the arg-max of z' on the strong view of each image.
 * Components: {@code teacher_ce} and {@code changed_ratio}, the fraction of the step's unlabeled
 * images whose pseudo-label differs from the large teacher's.
 */
public final class ReducedTeacher implements MplTeacher {
    private final Learner mlp;
    private final CachedOutputs outputs;
    private final ConsistencyConfig views;
    private final float labelSmoothing;

    /**
     * Zeroes the MLP's head.
     *
     * @param mlp a {@link Learner#custom} MLP from {@code classes} inputs to {@code classes} outputs
     * @param outputs the large teacher's logits of the labeled set and of the unlabeled pool, by index
     * @param views the unlabeled views (only the strong one is used) and μ
     */
    public ReducedTeacher(Learner mlp, CachedOutputs outputs, ConsistencyConfig views, double labelSmoothing) {
        if (outputs.unlabeled() == null || outputs.labeled().classes() != outputs.unlabeled().classes()) {
            throw new IllegalArgumentException("Reduced MPL needs the large teacher's logits of both sets, of one class count");
        }
        this.mlp = mlp;
        this.outputs = outputs;
        this.views = views;
        this.labelSmoothing = (float) labelSmoothing;
        for (Parameter p : mlp.model().head().getParameters().values()) {
            NDArray array = p.getArray();
            NativeArrays.assign(array, new float[(int) array.size()]);
        }
    }

    @Override
    public Learner learner() {
        return mlp;
    }

    /** The strong view alone: the MLP reads frozen outputs, so it needs no view of its own. */
    @Override
    public List<Augmentation> unlabeledViews(int width) {
        return List.of(views.views(width).get(1));
    }

    @Override
    public TargetSource labeledAuxiliary() {
        return outputs.labeled();
    }

    @Override
    public TargetSource unlabeledAuxiliary() {
        return outputs.unlabeled();
    }

    @Override
    public Pass forward(StepContext context) {
        int b = context.labeledBatch().size();
        NDArray frozen = context.labeledAuxiliary().concat(context.unlabeledAuxiliary(), 0).logSoftmax(1);
        NDArray adjusted = frozen.add(mlp.forward(frozen, true).get(0));
        NDArray labeledLogits = adjusted.get("0:" + b);
        NDArray unlabeledLogits = adjusted.get(b + ":");
        NDArray loss = Losses.softCrossEntropy(labeledLogits, Losses.smoothed(context.labeledTargets(), labelSmoothing));
        NDArray changed = unlabeledLogits.stopGradient().argMax(1).neq(frozen.get(b + ":").argMax(1))
                .toType(DataType.FLOAT32, false).mean();
        Map<String, Float> components = new LinkedHashMap<>();
        components.put("teacher_ce", loss.getFloat());
        components.put("changed_ratio", changed.getFloat());
        return new Pass(loss, unlabeledLogits, components);
    }
}
