package dev.mentor.model;

/** Whether a model file's parameters can receive gradients (fine-tuning) or are loaded for inference only. */
public enum Trainability {
    /** Inference only: parameters without gradients (for TorchScript, inference tensors). */
    FROZEN,
    /** Parameters that can receive gradients and be stepped, frozen and unfrozen. */
    TRAINABLE
}
