package dev.mentor.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentor.Deadline;
import dev.mentor.Interruption;
import dev.mentor.MentorException;
import dev.mentor.OptionText;
import dev.mentor.data.ImageSet;
import dev.mentor.eval.Evaluation;
import dev.mentor.eval.Predictor;
import dev.mentor.method.Method;
import dev.mentor.train.BatchStream;
import dev.mentor.train.Checkpoint;
import dev.mentor.train.EngineSeed;
import dev.mentor.train.EpochMetrics;
import dev.mentor.train.HostBatch;
import dev.mentor.train.Learner;
import dev.mentor.train.LoopConfig;
import dev.mentor.train.NamedParameter;
import dev.mentor.train.Normalization;
import dev.mentor.train.Prefetcher;
import dev.mentor.train.Schedule;
import dev.mentor.train.StepContext;
import dev.mentor.train.StepResult;
import dev.mentor.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one training loop. Each step pairs the next labeled batch with the next unlabeled batch (when
 * the method wants one), asks the method to train on them inside a step-scoped array manager, and
 * reports the result; each epoch ends with validation, a checkpoint and a metrics record. Batch order
 * and in-model randomness are functions of (seed, step), so a run resumed from a checkpoint ends with
 * the same weights as one that was never interrupted.
 */
public final class TrainingLoop {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The prefix of a method's own state ({@link Method#state()}) among a checkpoint's arrays; no learner role has it. */
    static final String METHOD_STATE = "method-state/";
    private final LoopConfig config;
    private final Method method;
    private final BatchStream labeled;
    private final BatchStream unlabeled;
    private final Schedule schedule;
    private final ImageSet validation;
    private final Normalization normalization;
    private final List<TrainingListener> listeners;
    private final Path checkpointFile;
    private String stoppedEarly;
    private int restoredEpochs;

    /**
     * @param unlabeled the unlabeled stream, or null when the method uses none
     * @param validation the validation split, or null to skip validation
     * @param checkpointFile where to write the checkpoint after every epoch, or null for none
     */
    public TrainingLoop(LoopConfig config, Method method, BatchStream labeled, BatchStream unlabeled,
            Schedule schedule, ImageSet validation, Normalization normalization,
            List<TrainingListener> listeners, Path checkpointFile) {
        if (method.usesUnlabeled() && unlabeled == null) {
            throw new MentorException(method.name() + ": needs unlabeled images, but the unlabeled pool is empty");
        }
        this.config = config;
        this.method = method;
        this.labeled = labeled;
        this.unlabeled = method.usesUnlabeled() ? unlabeled : null;
        this.schedule = schedule;
        this.validation = validation;
        this.normalization = normalization;
        this.listeners = List.copyOf(listeners);
        this.checkpointFile = checkpointFile;
    }

    /** Steps in one epoch, as the schedule must be built for. */
    public static long stepsPerEpoch(LoopConfig config, BatchStream labeled) {
        return config.stepsPerEpoch() > 0 ? config.stepsPerEpoch() : labeled.batchesPerPass();
    }

    /** Steps of epoch {@code epoch} (from 0): all of them but the last of a run counted in steps, which ends at its total. */
    private long stepsIn(int epoch, long perEpoch) {
        return config.totalSteps() > 0 ? Math.min(perEpoch, config.totalSteps() - epoch * perEpoch) : perEpoch;
    }

