"""Writes conv_train_step.pt, the TorchScript function that runs a whole training step of the convolutional VAE.

Why: a step through DJL's ops crosses JNI for every op of the forward pass, the loss and the backward pass, builds
a Java object per intermediate, records an autograd graph and then hands out a gradient handle per weight. This
function does the step inside libtorch in one call: the forward pass, the ELBO, its gradients and PyTorch's fused
Adam (torch._fused_adam_).

The gradients are written out with ATen's own backward kernels (convolution_backward, threshold_backward, matrix
products), the ones autograd would call, rather than taken by autograd: the call then runs with gradient recording
off (as DJL runs TorchScript), keeps no graph, skips the gradient of the input images, and TorchScript could not
turn recording on by itself anyway.

Each of the decoder's "nearest 2x upsampling, then 3x3 convolution" pairs runs as one convolution of the
low-resolution map (see upsampling_kernel): the same function, with 4/9 of the multiplications per output pixel,
and without the upsampled map, which libtorch's CPU kernels build and convolve slowly for these small channel
counts (a 3x3 convolution down to the single logit channel above all). The results equal upsampling then
convolving up to float rounding: the new kernels' taps are sums of the 3x3 kernel's.

The input gradient of every convolution is a forward convolution too, never convolution_backward's backward-data:
on some CPUs libtorch's oneDNN backward-data kernel reads memory it never wrote for layers with fewer output
channels than a vector holds, and the gradient comes back wrong or NaN at random. For the decoder's layers that is
the flipped, transposed 2x2 kernels (upsampling_conv_backward); for the encoder's stride-2 layers, whose input
gradient is a transposed convolution, the same parity split run the other way (strided_conv_input_gradient).

The model is io.vaeexplorer.engine.VaeLayers.conv inside io.vaeexplorer.engine.VaeBlock, with its parameters in
DJL's order, each layer a (weight, bias) pair; S stages (2, or 3 for images larger than 32 pixels a side) of
channels k_1..k_S (c1, c2[, 2 c2]), images of C channels (1 or 3), channel-major:
    encoder: S convs 3x3 stride 2 (C -> k_1 -> ... -> k_S), [dense (k_S*h/2^S*w/2^S -> n)]
    heads:   mu, log-variance
    decoder: [dense (d -> n)], dense (-> k_S*h/2^S*w/2^S), then S times nearest 2x upsampling and a conv 3x3
             (k_S -> ... -> k_1 -> C)
all convolutions padded by 1, every layer but the heads and the last followed by ReLU. The bracketed dense layers
exist when the model has a dense size (4 S + 10 parameters, else 4 S + 6). A conditional model's heads take the
features with the class one-hot beside them, and its decoder z with the class beside it; a plain model's
conditions have no columns. Nearest 2x upsampling repeats each
pixel along both axes, as VaeLayers.upsample2 does. The loss is io.vaeexplorer.engine.ElboLoss's.
ScriptedConvStepTest checks losses and weights against DJL's autograd step by step for each objective, for grey
and colour images and for both depths.

The archive holds the function's source, which libtorch compiles when it loads the file; the PyTorch that
writes it only has to know the ops' schemas (1.13 does). Regenerate with:

    python3 src/main/torchscript/conv_train_step.py src/main/resources/io/vaeexplorer/engine/step/conv_train_step.pt
"""
import sys
from typing import List

import torch
from torch import Tensor


def linear_relu(x: Tensor, weight: Tensor, bias: Tensor) -> Tensor:
    return torch.relu_(torch.addmm(bias, x, weight.t()))


def conv3x3(x: Tensor, weight: Tensor, bias: Tensor, stride: int) -> Tensor:
    return torch.conv2d(x, weight, bias, [stride, stride], [1, 1])


def conv3x3_weight_backward(gradient: Tensor, x: Tensor, weight: Tensor, stride: int) -> List[Tensor]:
    """[weight gradient, bias gradient]; the input gradient is left to strided_conv_input_gradient."""
    _, dw, db = torch.ops.aten.convolution_backward(gradient, x, weight, [weight.size(0)], [stride, stride],
                                                    [1, 1], [1, 1], False, [0, 0], 1, [False, True, True])
    return [dw, db]


