"""Writes mlp_train_step.pt, the TorchScript function that runs a whole training step of an MLP VAE.

Why: a step through DJL's ops crosses JNI about 60 times (each op of the forward pass, the loss, backward, every
gradient handle), builds a Java object per intermediate and lets gradients accumulate into buffers that then need
zeroing. This function does the step inside libtorch in one call: the forward pass, the ELBO, its gradients and
PyTorch's fused Adam (torch._fused_adam_).

The gradients are written out by hand rather than taken by autograd. For an MLP they are a few lines, and
autograd inside TorchScript costs more than it saves: the JIT's own differentiation of relu and the reparameterised
sample adds comparison, conversion and copy passes, the backward graph is interpreted op by op, and TorchScript
cannot even turn gradient recording on by itself. Without it the call runs with recording off (as DJL runs
TorchScript for inference) and skips the input's own gradient and every saved intermediate autograd would keep.

The model is io.vaeexplorer.engine.VaeBlock's MLP with its parameters in DJL's order: for each hidden layer a
(weight, bias) pair, then the mu head, the log-variance head, the decoder's hidden layers and the output layer;
weights are (out, in) as in torch.nn.Linear. A conditional model's heads take the features with the class one-hot
beside them, and its decoder z with the class beside it; a plain model's conditions have no columns. The loss is io.vaeexplorer.model.ElboLoss's. ScriptedMlpStepTest
checks losses and weights against DJL's autograd step by step for each objective.

The archive holds the function's source, which libtorch compiles when it loads the file; the PyTorch that
writes it only has to know the ops' schemas (1.13 does). Regenerate with:

    python3 src/main/torchscript/mlp_train_step.py src/main/resources/io/vaeexplorer/engine/step/mlp_train_step.pt
"""
import sys
from typing import List

import torch
from torch import Tensor


class MlpTrainStep(torch.nn.Module):
    def forward(self, images: Tensor, conditions: Tensor, weights: List[Tensor], means: List[Tensor],
                variances: List[Tensor], step: Tensor, settings: List[float], bernoulli: bool) -> Tensor:
        """One Adam step on the batch; returns [reconstruction sum, KL sum] over the batch (in nats).

        conditions: each image's class one-hot (batch, classes) for a conditional model, (batch, 0) for a plain one.
        step: the steps taken so far (a 0-d float tensor, one for all weights, as they are always stepped together).
        settings: learning rate, reconstruction weight, KL weight, and the capacity in nats per image (negative
        for none: with one, the objective is reconstruction + KL weight |KL - capacity|, Burgess et al. 2018).
        bernoulli: BCE reconstruction, else MSE.
        """
        learning_rate = settings[0]
        reconstruction_weight = settings[1]
        kl_weight = settings[2]
        hidden_layers = (len(weights) - 6) // 4
        heads = 2 * hidden_layers
        first_decoder = heads + 4
        output = len(weights) - 2

        # forward, keeping each layer's input (a weight's gradient needs it) and ReLU output (its mask)
        encoder_inputs: List[Tensor] = []
        h = images
        for k in range(hidden_layers):
            encoder_inputs.append(h)
            h = torch.relu_(torch.addmm(weights[2 * k + 1], h, weights[2 * k].t()))
        features = h
        feature_count = features.size(1)
        head_input = torch.cat([features, conditions], 1) if conditions.size(1) > 0 else features
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
        decoder_inputs: List[Tensor] = []
        h = torch.cat([z, conditions], 1) if conditions.size(1) > 0 else z
        for k in range(hidden_layers):
            decoder_inputs.append(h)
            w = first_decoder + 2 * k
            h = torch.relu_(torch.addmm(weights[w + 1], h, weights[w].t()))
        logits = torch.addmm(weights[output + 1], h, weights[output].t())
        probabilities = torch.sigmoid(logits)

        if bernoulli:
            # sum(softplus(l) - x * l): binary cross-entropy of sigmoid(l), never the log of 0; the x * l part as
            # one dot product, without a temporary of the batch's size
            reconstruction = torch.sum(torch.nn.functional.softplus(logits)) - torch.dot(images.view(-1),
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
            excess = float(kl) - settings[3] * images.size(0)
            kl_weight = kl_weight if excess > 0.0 else (-kl_weight if excess < 0.0 else 0.0)

        gradients: List[Tensor] = [torch.empty(0) for _ in range(len(weights))]
        # the decoder: reconstruction term only (KL-only training leaves it without gradient, as autograd would)
        if reconstruction_weight != 0.0:
            delta = logits_gradient * reconstruction_weight if reconstruction_weight != 1.0 else logits_gradient
            gradients[output] = torch.mm(delta.t(), h)
            gradients[output + 1] = torch.sum(delta, 0)
            upstream = torch.mm(delta, weights[output])
            for k in range(hidden_layers - 1, -1, -1):
                w = first_decoder + 2 * k
                upstream = torch.ops.aten.threshold_backward(upstream, h, 0.0)
                h = decoder_inputs[k]
                gradients[w] = torch.mm(upstream.t(), h)
                gradients[w + 1] = torch.sum(upstream, 0)
                upstream = torch.mm(upstream, weights[w])
            # the gradient with respect to z, leaving out the conditions' columns
            mu_gradient = upstream[:, :latent]
            logvar_gradient = mu_gradient * scaled_noise
        else:
            for w in range(first_decoder, len(weights)):
                gradients[w] = torch.zeros_like(weights[w])
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
        h = features
        for k in range(hidden_layers - 1, -1, -1):
            upstream = torch.ops.aten.threshold_backward(upstream, h, 0.0)
            h = encoder_inputs[k]
            gradients[2 * k] = torch.mm(upstream.t(), h)
            gradients[2 * k + 1] = torch.sum(upstream, 0)
            if k > 0:
                upstream = torch.mm(upstream, weights[2 * k])

        # one count for all weights: one increment instead of one per weight (each converting the 1 to a tensor)
        step.add_(1.0)
        steps = [step for _ in range(len(weights))]
        torch._fused_adam_(weights, gradients, means, variances, [], steps, lr=learning_rate, beta1=0.9,
                           beta2=0.999, weight_decay=0.0, eps=1e-8, amsgrad=False, maximize=False)
        return torch.stack([reconstruction, kl])


if __name__ == "__main__":
    torch.jit.script(MlpTrainStep()).save(sys.argv[1])
