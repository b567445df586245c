package io.vaeexplorer.store;

import io.vaeexplorer.core.ModelConfig;
import io.vaeexplorer.core.ModelKind;
import io.vaeexplorer.core.NamedWeight;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names an exported model's tensors carry, and the way back to the network's own parameter names.
 *
 * <p>The network names a parameter by its path through the blocks, each step numbered from 1: the VAE's four parts
 * {@code 01encoder}, {@code 02mu}, {@code 03logvar}, {@code 04decoder}, inside the encoder and decoder each layer
 * by its place in the sequence and its class, e.g. {@code 04decoder_03Linear_weight}. Outside, two schemes:
 * <ul>
 * <li>{@link Naming#PYTORCH_EXAMPLES}: a plain MLP with one hidden layer takes the names of pytorch/examples' VAE,
 *     {@code fc1} (encoder), {@code fc21} (mu), {@code fc22} (log-variance), {@code fc3} and {@code fc4} (decoder),
 *     so that its {@code load_state_dict} takes the file as it is;</li>
 * <li>{@link Naming#SEQUENTIAL}: every other model names each layer by its part and its 0-based place in that
 *     part's sequence, activations and reshapes counted, as {@code torch.nn.Sequential} numbers its children:
 *     {@code encoder.6.weight}, {@code mu.bias}, {@code decoder.2.weight}. A PyTorch module built of the same
 *     layers in the same order loads the file unchanged (docs/export.md has the conv model's).</li>
 * </ul>
 * Shapes are PyTorch's in both: a linear weight is (out, in), a convolution's (out, in, kh, kw), as the network
 * holds them.
 */
public final class TensorNames {

    /** How a model's tensors are named outside. */
    public enum Naming {
        /** {@code fc1}, {@code fc21}, {@code fc22}, {@code fc3}, {@code fc4}, each {@code .weight} and {@code .bias}. */
        PYTORCH_EXAMPLES("pytorch-examples-vae", "pytorch/examples' VAE names (fc1, fc21, fc22, fc3, fc4)"),
        /** {@code encoder.N}, {@code mu}, {@code logvar}, {@code decoder.N}, each {@code .weight} and {@code .bias}. */
        SEQUENTIAL("sequential", "sequential names (encoder.N, mu, logvar, decoder.N)");

        private final String key;
        private final String description;

        Naming(String key, String description) {
            this.key = key;
            this.description = description;
        }

        /** The word the file's metadata records. */
        public String key() {
            return key;
        }

        /** A phrase for people, e.g. "pytorch/examples' VAE names (fc1, ...)". */
        public String description() {
            return description;
        }
    }

    /** The VAE's parts in the network's order; the network numbers them from 1. */
    private static final List<String> PARTS = List.of("encoder", "mu", "logvar", "decoder");
    private static final Pattern NETWORK_NAME =
            Pattern.compile("(\\d{2})(encoder|mu|logvar|decoder)(?:_(\\d{2})(Linear|Conv2d))?_(weight|bias)");
    private static final Pattern SEQUENTIAL_NAME =
            Pattern.compile("(encoder|mu|logvar|decoder)(?:\\.(\\d{1,2}))?\\.(weight|bias)");
    private static final Pattern FC_NAME = Pattern.compile("(fc1|fc21|fc22|fc3|fc4)\\.(weight|bias)");
    /** pytorch/examples' layer for each layer of the one-hidden-layer MLP, by the network's layer path. */
    private static final Map<String, String> FC_BY_LAYER = Map.of(
            "01encoder_01Linear", "fc1",
            "02mu", "fc21",
            "03logvar", "fc22",
            "04decoder_01Linear", "fc3",
            "04decoder_03Linear", "fc4");

    private TensorNames() {
    }

    /** The scheme a model is exported with: pytorch/examples' names for its MLP, sequential names otherwise. */
    public static Naming namingFor(ModelConfig config) {
        return config.kind() == ModelKind.MLP && config.hidden().size() == 1 && !config.conditional()
                ? Naming.PYTORCH_EXAMPLES : Naming.SEQUENTIAL;
    }

    /**
     * The weights under their outside names, in the same order.
     *
     * @throws IllegalArgumentException for a parameter name of another form than the network's linear and
     *         convolution layers give
     */
    public static List<NamedWeight> exported(List<NamedWeight> weights, Naming naming) {
        List<NamedWeight> renamed = new ArrayList<>(weights.size());
        for (NamedWeight weight : weights) {
            renamed.add(new NamedWeight(exportedName(weight.name(), naming), weight.shape(), weight.values()));
        }
        return renamed;
    }

    /** One parameter's outside name, e.g. "fc4.bias" or "decoder.6.weight" for "04decoder_07Conv2d_weight". */
    static String exportedName(String networkName, Naming naming) {
        Matcher m = NETWORK_NAME.matcher(networkName);
        if (!m.matches() || Integer.parseInt(m.group(1)) != PARTS.indexOf(m.group(2)) + 1
                || (m.group(3) == null) != isHead(m.group(2)) || "00".equals(m.group(3))) {
            throw new IllegalArgumentException("cannot name parameter " + networkName
                    + " for export: it is not a linear or convolution layer's weight or bias");
        }
        String parameter = m.group(5);
        if (naming == Naming.PYTORCH_EXAMPLES) {
            String layerPath = m.group(3) == null ? m.group(1) + m.group(2) : m.group(1) + m.group(2) + "_"
                    + m.group(3) + m.group(4);
            String fc = FC_BY_LAYER.get(layerPath);
            if (fc == null) {
                throw new IllegalArgumentException("parameter " + networkName + " has no place in pytorch/examples'"
                        + " VAE, which has one hidden layer");
            }
            return fc + "." + parameter;
        }
        return m.group(2) + (m.group(3) == null ? "" : "." + (Integer.parseInt(m.group(3)) - 1)) + "." + parameter;
    }

    /**
     * The tensors of a file under the network's names, in the network's order (part, then layer, weight before
     * bias), whatever order the file held them in. Either scheme is read.
     *
     * @throws IllegalArgumentException naming the first tensor that is no weight of this program's VAE, a bias
     *         without its weight, or two tensors that name one parameter
     */
    public static List<NamedWeight> network(List<NamedWeight> tensors) {
        Map<String, NamedWeight> byOutsideName = new HashMap<>();
        for (NamedWeight tensor : tensors) {
            byOutsideName.put(tensor.name(), tensor);
        }
        record Placed(int part, int layer, int parameter, NamedWeight weight) {
        }
        List<Placed> placed = new ArrayList<>();
        Map<String, String> outsideByNetworkName = new HashMap<>();
        for (NamedWeight tensor : tensors) {
            Layer layer = layerOf(tensor.name());
            String parameter = tensor.name().substring(tensor.name().lastIndexOf('.') + 1);
            NamedWeight weight = parameter.equals("weight") ? tensor
                    : byOutsideName.get(tensor.name().substring(0, tensor.name().lastIndexOf('.')) + ".weight");
            if (weight == null) {
                throw new IllegalArgumentException("tensor " + tensor.name() + " is a bias without its weight");
            }
            String layerClass = switch (weight.shape().length) {
                case 2 -> "Linear";
                case 4 -> "Conv2d";
                default -> throw new IllegalArgumentException("tensor " + weight.name() + " has "
                        + weight.shape().length + " dimensions; a linear weight has 2 and a convolution's 4");
            };
            if (layer.index() < 0 && !layerClass.equals("Linear")) {
                throw new IllegalArgumentException("tensor " + weight.name() + " must be a linear weight (2 dimensions)");
            }
            String networkName = String.format("%02d%s%s_%s", layer.part() + 1, PARTS.get(layer.part()),
                    layer.index() < 0 ? "" : String.format("_%02d%s", layer.index() + 1, layerClass), parameter);
            String earlier = outsideByNetworkName.put(networkName, tensor.name());
            if (earlier != null) {
                throw new IllegalArgumentException("tensors " + earlier + " and " + tensor.name()
                        + " name the same parameter");
            }
            placed.add(new Placed(layer.part(), layer.index(), parameter.equals("weight") ? 0 : 1,
                    new NamedWeight(networkName, tensor.shape(), tensor.values())));
        }
        placed.sort(Comparator.comparingInt(Placed::part).thenComparingInt(Placed::layer)
                .thenComparingInt(Placed::parameter));
        return placed.stream().map(Placed::weight).toList();
    }

    /** A layer's place: part 0..3, and its 0-based index in the part's sequence (-1 for the mu and logvar heads). */
    private record Layer(int part, int index) {
    }

    private static Layer layerOf(String name) {
        Matcher fc = FC_NAME.matcher(name);
        if (fc.matches()) {
            return switch (fc.group(1)) {
                case "fc1" -> new Layer(0, 0);
                case "fc21" -> new Layer(1, -1);
                case "fc22" -> new Layer(2, -1);
                case "fc3" -> new Layer(3, 0);
                default -> new Layer(3, 2);
            };
        }
        Matcher m = SEQUENTIAL_NAME.matcher(name);
        if (m.matches() && (m.group(2) == null) == isHead(m.group(1))
                && (m.group(2) == null || Integer.parseInt(m.group(2)) < 99)) {
            return new Layer(PARTS.indexOf(m.group(1)), m.group(2) == null ? -1 : Integer.parseInt(m.group(2)));
        }
        throw new IllegalArgumentException("tensor " + name + " is no weight of this program's VAE (it reads fc1, fc21,"
                + " fc22, fc3, fc4 or encoder.N, mu, logvar, decoder.N, each .weight or .bias)");
    }

    private static boolean isHead(String part) {
        return part.equals("mu") || part.equals("logvar");
    }
}