def downsampling_taps(like: Tensor) -> Tensor:
    """taps[a, u, k]: whether row k of a stride-2 3x3 kernel (padding 1) links input row 2i + a to output row i + u.

    Output row i reads input rows 2i - 1 .. 2i + 1 with kernel rows 0 .. 2, so an even input row 2i takes only
    kernel row 1 (from output row i) and an odd one, 2i + 1, kernel row 2 from output row i and kernel row 0 from
    output row i + 1. Columns alike.
    """
    return torch.tensor([[[0.0, 1.0, 0.0], [0.0, 0.0, 0.0]],
                         [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]], dtype=like.dtype, device=like.device)


def strided_conv_input_gradient(gradient: Tensor, weight: Tensor) -> Tensor:
    """The input gradient (N, C_in, 2H, 2W) of a stride-2 3x3 convolution (padding 1) from its output gradient
    (N, C_out, H, W), as a forward convolution: the gradient, padded by one row and column at the end, convolved
    with 2x2 kernels derived from the 3x3 one (see downsampling_taps), one output channel 4 c + 2 a + b per input
    channel c and pixel parity (a, b), then interleaved."""
    taps = downsampling_taps(weight)
    c_in = weight.size(1)
    kernel = torch.einsum('auk,ockl,bvl->cabouv', [taps, weight, taps]).reshape(4 * c_in, weight.size(0), 2, 2)
    parities = torch.conv2d(torch.nn.functional.pad(gradient, [0, 1, 0, 1]), kernel)
    n = gradient.size(0)
    h = gradient.size(2)
    w = gradient.size(3)
    return parities.view(n, c_in, 2, 2, h, w).permute(0, 1, 4, 2, 5, 3).reshape(n, c_in, 2 * h, 2 * w)


def upsampling_taps(like: Tensor) -> Tensor:
    """taps[a, p, k]: whether row k of a 3x3 kernel acts on low-resolution row i - 1 + a + p for output row 2i + a.

    After nearest 2x upsampling, output row 2i + a of a 3x3 convolution (padding 1) reads upsampled rows
    2i + a - 1 .. 2i + a + 1, which repeat low-resolution rows (i - 1, i, i) for a = 0 and (i, i, i + 1) for a = 1:
    two distinct rows each, (i - 1, i) taking kernel rows (0, 1 + 2) and (i, i + 1) taking (0 + 1, 2). Columns alike.
    """
    return torch.tensor([[[1.0, 0.0, 0.0], [0.0, 1.0, 1.0]],
                         [[1.0, 1.0, 0.0], [0.0, 0.0, 1.0]]], dtype=like.dtype, device=like.device)


def upsampling_kernel(weight: Tensor) -> Tensor:
    """(C_out, C_in, 3, 3) -> (4 C_out, C_in, 2, 2): for output channel o and output pixel parity (a, b), the 2x2
    kernel that computes "upsample, then convolve with weight" from the low-resolution map, as channel
    4 o + 2 a + b. Run over the map padded by 1, parity (a, b)'s output for pixel (i, j) lands at (i + a, j + b)."""
    taps = upsampling_taps(weight)
    return torch.einsum('apk,ockl,bql->oabcpq', [taps, weight, taps]).reshape(4 * weight.size(0), weight.size(1), 2, 2)


def upsampling_kernel_backward(gradient: Tensor, weight: Tensor) -> Tensor:
    """The 3x3 kernel's gradient from the 2x2 kernels' (the transpose of upsampling_kernel, a linear map)."""
    taps = upsampling_taps(weight)
    kernels = gradient.view(weight.size(0), 2, 2, weight.size(1), 2, 2)
    return torch.einsum('apk,oabcpq,bql->ockl', [taps, kernels, taps])


