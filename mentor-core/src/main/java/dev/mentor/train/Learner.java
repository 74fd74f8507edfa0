package dev.mentor.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.mentor.model.Classifier;
import dev.mentor.model.ModelSpec;
import dev.mentor.model.Models;
import dev.mentor.ndarray.Bf16;
import dev.mentor.ndarray.NativeArrays;
import dev.mentor.ndarray.Scalars;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A model with what trains it: its parameters by name, its optimizer and, optionally, an exponential
 * moving average of its weights kept in a second copy of the model (as FixMatch's {@code ModelEMA}:
 * trainable weights averaged, BatchNorm statistics copied). Methods that train two models (Meta
 * Pseudo Labels) own two learners and step them one after the other.
 */
public final class Learner implements AutoCloseable {
    private final ModelSpec spec;
    private final NDManager manager;
    private final Classifier model;
    private final ParameterStore store;
    private final List<NamedParameter> parameters;
    private final Optimizer optimizer;
    private final Classifier average;
    private final List<NamedParameter> averageParameters;
    private final float averageDecay;
    private final List<NamedParameter> headParameters;
    private final List<NamedParameter> backboneParameters;
    private float backboneRateScale = 1f;
    private final List<NamedParameter> auxiliaryParameters = new ArrayList<>();
    private Bf16Store bf16Store;

    private Learner(ModelSpec spec, Supplier<Classifier> factory, Shape input, OptimizerConfig optimizerConfig,
            double emaDecay, NDManager parent, long seed) {
        this.spec = spec;
        this.manager = parent.newSubManager();
        EngineSeed.beforeInitialisation(seed);
        this.model = factory.get();
        model.initialize(manager, DataType.FLOAT32, input);
        this.store = new ParameterStore(manager, false);
        this.parameters = named(model);
        java.util.Set<Parameter> head = new java.util.HashSet<>();
        model.head().getParameters().forEach(p -> head.add(p.getValue()));
        this.headParameters = parameters.stream().filter(p -> head.contains(p.parameter())).toList();
        this.backboneParameters = parameters.stream()
                .filter(p -> !head.contains(p.parameter()) && p.parameter().requiresGradient()).toList();
        this.optimizer = optimizerConfig.build();
        this.averageDecay = (float) emaDecay;
        if (emaDecay > 0) {
            average = factory.get();
            average.initialize(manager, DataType.FLOAT32, input);
            averageParameters = named(average);
            copyInto(averageParameters, parameters);
        } else {
            average = null;
            averageParameters = List.of();
        }
    }

    /**
     * Builds and initialises a model; the initial weights depend only on {@code seed}.
     *
     * @param emaDecay decay of the weight average, 0 for none
     */
    public static Learner create(ModelSpec spec, OptimizerConfig optimizer, double emaDecay, NDManager parent, long seed) {
        if (emaDecay < 0 || emaDecay >= 1) {
            throw dev.mentor.MentorException.of("ema", "must be in [0, 1), got " + emaDecay);
        }
        return new Learner(spec, () -> Models.create(spec), imageInput(spec), optimizer, emaDecay, parent, seed);
    }

    /**
     * A learner around a ready model, such as a model file's backbone with a new head
     * ({@link dev.mentor.model.FileModels}): parameters the model does not bring yet (the head's) are
     * initialised from {@code seed}. There is no weight average (it would need a second copy of the
     * file's module).
     */
    public static Learner create(ModelSpec spec, Classifier model, OptimizerConfig optimizer, NDManager parent, long seed) {
        return new Learner(spec, () -> model, imageInput(spec), optimizer, 0, parent, seed);
    }

    /**
     * A learner over a model that is not an image classifier of the zoo (Reduced Meta Pseudo Labels'
     * small teacher, an MLP over another model's outputs): no weight average, and {@link #spec()} is
     * null, so it cannot be validated or saved as a run's model.
     *
     * @param input the model's input shape with a batch of 1
     */
    public static Learner custom(Supplier<Classifier> factory, Shape input, OptimizerConfig optimizer, NDManager parent,
            long seed) {
        return new Learner(null, factory, input, optimizer, 0, parent, seed);
    }

