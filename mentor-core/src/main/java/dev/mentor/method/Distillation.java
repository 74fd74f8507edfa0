package dev.mentor.method;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import dev.mentor.MentorException;
import dev.mentor.OptionText;
import dev.mentor.augment.Augmentation;
import dev.mentor.loss.Losses;
import dev.mentor.ndarray.Scalars;
import dev.mentor.teacher.CachedOutputs;
import dev.mentor.teacher.Teacher;
import dev.mentor.train.Learner;
import dev.mentor.train.StepContext;
import dev.mentor.train.StepResult;
import dev.mentor.train.TargetSource;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Knowledge distillation (Hinton et al., 2015) with optional hint (FitNets, Romero et al., 2015) and
 * attention-transfer (Zagoruyko &amp; Komodakis, 2017) terms. On labeled images
 * <pre>
 *   L = α·T²·KL(softmax(t/T) ‖ softmax(s/T)) + (1 − α)·CE(y, s)
 * </pre>
 * and on unlabeled images the distillation term alone, weighted by {@code unlabeledWeight}. Hint and
 * attention terms are added to this, weighted by their own weights; without the logit term (hints or
 * attention alone) the CE keeps its full weight, as in FitNets' second stage and attention transfer
 * (L = CE + β/2·AT) — α weighs the logit term against CE only when there is one. The
 * teacher runs frozen on the student's augmented view — or, with cached outputs
 * ({@link dev.mentor.teacher.TeacherCache}), its logits were computed once on the un-augmented images
 * and ride along with each batch, while the student still sees its augmented view (logits only: hints
 * and attention need the teacher's live maps). Hints pass the student's feature map through a
 * learned 1×1 adapter to the teacher's channels (trained jointly, saved in checkpoints, not deployed).
 */
public final class Distillation implements Method {
    /** Built by {@code dev.mentor.run.DistillFactory}, which loads the teacher or reads its cached outputs. */
    public static final MethodDescriptor<RunOptions> DESCRIPTOR = new MethodDescriptor<>("distill",
            "a student learns a teacher's softened outputs on labeled and unlabeled images",
            Set.of(MethodDescriptor.Trait.UNLABELED, MethodDescriptor.Trait.TEACHER), RunOptions.class, null,
            new MethodDescriptor.Recipe(MethodDescriptor.Recipe.STEPS, StudentTraining.NOISY_STUDENT, false,
                    "the Noisy Student's student, distilled (T = 4) into a fresh model on labeled and unlabeled images"));

    /**
     * What {@code method.json} keeps of a distillation run's options, for {@code --resume} (runs saved before {@code
     * teacherLabels} or {@code sparkLabels} read them as null).
     *
     * @param teacher the teacher: a finished run, a TorchScript or an ONNX file
     * @param teacherMean the per-channel mean a model-file teacher expects its inputs normalised with, or null
     * @param teacherStd the per-channel std to go with it, or null
     * @param method the distillation loss's options
     * @param cacheTeacher whether the teacher's logits are computed once and kept on disk
     * @param teacherCacheDir where they are kept, or null for the default
     * @param teacherLabels the artifact the pool's logits come from: given, or where {@code sparkLabels} labels the pool
     * @param sparkLabels how the pool was labeled on Spark into {@code teacherLabels}; null when it was not
     */
    public record RunOptions(String teacher, List<Float> teacherMean, List<Float> teacherStd, Options method,
            boolean cacheTeacher, String teacherCacheDir, String teacherLabels, SparkLabels sparkLabels) {}

    /**
     * The Spark job that labels a distillation run's pool: its master, images per shard, engine threads per executor (0:
     * its cores) and Spark settings, for {@code --resume} to finish the same job.
     */
    public record SparkLabels(String master, int shardSize, int threads, Map<String, String> settings) {}

    /** The knowledge transferred. */
    public enum Kind { LOGITS, FEATURES, ATTENTION }

    /**
     * @param temperature T of the softened distributions
     * @param alpha weight α of the distillation term on labeled images
     * @param unlabeledWeight weight of the distillation term on unlabeled images (0: labeled only)
     * @param kinds what is distilled
     * @param hintWeight weight of the FitNets hint loss
     * @param attentionWeight weight β of attention transfer (the paper's β/2 with β = 1000)
     * @param normalized whether the loss is divided by {@link #gradientScale()}, so one step moves the
     *     student about as far as a step of plain cross-entropy at the same rate (null, in an older
     *     run's method.json: false)
     */
    public record Options(double temperature, double alpha, double unlabeledWeight, Set<Kind> kinds,
            double hintWeight, double attentionWeight, Boolean normalized) {
        /** The paper's loss, not normalized (the components before {@code normalized} existed). */
        public Options(double temperature, double alpha, double unlabeledWeight, Set<Kind> kinds, double hintWeight,
                double attentionWeight) {
            this(temperature, alpha, unlabeledWeight, kinds, hintWeight, attentionWeight, false);
        }

        /**
         * How much stronger than one cross-entropy the logit terms can pull on the student's logits: the
         * gradient of T²·KL at temperature T is T·(q_s − q_t), up to T times cross-entropy's (p − y), so
         * with the defaults (T = 4, α = 0.9, the pool at weight 1) (1 − α) + α·T + w_u·T = 7.7. At lr 0.05
         * that is a rate of about 0.4 for a fresh student: on 200 labels (80 steps) it collapsed to 42-51%
         * against 73% for training alone; divided by 7.7, the same run reached 76.5% (docs/RESULTS.md,
         * issue 17). 1 when there is no logit term.
         */
        public double gradientScale() {
            if (!kinds.contains(Kind.LOGITS)) {
                return 1;
            }
            return (1 - alpha) + alpha * temperature + unlabeledWeight * temperature;
        }

        public Options {
            if (!(temperature > 0) || Double.isInfinite(temperature)) {
                throw MentorException.of("temperature", "must be > 0, got " + temperature);
            }
            if (!(alpha >= 0 && alpha <= 1)) {
                throw MentorException.of("alpha", "must be in [0, 1], got " + alpha);
            }
            if (!(unlabeledWeight >= 0) || !(hintWeight >= 0) || !(attentionWeight >= 0)) {
                throw MentorException.naming("{}, {}, {}: must be >= 0, got " + unlabeledWeight + ", " + hintWeight + ", " + attentionWeight,
                        "unlabeled_weight", "hint_weight", "attention_weight");
            }
            if (kinds.isEmpty()) {
                throw MentorException.of("distill", "name at least one of logits, features, attention");
            }
            kinds = Set.copyOf(EnumSet.copyOf(kinds));
        }
    }

    private final Learner student;
    private final Teacher teacher;
    private final Options options;
    private final Augmentation policy;
    private final Block adapter;
    private final CachedOutputs cached;

    /**
     * @param policy the augmentation of the student's view, also used for unlabeled images
     */
    public Distillation(Learner student, Teacher teacher, Options options, Augmentation policy) {
        this(student, teacher, options, policy, null);
    }

    /**
     * @param cached the teacher's logits for the labeled set (and the unlabeled pool when
     *     {@code unlabeledWeight} > 0), computed before training; null to run the teacher live
     */
    public Distillation(Learner student, Teacher teacher, Options options, Augmentation policy, CachedOutputs cached) {
        if (cached != null && !options.kinds().equals(Set.of(Kind.LOGITS))) {
            throw MentorException.of("cache_teacher", OptionText.naming("only logits can be cached; {} features and attention need the teacher's "
                    + "live feature maps", "distill"));
        }
        if (cached != null && options.unlabeledWeight() > 0 && cached.unlabeled() == null) {
            throw new IllegalArgumentException("distilling unlabeled images from cached outputs needs the pool's logits cached too");
        }
        if (teacher.classes() != student.spec().classes()) {
            throw MentorException.of("teacher", teacher.describe() + " predicts " + teacher.classes()
                    + " classes, the data has " + student.spec().classes());
        }
        boolean maps = options.kinds().contains(Kind.FEATURES) || options.kinds().contains(Kind.ATTENTION);
        if (maps && !(teacher.exposesFeatureMap() && student.model().exposesFeatureMap())) {
            throw MentorException.of("distill", "features and attention need feature maps from both models; "
                    + teacher.describe() + " or the student's architecture does not expose one");
        }
        this.student = student;
        this.teacher = teacher;
        this.options = options;
        this.policy = policy;
        this.cached = cached;
        if (options.kinds().contains(Kind.FEATURES)) {
            Shape studentMap = studentMapShape();
            Shape teacherMap = teacher.featureMapShape();
            if (studentMap.get(2) != teacherMap.get(2) || studentMap.get(3) != teacherMap.get(3)) {
                throw MentorException.naming("{} features: the student's map is " + studentMap.get(2) + "x" + studentMap.get(3)
                        + ", the teacher's " + teacherMap.get(2) + "x" + teacherMap.get(3) + "; they must match", "distill");
            }
            Block conv = Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters((int) teacherMap.get(1)).build();
            this.adapter = student.attachAuxiliary("hint_adapter", conv, studentMap);
        } else {
            this.adapter = null;
        }
    }

    private Shape studentMapShape() {
        var s = student.spec();
        return student.model().getOutputShapes(new Shape[] {new Shape(1, s.channels(), s.height(), s.width())})[2];
    }

    @Override
    public String name() {
        return DESCRIPTOR.name();
    }

    @Override
    public Map<String, Learner> learners() {
        return Map.of("student", student);
    }

    @Override
    public Learner evaluated() {
        return student;
    }

    @Override
    public List<Augmentation> unlabeledViews() {
        return options.unlabeledWeight() > 0 ? List.of(policy) : List.of();
    }

    @Override
    public TargetSource labeledAuxiliary() {
        return cached == null ? null : cached.labeled();
    }

    @Override
    public TargetSource unlabeledAuxiliary() {
        return cached == null || !usesUnlabeled() ? null : cached.unlabeled();
    }

    @Override
    public StepResult trainStep(StepContext context) {
        NDArray labeled = context.labeledImages(0);
        long n = labeled.getShape().get(0);
        boolean withUnlabeled = usesUnlabeled();
        NDArray images = withUnlabeled ? labeled.concat(context.unlabeledImages(0), 0) : labeled;
        NDList teacherOut;
        if (cached != null) {
            NDArray labeledLogits = context.labeledAuxiliary();
            teacherOut = new NDList(withUnlabeled ? labeledLogits.concat(context.unlabeledAuxiliary(), 0) : labeledLogits);
        } else {
            teacherOut = teacher.predict(images);
        }
        NDArray teacherLogits = teacherOut.get(0);
        float t = (float) options.temperature();
        Map<String, Float> parts = new LinkedHashMap<>();
        float total;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList out = student.forward(images, true);
            NDArray logits = out.get(0);
            NDArray labeledLogits = withUnlabeled ? logits.get("0:" + n) : logits;
            boolean withLogits = options.kinds().contains(Kind.LOGITS);
            NDArray ce = Losses.softCrossEntropy(labeledLogits, context.labeledTargets());
            NDArray loss = Scalars.mul(ce, withLogits ? 1 - options.alpha() : 1);
            parts.put("ce", ce.getFloat());
            if (withLogits) {
                NDArray kdLabeled = Losses.distillation(labeledLogits, withUnlabeled ? teacherLogits.get("0:" + n) : teacherLogits, t);
                loss = loss.add(Scalars.mul(kdLabeled, options.alpha()));
                parts.put("kd", kdLabeled.getFloat());
                if (withUnlabeled) {
                    NDArray kdUnlabeled = Losses.distillation(logits.get(n + ":"), teacherLogits.get(n + ":"), t);
                    loss = loss.add(Scalars.mul(kdUnlabeled, options.unlabeledWeight()));
                    parts.put("kd_unlabeled", kdUnlabeled.getFloat());
                }
            }
            if (adapter != null) {
                NDArray adapted = student.forwardAuxiliary(adapter, out.get(2), true).singletonOrThrow();
                NDArray hint = Losses.hint(adapted, teacherOut.get(1));
                loss = loss.add(Scalars.mul(hint, options.hintWeight()));
                parts.put("hint", hint.getFloat());
            }
            if (options.kinds().contains(Kind.ATTENTION)) {
                NDArray attention = Losses.attentionTransfer(out.get(2), teacherOut.get(1));
                loss = loss.add(Scalars.mul(attention, options.attentionWeight()));
                parts.put("attention", attention.getFloat());
            }
            if (Boolean.TRUE.equals(options.normalized())) {
                loss = Scalars.div(loss, options.gradientScale());
            }
            collector.backward(loss);
            total = loss.getFloat();
        }
        student.step(context.learningRate());
        return new StepResult(total, parts);
    }
}