def parity_view(y: Tensor) -> Tensor:
    """(N, 4C, H + 1, W + 1) -> the (N, C, H, 2, W, 2) view whose [n, c, i, a, j, b] is y[n, 4c + 2a + b, i + a, j + b],
    which read as (N, C, 2H, 2W) is the upsampled convolution's output."""
    s = y.stride()
    return y.as_strided([y.size(0), y.size(1) // 4, y.size(2) - 1, 2, y.size(3) - 1, 2],
                        [s[0], 4 * s[1], s[2], 2 * s[1] + s[2], s[3], s[1] + s[3]], y.storage_offset())


def upsampling_conv(x: Tensor, kernel: Tensor, bias: Tensor) -> Tensor:
    """Nearest 2x upsampling then a 3x3 convolution (padding 1) given its upsampling_kernel, in the parity layout
    (N, 4 C_out, H + 1, W + 1) that parity_view reads; the border cells parity_view skips hold nothing."""
    return torch.conv2d(x, kernel, bias.repeat_interleave(4), [1, 1], [1, 1])


def interleave_parities(y: Tensor) -> Tensor:
    """The parity layout as the (N, C, 2H, 2W) map."""
    return parity_view(y).reshape(y.size(0), y.size(1) // 4, 2 * (y.size(2) - 1), 2 * (y.size(3) - 1))


def split_parities(gradient: Tensor) -> Tensor:
    """A (N, C, 2H, 2W) map's gradient in the parity layout, zero on the skipped border cells."""
    n = gradient.size(0)
    c = gradient.size(1)
    h = gradient.size(2) // 2
    w = gradient.size(3) // 2
    y = torch.zeros([n, 4 * c, h + 1, w + 1], dtype=gradient.dtype, device=gradient.device)
    parity_view(y).copy_(gradient.view(n, c, h, 2, w, 2))
    return y


def upsampling_conv_backward(gradient: Tensor, x: Tensor, kernel: Tensor, weight: Tensor) -> List[Tensor]:
    """[input gradient, 3x3 weight gradient, bias gradient] from the parity layout's gradient.

    The input gradient is the forward convolution of the gradient with the flipped, transposed 2x2 kernels (this
    convolution is stride 1 with padding 1 = kernel size - 1, so that is exact), not convolution_backward's: on
    some CPUs libtorch's oneDNN backward-data kernel reads memory it never wrote when the layer has fewer output
    channels than a vector holds (the last layer has 4), and the gradient comes back wrong or NaN at random.
    """
    dx = torch.conv2d(gradient, kernel.flip([2, 3]).transpose(0, 1), None, [1, 1], [0, 0])
    _, dk, db = torch.ops.aten.convolution_backward(gradient, x, kernel, [kernel.size(0)], [1, 1], [1, 1], [1, 1],
                                                    False, [0, 0], 1, [False, True, True])
    return [dx, upsampling_kernel_backward(dk, weight), db.view(weight.size(0), 4).sum(1)]


class ConvTrainStep(torch.nn.Module):
    def forward(self, images: Tensor, conditions: Tensor, weights: List[Tensor], means: List[Tensor],
                variances: List[Tensor], step: Tensor, settings: List[float], bernoulli: bool,
                image_shape: List[int]) -> Tensor:
        """One Adam step on the batch; returns [reconstruction sum, KL sum] over the batch (in nats).

        conditions: each image's class one-hot (batch, classes) for a conditional model, (batch, 0) for a plain one.
        step: the steps taken so far (a 0-d float tensor, one for all weights, as they are always stepped together).
        settings: learning rate, reconstruction weight, KL weight, and the capacity in nats per image (negative
        for none: with one, the objective is reconstruction + KL weight |KL - capacity|, Burgess et al. 2018).
        bernoulli: BCE reconstruction, else MSE. image_shape: rows, columns, channels, stages.
        """
        learning_rate = settings[0]
        reconstruction_weight = settings[1]
        kl_weight = settings[2]
        rows = image_shape[0]
        cols = image_shape[1]
        channels = image_shape[2]
        stages = image_shape[3]
        batch = images.size(0)
        dense = len(weights) == 4 * stages + 10
        heads = 2 * stages + (2 if dense else 0)
        first_decoder = heads + 4
        first_decoder_conv = len(weights) - 2 * stages
        grid_rows = rows
        grid_cols = cols
        for _ in range(stages):
            grid_rows = grid_rows // 2
            grid_cols = grid_cols // 2
        deepest = weights[2 * stages - 2].size(0)
        # the encoder's last feature map flattened; written out, as -1 is ambiguous for an empty batch
        grid_size = deepest * grid_rows * grid_cols

        # forward, keeping what the gradients need: each layer's input and each ReLU's output (its mask)
        x = images.view(batch, channels, rows, cols)
        encoded: List[Tensor] = []
        h = x
        for s in range(stages):
            h = torch.relu_(conv3x3(h, weights[2 * s], weights[2 * s + 1], 2))
            encoded.append(h)
        flat = h.reshape(batch, grid_size)
        if dense:
            features = linear_relu(flat, weights[2 * stages], weights[2 * stages + 1])
        else:
            features = flat
        feature_count = features.size(1)
        conditioned = conditions.size(1) > 0
        head_input = torch.cat([features, conditions], 1) if conditioned else features
        # the mu and log-variance heads as one product (and one for each of their gradients below)
        latent = weights[heads].size(0)
        head_weights = torch.cat([weights[heads], weights[heads + 2]])
        stats = torch.addmm(torch.cat([weights[heads + 1], weights[heads + 3]]), head_input, head_weights.t())
        mu = stats[:, :latent]
        logvar = stats[:, latent:]
        # the same draw as VaeBlock.reparameterize: standard normal noise from the engine's seeded generator
        noise = torch.randn(mu.size(), dtype=mu.dtype, device=mu.device)
        scaled_noise = torch.exp(logvar * 0.5) * noise
        z = scaled_noise + mu
        decoder_input = torch.cat([z, conditions], 1) if conditioned else z
        w = first_decoder
        if dense:
            hidden = linear_relu(decoder_input, weights[w], weights[w + 1])
            w += 2
        else:
            hidden = decoder_input
        grid = linear_relu(hidden, weights[w], weights[w + 1])
        h = grid.view(batch, deepest, grid_rows, grid_cols)
        # the decoder's upsampling convolutions: each one's input, kernels and ReLU output in the parity layout
        decoder_inputs: List[Tensor] = []
        kernels: List[Tensor] = []
        activations: List[Tensor] = []
        logits = h
        for j in range(stages):
            k = first_decoder_conv + 2 * j
            kernel = upsampling_kernel(weights[k])
            decoder_inputs.append(h)
            kernels.append(kernel)
            y = upsampling_conv(h, kernel, weights[k + 1])
            if j < stages - 1:
                y = torch.relu_(y)
                activations.append(y)
                h = interleave_parities(y)
            else:
                logits = interleave_parities(y).view(batch, channels * rows * cols)
        probabilities = torch.sigmoid(logits)

        if bernoulli:
            # sum(softplus(l) - x * l): binary cross-entropy of sigmoid(l), never the log of 0; the x * l part as
            # one dot product, without a temporary of the batch's size
            reconstruction = torch.sum(torch.nn.functional.softplus(logits)) - torch.dot(images.reshape(-1),
                                                                                          logits.view(-1))
            logits_gradient = probabilities - images
        else:
            error = probabilities - images
            reconstruction = torch.sum(error * error)
            logits_gradient = error * probabilities * (1.0 - probabilities) * 2.0
        variance = torch.exp(logvar)
        kl = torch.sum(mu * mu + variance - logvar - 1.0) * 0.5
        if len(settings) > 3 and settings[3] >= 0.0:
            # |KL - C| has the KL's gradient times the sign of KL - C (over the batch: C per image times its size)
            excess = float(kl) - settings[3] * batch
            kl_weight = kl_weight if excess > 0.0 else (-kl_weight if excess < 0.0 else 0.0)

        gradients: List[Tensor] = [torch.empty(0) for _ in range(len(weights))]
        # the decoder: reconstruction term only (KL-only training leaves it without gradient, as autograd would)
        if reconstruction_weight != 0.0:
            delta = logits_gradient * reconstruction_weight if reconstruction_weight != 1.0 else logits_gradient
            upstream = split_parities(delta.view(batch, channels, rows, cols))
            for j in range(stages - 1, -1, -1):
                k = first_decoder_conv + 2 * j
                g = upsampling_conv_backward(upstream, decoder_inputs[j], kernels[j], weights[k])
                gradients[k] = g[1]
                gradients[k + 1] = g[2]
                if j > 0:
                    upstream = torch.ops.aten.threshold_backward(split_parities(g[0]), activations[j - 1], 0.0)
                else:
                    upstream = g[0]
            upstream = torch.ops.aten.threshold_backward(upstream.reshape(batch, grid_size), grid, 0.0)
            gradients[w] = torch.mm(upstream.t(), hidden)
            gradients[w + 1] = torch.sum(upstream, 0)
            upstream = torch.mm(upstream, weights[w])
            if dense:
                upstream = torch.ops.aten.threshold_backward(upstream, hidden, 0.0)
                gradients[first_decoder] = torch.mm(upstream.t(), decoder_input)
                gradients[first_decoder + 1] = torch.sum(upstream, 0)
                upstream = torch.mm(upstream, weights[first_decoder])
            # the gradient with respect to z, leaving out the conditions' columns
            mu_gradient = upstream[:, :latent]
            logvar_gradient = mu_gradient * scaled_noise
        else:
            for k in range(first_decoder, len(weights)):
                gradients[k] = torch.zeros_like(weights[k])
            mu_gradient = torch.zeros_like(mu)
            logvar_gradient = torch.zeros_like(logvar)
        # the KL term, d/dmu = mu and d/dlogvar = (exp(logvar) - 1) / 2; the sample's d/dlogvar is halved here too
        if kl_weight != 0.0:
            mu_gradient = torch.add(mu_gradient, mu, alpha=kl_weight)
            logvar_gradient = torch.add(logvar_gradient, variance - 1.0, alpha=kl_weight)
        logvar_gradient = logvar_gradient * 0.5
        # the heads and the encoder
        stats_gradient = torch.cat([mu_gradient, logvar_gradient], 1)
        head_weights_gradient = torch.mm(stats_gradient.t(), head_input)
        head_bias_gradient = torch.sum(stats_gradient, 0)
        gradients[heads] = head_weights_gradient[:latent]
        gradients[heads + 1] = head_bias_gradient[:latent]
        gradients[heads + 2] = head_weights_gradient[latent:]
        gradients[heads + 3] = head_bias_gradient[latent:]
        upstream = torch.mm(stats_gradient, head_weights[:, :feature_count])
        if dense:
            upstream = torch.ops.aten.threshold_backward(upstream, features, 0.0)
            gradients[2 * stages] = torch.mm(upstream.t(), flat)
            gradients[2 * stages + 1] = torch.sum(upstream, 0)
            upstream = torch.mm(upstream, weights[2 * stages])
        upstream = torch.ops.aten.threshold_backward(upstream.view(encoded[stages - 1].size()), encoded[stages - 1],
                                                     0.0)
        for s in range(stages - 1, -1, -1):
            g = conv3x3_weight_backward(upstream, encoded[s - 1] if s > 0 else x, weights[2 * s], 2)
            gradients[2 * s] = g[0]
            gradients[2 * s + 1] = g[1]
            if s > 0:
                upstream = torch.ops.aten.threshold_backward(strided_conv_input_gradient(upstream, weights[2 * s]),
                                                             encoded[s - 1], 0.0)

        # one count for all weights: one increment instead of one per weight (each converting the 1 to a tensor)
        step.add_(1.0)
        steps = [step for _ in range(len(weights))]
        torch._fused_adam_(weights, gradients, means, variances, [], steps, lr=learning_rate, beta1=0.9,
                           beta2=0.999, weight_decay=0.0, eps=1e-8, amsgrad=False, maximize=False)
        return torch.stack([reconstruction, kl])


if __name__ == "__main__":
    torch.jit.script(ConvTrainStep()).save(sys.argv[1])