    private static Shape imageInput(ModelSpec spec) {
        return new Shape(1, spec.channels(), spec.height(), spec.width());
    }

    private static List<NamedParameter> named(Classifier block) {
        List<NamedParameter> list = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            list.add(new NamedParameter(p.getKey(), p.getValue()));
        }
        return List.copyOf(list);
    }

    /** The image classifier's spec; null for a {@link #custom} model. */
    public ModelSpec spec() {
        return spec;
    }

    public Classifier model() {
        return model;
    }

    public NDManager manager() {
        return manager;
    }

    public List<NamedParameter> parameters() {
        return parameters;
    }

    /**
     * Training or inference forward of the trained model: {@code NDList(logits, features)}, float32. With {@link
     * Precision#BF16} the model runs in bfloat16 (images, convolution and linear weights cast; BatchNorm float32) and
     * its outputs are cast back to float32, the graph kept through both casts.
     */
    public NDList forward(NDArray images, boolean training) {
        if (bf16Store == null) {
            return model.forward(store, new NDList(images), training);
        }
        NDManager owner = images.getManager();
        bf16Store.owner = owner;
        NDList out = model.forward(bf16Store, new NDList(Bf16.of(images, owner)), training);
        NDList float32 = new NDList(out.size());
        for (NDArray array : out) {
            float32.add(Bf16.toFloat32(array));
        }
        return float32;
    }

    /**
     * Sets the number format of {@link #forward} (not of {@link #infer}, which evaluates in float32): the weights stay
     * float32 masters either way, so checkpoints and the saved model do not depend on it.
     */
    public void precision(Precision precision) {
        bf16Store = precision == Precision.BF16 ? new Bf16Store(manager) : null;
    }

    /** The number format of {@link #forward}. */
    public Precision precision() {
        return bf16Store == null ? Precision.FP32 : Precision.BF16;
    }

    /** Autocast at the parameter store: convolution and linear weights and biases in bfloat16, the rest as stored. */
    private static final class Bf16Store extends ParameterStore {
        private NDManager owner;

        Bf16Store(NDManager manager) {
            super(manager, false);
        }

        @Override
        public NDArray getValue(Parameter parameter, ai.djl.Device device, boolean training) {
            NDArray value = super.getValue(parameter, device, training);
            Parameter.Type type = parameter == null ? null : parameter.getType();
            return type == Parameter.Type.WEIGHT || type == Parameter.Type.BIAS ? Bf16.of(value, owner) : value;
        }
    }

    /**
     * Inference forward of the model that is evaluated: the weight average when there is one,
     * otherwise the trained model. Builds no graph outside a gradient collector.
     */
    public NDList infer(NDArray images) {
        return (average != null ? average : model).forward(store, new NDList(images), false);
    }

    /**
     * One optimizer update from the accumulated gradients, which it zeroes; then the average. The
     * backbone's rate is {@code learningRate} times the backbone rate scale (transfer learning).
     */
    public void step(float learningRate) {
        if (backboneRateScale == 1f) {
            optimizer.step(parameters, learningRate);
        } else {
            optimizer.step(backboneParameters, learningRate * backboneRateScale);
            optimizer.step(headParameters, learningRate);
        }
        if (!auxiliaryParameters.isEmpty()) {
            optimizer.step(auxiliaryParameters, learningRate);
        }
        if (average != null) {
            updateAverage();
        }
    }

    /**
     * Attaches a trainable block that belongs to training but not to the deployed model (e.g. the 1×1
     * adapter of a distillation hint): it is initialised here, stepped with the model and saved in
     * checkpoints, but not in {@link #weights()}.
     */
    public Block attachAuxiliary(String name, Block block, Shape inputShape) {
        block.initialize(manager, DataType.FLOAT32, inputShape);
        for (Pair<String, Parameter> p : block.getParameters()) {
            auxiliaryParameters.add(new NamedParameter("aux_" + name + "_" + p.getKey(), p.getValue()));
        }
        return block;
    }

    /** Forward of an attached auxiliary block with this learner's parameter store. */
    public NDList forwardAuxiliary(Block block, NDArray input, boolean training) {
        return block.forward(store, new NDList(input), training);
    }

    private void updateAverage() {
        for (int i = 0; i < parameters.size(); i++) {
            NDArray live = parameters.get(i).parameter().getArray();
            NDArray avg = averageParameters.get(i).parameter().getArray();
            if (parameters.get(i).trainable()) {
                Scalars.muli(avg, averageDecay);
                try (NDArray scaled = Scalars.mul(live, 1f - averageDecay)) {
                    avg.addi(scaled);
                }
            } else {
                NativeArrays.assign(avg, live);
            }
        }
    }

    private static void copyInto(List<NamedParameter> target, List<NamedParameter> source) {
        for (int i = 0; i < source.size(); i++) {
            NativeArrays.assign(target.get(i).parameter().getArray(), source.get(i).parameter().getArray());
        }
    }

    /** The head's parameters (the layer transfer learning replaces). */
    public List<NamedParameter> headParameters() {
        return headParameters;
    }

    /**
     * Freezes or unfreezes the backbone: frozen, its weights get no gradient and it runs in inference
     * mode (BatchNorm statistics included), so only the head learns, as in linear probing.
     */
    public void freezeBackbone(boolean frozen) {
        for (NamedParameter p : backboneParameters) {
            p.parameter().freeze(frozen);
        }
        model.setBackboneFrozen(frozen);
    }

    public boolean backboneFrozen() {
        return model.backboneFrozen();
    }

    /** Scales the backbone's learning rate relative to the head's (e.g. 0.1 when fine-tuning). */
    public void setBackboneRateScale(float scale) {
        if (!(scale >= 0) || Float.isInfinite(scale)) {
            throw dev.mentor.MentorException.of("backbone_lr_scale", "must be >= 0, got " + scale);
        }
        this.backboneRateScale = scale;
    }

    /** Every array that defines this learner's state (weights, statistics, average, optimizer), by name. */
    public Map<String, float[]> state() {
        Map<String, float[]> state = new LinkedHashMap<>();
        for (NamedParameter p : parameters) {
            state.put("model/" + p.name(), p.parameter().getArray().toFloatArray());
        }
        for (NamedParameter p : averageParameters) {
            state.put("ema/" + p.name(), p.parameter().getArray().toFloatArray());
        }
        for (NamedParameter p : auxiliaryParameters) {
            state.put("model/" + p.name(), p.parameter().getArray().toFloatArray());
        }
        optimizer.state().forEach((k, v) -> state.put("optimizer/" + k, v));
        return state;
    }

    /** The weights to deploy: the average when there is one. */
    public Map<String, float[]> weights() {
        Map<String, float[]> weights = new LinkedHashMap<>();
        for (NamedParameter p : average != null ? averageParameters : parameters) {
            weights.put(p.name(), p.parameter().getArray().toFloatArray());
        }
        return weights;
    }

    /** Restores {@link #state()}; every model array must be present with the right size. */
    public void loadState(Map<String, float[]> state) {
        load(parameters, state, "model/");
        load(auxiliaryParameters, state, "model/");
        if (average != null) {
            load(averageParameters, state, state.keySet().stream().anyMatch(k -> k.startsWith("ema/")) ? "ema/" : "model/");
        }
        Map<String, float[]> optimizerState = new LinkedHashMap<>();
        state.forEach((k, v) -> {
            if (k.startsWith("optimizer/")) {
                optimizerState.put(k.substring("optimizer/".length()), v);
            }
        });
        List<NamedParameter> all = new ArrayList<>(parameters);
        all.addAll(auxiliaryParameters);
        optimizer.loadState(optimizerState, all);
    }

    /**
     * Loads every backbone parameter (all but the head) from deployable weights of a model of the same
     * architecture, into the model and its average; the head keeps its initialisation.
     */
    public void loadBackbone(Map<String, float[]> weights) {
        List<NamedParameter> backbone = new ArrayList<>();
        List<NamedParameter> backboneAverage = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            if (!headParameters.contains(parameters.get(i))) {
                backbone.add(parameters.get(i));
                if (average != null) {
                    backboneAverage.add(averageParameters.get(i));
                }
            }
        }
        load(backbone, weights, "");
        load(backboneAverage, weights, "");
    }

    /** Loads deployable weights (as {@link #weights()} writes them) into the model and its average. */
    public void loadWeights(Map<String, float[]> weights) {
        load(parameters, weights, "");
        if (average != null) {
            load(averageParameters, weights, "");
        }
    }

    /**
     * Loads deployable weights of a model of the same architecture, in order, into this model and its
     * average (a warm start, {@code --init}): as {@link #copyWeightsOf}, by position, since the two may
     * differ in layers without parameters (dropout), which shifts the names.
     *
     * @param source what the weights come from, for the error message
     */
    public void initialiseFrom(Map<String, float[]> weights, String source) {
        List<float[]> values = new ArrayList<>(weights.values());
        if (values.size() != parameters.size()) {
            throw dev.mentor.MentorException.of("init", source + " holds " + values.size() + " arrays, this model has "
                    + parameters.size() + " (another architecture?)");
        }
        for (int i = 0; i < values.size(); i++) {
            NDArray array = parameters.get(i).parameter().getArray();
            if (values.get(i).length != array.size()) {
                throw dev.mentor.MentorException.of("init", source + ": parameter " + parameters.get(i).name() + " has "
                        + values.get(i).length + " values there, " + array.size() + " here (another model or class count?)");
            }
            NativeArrays.assign(array, values.get(i));
            if (average != null) {
                NativeArrays.assign(averageParameters.get(i).parameter().getArray(), values.get(i));
            }
        }
    }

    /**
     * Copies another learner's deployable weights (its average when it has one) into this model and
     * its average, parameter by parameter in order: the two may differ in layers without parameters
     * (a fine-tuning copy without dropout), whose absence shifts parameter names.
     */
    public void copyWeightsOf(Learner source) {
        List<NamedParameter> from = source.average != null ? source.averageParameters : source.parameters;
        if (from.size() != parameters.size()) {
            throw new IllegalArgumentException("cannot copy " + from.size() + " parameters into " + parameters.size());
        }
        for (int i = 0; i < from.size(); i++) {
            NDArray value = from.get(i).parameter().getArray();
            if (!value.getShape().equals(parameters.get(i).parameter().getArray().getShape())) {
                throw new IllegalArgumentException("parameter " + from.get(i).name() + " has shape " + value.getShape()
                        + ", its counterpart " + parameters.get(i).name() + " " + parameters.get(i).parameter().getArray().getShape());
            }
            NativeArrays.assign(parameters.get(i).parameter().getArray(), value);
            if (average != null) {
                NativeArrays.assign(averageParameters.get(i).parameter().getArray(), value);
            }
        }
    }

    private static void load(List<NamedParameter> target, Map<String, float[]> source, String prefix) {
        for (NamedParameter p : target) {
            float[] values = source.get(prefix + p.name());
            NDArray array = p.parameter().getArray();
            if (values == null) {
                throw new dev.mentor.MentorException("checkpoint: no values for parameter " + p.name()
                        + " (the checkpoint is of another model)");
            }
            if (values.length != array.size()) {
                throw new dev.mentor.MentorException("checkpoint: parameter " + p.name() + " has " + values.length
                        + " values, the model expects " + array.size() + " (another model or class count?)");
            }
            NativeArrays.assign(array, values);
        }
    }

    /** Number of trainable values. */
    public long parameterCount() {
        return parameters.stream().filter(NamedParameter::trainable)
                .mapToLong(p -> p.parameter().getArray().size()).sum();
    }

    @Override
    public void close() {
        optimizer.close();
        manager.close();
    }
}
