/**
 * Architectures. Every model is a {@link dev.mentor.model.Classifier}: a backbone that maps images to
 * penultimate features and a linear head that maps features to logits; its forward returns
 * {@code NDList(logits, features)}. A new architecture adds a backbone builder and a case in
 * {@link dev.mentor.model.Models#create}. The reference definitions are the PyTorch modules of the
 * throughput peer; each builder here matches its layers and parameter count.
 *
 * <p>Pre-trained model files of other frameworks run as {@link dev.mentor.model.FileBlock}s
 * ({@link dev.mentor.model.TorchScriptBlock}, {@link dev.mentor.model.OnnxBlock}); a classifier on
 * such a backbone is built by {@link dev.mentor.model.FileModels}, and {@link dev.mentor.model.ModelFormat}
 * tells the formats apart by path.
 */
package dev.mentor.model;