    /**
     * Trains from the start, or from {@code resume} when it is not null; returns every epoch's metrics. A {@link
     * Deadline} that passes ends the run early, before a step: with the weights of its last evaluation (those of the
     * last checkpoint, read back when part of an epoch was trained since; a loop that writes no checkpoint finishes
     * its epoch first), then {@link #stoppedEarly} says why; a run with no evaluation yet stops as an interruption.
     */
    public List<EpochMetrics> run(Checkpoint resume) {
        stoppedEarly = null;
        long perEpoch = stepsPerEpoch(config, labeled);
        List<EpochMetrics> history = new ArrayList<>();
        int startEpoch = 0;
        if (resume != null) {
            startEpoch = restore(resume, history);
        }
        restoredEpochs = history.size();
        Learner evaluated = method.evaluated();
        Shape imageShape = new Shape(evaluated.spec().channels(), evaluated.spec().height(), evaluated.spec().width());
        listeners.forEach(l -> l.onStart(List.copyOf(history), config.epochs(), perEpoch));
        long firstStep = startEpoch * perEpoch;
        DivergenceGuard guard = new DivergenceGuard(evaluated.spec().classes());
        CollapseGuard collapse = new CollapseGuard();
        try (Prefetcher labeledBatches = new Prefetcher(labeled, firstStep, config.loaderThreads(), 3);
                Prefetcher unlabeledBatches = unlabeled == null ? null
                        : new Prefetcher(unlabeled, firstStep, config.loaderThreads(), 3)) {
            for (int epoch = startEpoch; epoch < config.epochs(); epoch++) {
                EngineSeed.atEpoch(config.seed(), epoch);
                long started = System.nanoTime();
                double lossSum = 0;
                Map<String, Double> componentSums = new LinkedHashMap<>();
                long images = 0;
                float rate = 0;
                long steps = stepsIn(epoch, perEpoch);
                for (long s = 0; s < steps; s++) {
                    long step = epoch * perEpoch + s;
                    // a stop asked for (Ctrl-C, SIGTERM) is taken here, between steps: the last checkpoint stays good
                    Interruption.checkBeforeStep(epoch + 1, step);
                    String late = Deadline.passed();
                    if (late != null && (s == 0 || checkpointFile != null)) {
                        if (history.isEmpty()) {
                            throw Deadline.beforeEvaluation(late, epoch + 1, step);
                        }
                        if (s > 0) {
                            // the steps since the last evaluation are dropped: its weights are the ones whose accuracy is known
                            restoreState(Checkpoint.readLatest(checkpointFile, message -> { }));
                        }
                        EpochMetrics last = history.get(history.size() - 1);
                        stoppedEarly = String.format("%s: stopped before step %d of %d, with the model of step %d (epoch %d, its last "
                                + "evaluation)", late, step, config.totalSteps() > 0 ? config.totalSteps() : config.epochs() * perEpoch,
                                last.step(), last.epoch());
                        return history;
                    }
                    rate = schedule.at(step);
                    HostBatch l = labeledBatches.next();
                    HostBatch u = unlabeledBatches == null ? null : unlabeledBatches.next();
                    StepResult result;
                    try (NDManager scope = evaluated.manager().newSubManager()) {
                        result = method.trainStep(new StepContext(scope, l, u, imageShape, rate, step, epoch));
                    }
                    String bad = result.firstNonFinite();
                    if (bad != null) {
                        throw MentorException.of(divergedMessage(step, epoch, bad, result));
                    }
                    String exploded = guard.check(step, result);
                    if (exploded != null) {
                        throw MentorException.of(OptionText.text("training diverged at step " + step + " (epoch " + (epoch + 1) + "): "
                                + exploded).then(OptionText.naming(" (try a smaller {} or a longer {})", "learning_rate", "warmup_steps"))
                                .then(lastGoodCheckpoint(epoch)));
                    }
                    lossSum += result.loss();
                    result.components().forEach((k, v) -> componentSums.merge(k, (double) v, Double::sum));
                    int n = l.size() + (u == null ? 0 : u.size());
                    images += n;
                    for (TrainingListener listener : listeners) {
                        listener.onStep(epoch, s, steps, result, n);
                    }
                }
                double trainSeconds = (System.nanoTime() - started) / 1e9;
                Evaluation val = validation == null || validation.size() == 0 ? null
                        : new Predictor(evaluated, normalization, 256).evaluate(validation);
                Map<String, Double> components = new LinkedHashMap<>();
                componentSums.forEach((k, v) -> components.put(k, v / steps));
                long stepsDone = epoch * perEpoch + steps;
                String collapsed = collapse.check(stepsDone, config.warmupSteps(), val);
                if (collapsed != null) {
                    throw MentorException.of(OptionText.text("training collapsed by step " + (stepsDone - 1) + " (epoch " + (epoch + 1)
                            + "): " + collapsed + largestComponent(components)).then(OptionText.naming(" (try a smaller {}, a longer {}, "
                            + "or start from a supervised run with {} RUN_DIR)", "learning_rate", "warmup_steps", "init"))
                            .then(lastGoodCheckpoint(epoch)));
                }
                EpochMetrics metrics = new EpochMetrics(epoch + 1, stepsDone, lossSum / steps,
                        components, rate, val == null ? Double.NaN : val.top1(), val == null ? Double.NaN : val.nll(),
                        images / trainSeconds, (System.nanoTime() - started) / 1e9);
                history.add(metrics);
                checkFinite(epoch, stepsDone - 1);
                if (checkpointFile != null) {
                    save(epoch + 1, stepsDone, history);
                }
                listeners.forEach(listener -> listener.onEpoch(metrics));
            }
        }
        return history;
    }

