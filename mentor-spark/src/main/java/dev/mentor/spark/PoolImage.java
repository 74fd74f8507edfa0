package dev.mentor.spark;

import dev.mentor.augment.Image;

/** One image of a pool as a task meets it: its shard, its id and how to decode it. */
interface PoolImage {
    int shard();

    String id();

    /** The decoded image at its own size and colour; a {@link dev.mentor.MentorException} when it cannot be read. */
    Image decode();
}
