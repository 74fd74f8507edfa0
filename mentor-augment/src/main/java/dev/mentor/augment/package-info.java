/**
 * Image augmentation on raw 8-bit pixels, pure Java. {@link dev.mentor.augment.Image} is the unit;
 * {@link dev.mentor.augment.ImageOp} lists the ops (RandAugment's 14, Invert, Cutout), each a pure
 * function of an image and a value at torchvision parity; {@link dev.mentor.augment.MagnitudeSpace}
 * maps magnitude bins to values. An {@link dev.mentor.augment.Augmentation} draws its randomness from
 * the generator passed in and applies ops: {@link dev.mentor.augment.WeakAugment},
 * {@link dev.mentor.augment.RandAugment}, {@link dev.mentor.augment.TrivialAugmentWide},
 * {@link dev.mentor.augment.Cutout}, {@link dev.mentor.augment.StrongAugment};
 * {@link dev.mentor.augment.Policies} builds one from its command-line spelling. Pixel kernels live in
 * {@code dev.mentor.augment.kernel}, batch mixing in {@code dev.mentor.augment.mix}. A new policy
 * implements {@code Augmentation} and gets a name in {@code Policies}.
 */
package dev.mentor.augment;
