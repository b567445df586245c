package io.vaeexplorer.render;

import io.vaeexplorer.store.AtomicFiles;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Saves frames as an animated GIF with the JDK's own GIF writer (headless, no extra library). Grey rasters keep
 * their exact levels (a 256-grey palette holds them all) and so do colour images of at most 256 colours; richer
 * ones go through the writer's own palette reduction, the octree of its PaletteBuilder (256 colours a frame, no
 * dithering), which on decoded images comes close to a median cut (see docs/performance.md): not worth a quantiser
 * of our own. Each frame carries its own palette where it differs from the first. Every frame shows for the same
 * delay; the animation loops forever or plays once. Like {@link PngWriter}, the file is written atomically through
 * {@link AtomicFiles}.
 */
public final class GifWriter {

    /** GIF delays count hundredths of a second: 10 ms is the finest step, and what 0 or less would mean anyway. */
    public static final int MIN_DELAY_MS = 10;

    private static final String FORMAT = "javax_imageio_gif_image_1.0";
    private static final IndexColorModel GREYS = greyPalette();

    private GifWriter() {
    }

    /**
     * Writes frames (all the same size; grey, colour or both) as an animated GIF.
     *
     * @param delayMs how long each frame shows, rounded to the nearest 10 ms, at least {@link #MIN_DELAY_MS} and
     *                at most 655,350 ms
     * @param loop    true to repeat forever (the NETSCAPE2.0 loop extension with count 0), false to play once
     * @return the file written
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public static Path write(List<Raster> frames, int delayMs, boolean loop, Path file) {
        List<BufferedImage> images = new ArrayList<>(frames.size());
        for (Raster frame : frames) {
            images.add(frame.isColour() ? PngWriter.toBufferedImage(frame) : toIndexed(frame));
        }
        return writeImages(images, delayMs, loop, file);
    }

    /**
     * Writes images (all the same size; grey, indexed or RGB, which may be mixed, e.g. via
     * {@link PngWriter#toBufferedImage(Raster)} for rasters) as an animated GIF; see
     * {@link #write(List, int, boolean, Path)}.
     */
    public static Path writeImages(List<? extends BufferedImage> frames, int delayMs, boolean loop, Path file) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("an animation needs at least one frame");
        }
        int width = frames.get(0).getWidth();
        int height = frames.get(0).getHeight();
        List<BufferedImage> prepared = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            BufferedImage frame = frames.get(i);
            if (frame.getWidth() != width || frame.getHeight() != height) {
                throw new IllegalArgumentException("frame " + i + " is " + frame.getWidth() + " x " + frame.getHeight()
                        + ", frame 0 is " + width + " x " + height + " (all frames must be the same size)");
            }
            prepared.add(prepare(frame));
        }
        int centiseconds = (int) Math.max(1, Math.min(0xFFFF, Math.round(delayMs / 10.0))); // a 16-bit field
        try {
            return AtomicFiles.write(file, channel -> {
                // in memory rather than ImageIO's default cache file; closing it flushes without closing the channel
                ImageOutputStream out = new MemoryCacheImageOutputStream(Channels.newOutputStream(channel));
                try {
                    encode(prepared, centiseconds, loop, out);
                } finally {
                    out.close();
                }
            });
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException("could not write GIF " + file + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** A grey frame as an 8-bit indexed image on the 256-grey palette: index = grey level, so nothing is lost. */
    public static BufferedImage toIndexed(Raster raster) {
        if (raster.isColour()) {
            throw new IllegalArgumentException("only a grey raster goes onto the grey palette");
        }
        BufferedImage image = new BufferedImage(raster.width(), raster.height(), BufferedImage.TYPE_BYTE_INDEXED,
                GREYS);
        image.getRaster().setDataElements(0, 0, raster.width(), raster.height(), raster.pixels());
        return image;
    }

    /**
     * Grey images go onto the grey palette by their raw samples (the writer's own conversion would pass them
     * through a colour space and shift the levels); indexed ones are written as they are; colour images with at
     * most 256 colours get an exact palette of their own (the writer's octree reduction can merge even a handful
     * of colours, e.g. a dark blue into black); only richer ones are left to that reduction. Alpha is dropped.
     */
    private static BufferedImage prepare(BufferedImage frame) {
        int width = frame.getWidth();
        int height = frame.getHeight();
        if (frame.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            byte[] pixels = new byte[width * height];
            frame.getRaster().getDataElements(0, 0, width, height, pixels);
            return toIndexed(Raster.grey(width, height, pixels));
        }
        if (frame.getColorModel() instanceof IndexColorModel) {
            return frame;
        }
        int[] rgb = frame.getRGB(0, 0, width, height, null, 0, width);
        Map<Integer, Integer> palette = new HashMap<>();
        byte[] indices = new byte[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            Integer index = palette.computeIfAbsent(rgb[i] & 0xFFFFFF, colour -> palette.size());
            if (index > 255) {
                return frame; // more than a GIF palette holds: the writer reduces it
            }
            indices[i] = (byte) (int) index;
        }
        byte[] r = new byte[256]; // always 256 entries: GIF tables are powers of two, unused ones stay black
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        palette.forEach((colour, index) -> {
            r[index] = (byte) (colour >> 16);
            g[index] = (byte) (colour >> 8);
            b[index] = (byte) (int) colour;
        });
        BufferedImage indexed = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 256, r, g, b));
        indexed.getRaster().setDataElements(0, 0, width, height, indices);
        return indexed;
    }

    private static void encode(List<BufferedImage> frames, int centiseconds, boolean loop, ImageOutputStream out)
            throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IOException("no GIF writer available");
        }
        ImageWriter writer = writers.next();
        try {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            // interlacing only helps a still picture arrive over a slow line, and the JDK's own reader loses rows
            // of interlaced frames only a few pixels high
            param.setProgressiveMode(ImageWriteParam.MODE_DISABLED);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < frames.size(); i++) {
                BufferedImage frame = frames.get(i);
                // not ImageTypeSpecifier.createFromRenderedImage: for TYPE_BYTE_INDEXED it answers the standard
                // 6x6x6 colour cube instead of the image's own palette, and the writer would put that in the file
                IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(frame), param);
                annotate(metadata, centiseconds, loop && i == 0);
                writer.writeToSequence(new IIOImage(frame, null, metadata), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    /** Sets the frame's delay and, on the first frame of a looping animation, the NETSCAPE2.0 loop block. */
    private static void annotate(IIOMetadata metadata, int centiseconds, boolean loopBlock) throws IOException {
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(FORMAT);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none"); // every frame is opaque and covers the whole picture
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(centiseconds));
        control.setAttribute("transparentColorIndex", "0");
        if (loopBlock) {
            IIOMetadataNode extension = new IIOMetadataNode("ApplicationExtension");
            extension.setAttribute("applicationID", "NETSCAPE");
            extension.setAttribute("authenticationCode", "2.0");
            extension.setUserObject(new byte[] {1, 0, 0}); // sub-block 1, loop count 0 (little-endian) = forever
            child(root, "ApplicationExtensions").appendChild(extension);
        }
        metadata.setFromTree(FORMAT, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        for (int i = 0; i < parent.getLength(); i++) {
            if (parent.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) parent.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        parent.appendChild(node);
        return node;
    }

    private static IndexColorModel greyPalette() {
        byte[] levels = new byte[256];
        for (int i = 0; i < 256; i++) {
            levels[i] = (byte) i;
        }
        return new IndexColorModel(8, 256, levels, levels, levels);
    }
}
