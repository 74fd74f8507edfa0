package dev.mentor.train;

import dev.mentor.augment.Image;
import dev.mentor.data.ImageSet;
import java.util.Arrays;

/**
 * Per-channel mean and standard deviation of pixel values in [0, 1], estimated on training images;
 * every model input is {@code (pixel/255 − mean) / std}. Stored with a run so prediction normalises
 * as training did.
 */
public record Normalization(float[] mean, float[] std) {
    public Normalization {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("mean and std need one value per channel");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std must be > 0, got " + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Estimates the statistics over up to {@code limit} of the given images (evenly spaced). */
    public static Normalization estimate(ImageSet images, int[] indices, int limit) {
        int c = images.channels();
        double[] sum = new double[c];
        double[] sumSq = new double[c];
        long perChannel = 0;
        int stride = Math.max(1, indices.length / Math.max(1, limit));
        for (int i = 0; i < indices.length; i += stride) {
            Image image = images.image(indices[i]);
            byte[] px = image.pixelsReadOnly();
            int plane = image.height() * image.width();
            for (int ch = 0; ch < c; ch++) {
                for (int j = ch * plane; j < (ch + 1) * plane; j++) {
                    double v = (px[j] & 0xFF) / 255.0;
                    sum[ch] += v;
                    sumSq[ch] += v * v;
                }
            }
            perChannel += plane;
        }
        float[] mean = new float[c];
        float[] std = new float[c];
        for (int ch = 0; ch < c; ch++) {
            double m = perChannel == 0 ? 0 : sum[ch] / perChannel;
            double var = perChannel == 0 ? 1 : sumSq[ch] / perChannel - m * m;
            mean[ch] = (float) m;
            std[ch] = (float) Math.sqrt(Math.max(var, 1e-6));
        }
        return new Normalization(mean, std);
    }

    /** Writes the normalised pixels of {@code image} into {@code out} from {@code offset}. */
    public void write(Image image, float[] out, int offset) {
        byte[] px = image.pixelsReadOnly();
        int plane = image.height() * image.width();
        for (int ch = 0; ch < image.channels(); ch++) {
            float scale = 1f / (255f * std[ch]);
            float shift = mean[ch] / std[ch];
            int base = ch * plane;
            for (int j = 0; j < plane; j++) {
                out[offset + base + j] = (px[base + j] & 0xFF) * scale - shift;
            }
        }
    }
}
