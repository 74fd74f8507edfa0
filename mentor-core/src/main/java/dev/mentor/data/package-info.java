/**
 * Labeled, unlabeled and validation data: where images come from and how a training set is cut.
 *
 * <p>Flow: {@link dev.mentor.data.DataSources#parse} turns {@code --data} into a {@link
 * dev.mentor.data.DataSource}; its {@link dev.mentor.data.DataSource#load} returns {@link
 * dev.mentor.data.LoadedData} (train and test {@link dev.mentor.data.ImageSet}s and a fingerprint of
 * the bytes read); {@link dev.mentor.data.Splitter} cuts the training set into labeled, unlabeled and
 * validation parts by a seeded {@link dev.mentor.data.SplitConfig}; {@code --unlabeled folder:DIR}
 * adds an {@link dev.mentor.data.UnlabeledFolder} read lazily from disk.
 *
 * <p>What plugs in here: a new data format is a class implementing {@code DataSource} (report every
 * bad file as a {@link dev.mentor.MentorException} naming it and the bad value; never trust a header
 * for allocation) and one scheme in {@code DataSources.parse}. A new kind of view over images is an
 * {@code ImageSet}, like {@link dev.mentor.data.Subset}.
 */
package dev.mentor.data;
