/**
 * Performance probes: training throughput on random data with the recipe of the PyTorch peer, and
 * the machine's practical FP32 matrix-multiply rate, so a model's FLOP/s can be stated as a fraction.
 */
package dev.mentor.bench;
