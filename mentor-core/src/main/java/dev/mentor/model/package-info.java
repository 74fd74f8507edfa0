/**
 * Architectures. Every model is a {@link dev.mentor.model.Classifier}: a backbone that maps images to
 * penultimate features and a linear head that maps features to logits; its forward returns
 * {@code NDList(logits, features)}. A new architecture adds a backbone builder and a case in
 * {@link dev.mentor.model.Models#create}. The reference definitions are the PyTorch modules of the
 * throughput peer; each builder here matches its layers and parameter count.
 */
package dev.mentor.model;