    /**
     * How many epochs of the last {@link #run}'s history were read from the checkpoint it resumed (0 for a run from the start):
     * they were trained by an earlier process, whose time they carry.
     */
    public int restoredEpochs() {
        return restoredEpochs;
    }

    /** Why the last {@link #run} ended before its budget (a {@link Deadline}), or null when it trained every step. */
    public String stoppedEarly() {
        return stoppedEarly;
    }

    private OptionText divergedMessage(long step, int epoch, String component, StepResult result) {
        String what = component.equals("loss") ? "the loss is " + result.loss()
                : "loss component '" + component + "' is " + result.components().get(component) + " (loss " + result.loss() + ")";
        return OptionText.text("training diverged at step " + step + " (epoch " + (epoch + 1) + "): " + what)
                .then(OptionText.naming(" (try a smaller {})", "learning_rate")).then(lastGoodCheckpoint(epoch));
    }

    private static String largestComponent(Map<String, Double> components) {
        Map.Entry<String, Double> largest = DivergenceGuard.largestLossTerm(components);
        return largest == null ? "" : String.format("; its largest loss component over that epoch was '%s' (%.4g)", largest.getKey(),
                largest.getValue());
    }

    /** Where the run can be resumed from after a divergence in {@code epoch} (0-based): nothing of it was saved. */
    private OptionText lastGoodCheckpoint(int epoch) {
        return checkpointFile != null && Checkpoint.exists(checkpointFile)
                ? OptionText.text("; the last good checkpoint, " + checkpointFile + ", holds epoch " + epoch + " and is kept (continue "
                        + "from it with ").thenOption("resume").then(" " + checkpointFile.toAbsolutePath().getParent() + ")")
                : OptionText.text("; no checkpoint was written yet");
    }

    /** Every learner's weights must be finite before they are checkpointed: max |w| is NaN or ∞ otherwise. */
    private void checkFinite(int epoch, long lastStep) {
        for (Map.Entry<String, Learner> entry : method.learners().entrySet()) {
            for (NamedParameter p : entry.getValue().parameters()) {
                float largest;
                try (NDArray magnitude = p.parameter().getArray().abs(); NDArray max = magnitude.max()) {
                    largest = max.getFloat();
                }
                if (!Float.isFinite(largest)) {
                    throw MentorException.of(OptionText.text("training diverged by step " + lastStep + " (epoch " + (epoch + 1)
                            + "): weights " + entry.getKey() + "/" + p.name() + " are not finite")
                            .then(OptionText.naming(" (try a smaller {})", "learning_rate")).then(lastGoodCheckpoint(epoch)));
                }
            }
        }
    }

    private void save(int epochsDone, long stepsDone, List<EpochMetrics> history) {
        Map<String, float[]> arrays = new LinkedHashMap<>();
        method.learners().forEach((role, learner) ->
                learner.state().forEach((name, values) -> arrays.put(role + "/" + name, values)));
        method.state().forEach((name, values) -> arrays.put(METHOD_STATE + name, values.clone()));
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("method", method.name());
        header.put("epoch", epochsDone);
        header.put("step", stepsDone);
        header.put("history", history);
        try {
            new Checkpoint(JSON.writeValueAsString(header), arrays).writeKeepingPrevious(checkpointFile);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private int restore(Checkpoint checkpoint, List<EpochMetrics> history) {
        try {
            JsonNode header = JSON.readTree(checkpoint.header());
            String saved = header.path("method").asText();
            if (!saved.equals(method.name())) {
                throw MentorException.of("resume", "the checkpoint is of method '" + saved + "', not '" + method.name() + "'");
            }
            history.addAll(JSON.convertValue(header.path("history"), new TypeReference<List<EpochMetrics>>() {}));
            restoreState(checkpoint);
            return header.path("epoch").asInt();
        } catch (JsonProcessingException e) {
            throw MentorException.of("resume", "checkpoint header is not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    /** Every learner's state and the method's own from {@code checkpoint}. */
    private void restoreState(Checkpoint checkpoint) {
        method.learners().forEach((role, learner) -> {
            Map<String, float[]> state = new LinkedHashMap<>();
            String prefix = role + "/";
            checkpoint.arrays().forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    state.put(k.substring(prefix.length()), v);
                }
            });
            learner.loadState(state);
        });
        Map<String, float[]> state = new LinkedHashMap<>();
        checkpoint.arrays().forEach((k, v) -> {
            if (k.startsWith(METHOD_STATE)) {
                state.put(k.substring(METHOD_STATE.length()), v);
            }
        });
        method.loadState(state);
    }
}
