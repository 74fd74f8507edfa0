package dev.mentor.data;

import dev.mentor.augment.Image;

/**
 * Brings an image to a target shape: grey to RGB by replicating the channel, RGB to grey by ITU-R 601
 * luma (as PIL's {@code convert("L")}), and resizing by a separable triangle (bilinear) filter whose
 * support widens when shrinking, so a large photo is averaged rather than aliased (PIL's antialiased
 * {@code BILINEAR}). Pure functions: the input is never changed.
 */
public final class Reshape {
    private Reshape() {
    }

    /** {@code image} converted to {@code channels} and resized to {@code height × width}. */
    public static Image to(Image image, int channels, int height, int width) {
        return resize(toChannels(image, channels), height, width);
    }

    /** {@code image} with {@code channels} (1 or 3) channels, same size. */
    public static Image toChannels(Image image, int channels) {
        if (image.channels() == channels) {
            return image;
        }
        byte[] src = image.pixelsReadOnly();
        int plane = image.height() * image.width();
        byte[] out = new byte[channels * plane];
        if (channels == 3) {
            for (int c = 0; c < 3; c++) {
                System.arraycopy(src, 0, out, c * plane, plane);
            }
        } else if (channels == 1) {
            for (int i = 0; i < plane; i++) {
                int r = src[i] & 0xFF;
                int g = src[plane + i] & 0xFF;
                int b = src[2 * plane + i] & 0xFF;
                out[i] = (byte) ((r * 299 + g * 587 + b * 114 + 500) / 1000);
            }
        } else {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        return Image.wrap(channels, image.height(), image.width(), out);
    }

    /** {@code image} resized to {@code height × width}, same channels. */
    public static Image resize(Image image, int height, int width) {
        if (image.height() == height && image.width() == width) {
            return image;
        }
        int channels = image.channels();
        int srcH = image.height();
        int srcW = image.width();
        Taps across = Taps.of(srcW, width);
        Taps down = Taps.of(srcH, height);
        byte[] src = image.pixelsReadOnly();
        float[] rows = new float[channels * srcH * width];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < srcH; y++) {
                int in = (c * srcH + y) * srcW;
                int out = (c * srcH + y) * width;
                for (int x = 0; x < width; x++) {
                    float sum = 0;
                    for (int k = 0; k < across.count[x]; k++) {
                        sum += across.weights[x][k] * (src[in + across.first[x] + k] & 0xFF);
                    }
                    rows[out + x] = sum;
                }
            }
        }
        byte[] result = new byte[channels * height * width];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                int out = (c * height + y) * width;
                for (int x = 0; x < width; x++) {
                    float sum = 0;
                    for (int k = 0; k < down.count[y]; k++) {
                        sum += down.weights[y][k] * rows[(c * srcH + down.first[y] + k) * width + x];
                    }
                    result[out + x] = (byte) Math.max(0, Math.min(255, Math.round(sum)));
                }
            }
        }
        return Image.wrap(channels, height, width, result);
    }

    /** For each output position, the first input position it reads and the normalised weights. */
    private static final class Taps {
        final int[] first;
        final int[] count;
        final float[][] weights;

        private Taps(int outSize) {
            first = new int[outSize];
            count = new int[outSize];
            weights = new float[outSize][];
        }

        static Taps of(int inSize, int outSize) {
            Taps taps = new Taps(outSize);
            double scale = (double) inSize / outSize;
            double support = Math.max(scale, 1.0);
            for (int o = 0; o < outSize; o++) {
                double centre = (o + 0.5) * scale;
                int lo = Math.max(0, (int) Math.floor(centre - support));
                int hi = Math.min(inSize, (int) Math.ceil(centre + support));
                double[] w = new double[hi - lo];
                double total = 0;
                for (int i = lo; i < hi; i++) {
                    double distance = Math.abs((i + 0.5 - centre) / support);
                    w[i - lo] = Math.max(0.0, 1.0 - distance);
                    total += w[i - lo];
                }
                taps.first[o] = lo;
                taps.count[o] = w.length;
                taps.weights[o] = new float[w.length];
                for (int k = 0; k < w.length; k++) {
                    taps.weights[o][k] = (float) (w[k] / total);
                }
            }
            return taps;
        }
    }
}
