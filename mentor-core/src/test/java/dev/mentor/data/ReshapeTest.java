package dev.mentor.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.augment.Image;
import org.junit.jupiter.api.Test;

class ReshapeTest {
    @Test
    void resizeOfAConstantImageStaysConstant() {
        byte[] pixels = new byte[3 * 17 * 23];
        java.util.Arrays.fill(pixels, (byte) 201);
        for (int[] size : new int[][] {{5, 4}, {40, 31}, {17, 23}, {1, 1}}) {
            Image out = Reshape.resize(Image.wrap(3, 17, 23, pixels), size[0], size[1]);
            assertEquals(size[0], out.height());
            assertEquals(size[1], out.width());
            for (byte b : out.pixelsReadOnly()) {
                assertEquals(201, b & 0xFF);
            }
        }
    }

    @Test
    void halvingUsesATriangleFilterTwiceAsWide() {
        // Across, output 0 is centred at 1.0 and reads inputs 0,1,2 with weights .75,.75,.25 (/1.75);
        // output 1 reads 1,2,3 with .25,.75,.75. Down, both rows weigh .75 (an average).
        byte[] pixels = {0, 100, 10, 10, (byte) 200, 60, 20, 30};
        Image out = Reshape.resize(Image.wrap(1, 2, 4, pixels), 1, 2);
        double row0 = (100 * .75 + 10 * .25) / 1.75;
        double row1 = (200 * .75 + 60 * .75 + 20 * .25) / 1.75;
        assertEquals(Math.round((row0 + row1) / 2), out.get(0, 0, 0));
        double right0 = (100 * .25 + 10 * .75 + 10 * .75) / 1.75;
        double right1 = (60 * .25 + 20 * .75 + 30 * .75) / 1.75;
        assertEquals(Math.round((right0 + right1) / 2), out.get(0, 0, 1));
    }

    @Test
    void shrinkingAveragesThinStripesInsteadOfAliasingThem() {
        byte[] pixels = new byte[16];
        for (int x = 3; x < 16; x += 4) {
            pixels[x] = (byte) 255;
        }
        Image out = Reshape.resize(Image.wrap(1, 1, 16, pixels), 1, 4);
        for (int x = 0; x < 4; x++) {
            assertTrue(out.get(0, 0, x) > 30 && out.get(0, 0, x) < 100, "pixel " + x + " = " + out.get(0, 0, x));
        }
    }

    @Test
    void upscaledImageKeepsTheRangeOfItsInput() {
        byte[] pixels = TestFiles.randomBytes(6 * 6, 4);
        int min = 255;
        int max = 0;
        for (byte b : pixels) {
            min = Math.min(min, b & 0xFF);
            max = Math.max(max, b & 0xFF);
        }
        Image out = Reshape.resize(Image.wrap(1, 6, 6, pixels), 13, 13);
        for (byte b : out.pixelsReadOnly()) {
            assertTrue((b & 0xFF) >= min && (b & 0xFF) <= max);
        }
    }

    @Test
    void greyToRgbReplicatesAndRgbToGreyUsesLuma() {
        Image grey = Image.wrap(1, 1, 2, new byte[] {10, (byte) 250});
        Image rgb = Reshape.toChannels(grey, 3);
        assertArrayEquals(new byte[] {10, (byte) 250, 10, (byte) 250, 10, (byte) 250}, rgb.toBytes());
        Image colour = Image.wrap(3, 1, 1, new byte[] {(byte) 255, 0, 0});
        assertEquals(76, Reshape.toChannels(colour, 1).get(0, 0, 0));
        assertEquals(grey, Reshape.toChannels(rgb, 1));
    }
}
