"""Writes fused_adam.pt, the TorchScript function VaeTrainer calls for its Adam step.

Why: DJL's Adam runs about twelve tensor passes per parameter (a gradient clone, separate multiply, sqrt, add and
divide temporaries, then a zeroing pass); PyTorch's own fused kernel (torch._fused_adam_, on the CPU since
PyTorch 2.4) updates weights, both moments and step counts in one pass over all parameters. DJL can run
TorchScript but has no call for this op, so this tiny script reaches it.

The archive holds the function's source, which libtorch compiles when it loads the file; the PyTorch that
writes it only has to know the op's schema (1.13 does). Regenerate with:

    python3 src/main/torchscript/fused_adam.py src/main/resources/io/vaeexplorer/engine/step/fused_adam.pt
"""
import sys
from typing import List

import torch


class FusedAdam(torch.nn.Module):
    def forward(self, params: List[torch.Tensor], grads: List[torch.Tensor], exp_avgs: List[torch.Tensor],
                exp_avg_sqs: List[torch.Tensor], steps: List[torch.Tensor], lr: float, beta1: float,
                beta2: float, eps: float) -> int:
        torch._foreach_add_(steps, 1.0)
        torch._fused_adam_(params, grads, exp_avgs, exp_avg_sqs, [], steps, lr=lr, beta1=beta1, beta2=beta2,
                           weight_decay=0.0, eps=eps, amsgrad=False, maximize=False)
        torch._foreach_zero_(grads)  # the next backward accumulates into zeroed gradients, as zero_grad() leaves them
        return 0


if __name__ == "__main__":
    torch.jit.script(FusedAdam()).save(sys.argv[1])
