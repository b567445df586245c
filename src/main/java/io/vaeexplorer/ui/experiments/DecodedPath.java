package io.vaeexplorer.ui.experiments;

import io.vaeexplorer.explore.ImageGrid;
import io.vaeexplorer.explore.InterpolationEnds;
import io.vaeexplorer.render.ImageTiler;
import io.vaeexplorer.render.Raster;
import io.vaeexplorer.ui.plane.LatentPoints;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An interpolation strip with the latent vectors it was decoded from, kept to draw the path on the plane (again
 * when the plane's projection changes) and to animate it.
 *
 * @param strip the decodes tiled in one row
 * @param path the latent vectors, row-major (steps x dim)
 * @param images the decodes, one per step
 */
record DecodedPath(Raster strip, float[] path, int dim, ImageGrid images) {

    int steps() {
        return path.length / dim;
    }

    /**
     * The path as plane points {x0, y0, x1, y1, ...}: through the points' projection, or the latent space itself
     * for d <= 2; null while a model of more dimensions has no projection of its own codes yet.
     */
    double[] onPlane(LatentPoints points) {
        boolean projectable = points != null && points.dim() == dim;
        if (!projectable && dim > 2) {
            return null;
        }
        int steps = steps();
        double[] xy = new double[2 * steps];
        for (int i = 0; i < steps; i++) {
            float[] z = Arrays.copyOfRange(path, i * dim, (i + 1) * dim);
            double[] p = projectable ? points.toPlane(z) : new double[] {z[0], dim == 1 ? 0 : z[1]};
            xy[2 * i] = p[0];
            xy[2 * i + 1] = p[1];
        }
        return xy;
    }

    /**
     * The decodes as animation frames from A to B and back again (so a looping animation does not jump), the
     * ends once each, every image enlarged {@code scale} times.
     */
    List<Raster> animationFrames(int scale) {
        List<Raster> frames = new ArrayList<>();
        for (int i : InterpolationEnds.forthAndBack(images.count())) {
            frames.add(ImageTiler.single(images.image(i), images.shape(), scale));
        }
        return frames;
    }
}
