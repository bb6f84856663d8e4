"""AdamW as the C# trainer runs it, for ZeroRedundancyOptimizer to shard (ZeRO-1).

PyTorch's decoupled-weight-decay update, with its state in fp32 whatever the weights' dtype: bf16
weights get an fp32 master copy that the update is applied to and then rounded from. Under
``ZeroRedundancyOptimizer(optimizer_class=AdamW)`` each rank builds this optimizer over its own
shard of the parameters only, so the fp32 master, m and v are split across ranks: the issue's
arithmetic (bf16 weights + bf16 gradients + 12 bytes/parameter / N ranks).
"""
import torch


class AdamW(torch.optim.Optimizer):
    """Weight decay applies to the groups given ``weight_decay`` (matrices, see :func:`param_groups`)."""

    def __init__(self, params, lr=2e-5, betas=(0.9, 0.95), eps=1e-8, weight_decay=0.1):
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay))

    @torch.no_grad()
    def step(self, closure=None):
        for group in self.param_groups:
            lr, (b1, b2), eps, wd = group["lr"], group["betas"], group["eps"], group["weight_decay"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p]
                if not state:
                    state["step"] = torch.zeros((), dtype=torch.float64)
                    state["exp_avg"] = torch.zeros_like(p, dtype=torch.float32)
                    state["exp_avg_sq"] = torch.zeros_like(p, dtype=torch.float32)
                    if p.dtype != torch.float32:
                        state["master"] = p.detach().float().clone()
                state["step"] += 1
                steps = float(state["step"])
                correction1 = 1 - b1 ** steps
                correction2_sqrt = (1 - b2 ** steps) ** 0.5
                g = p.grad.float()
                weights = state.get("master", p)
                if wd != 0:
                    weights.mul_(1 - lr * wd)
                state["exp_avg"].mul_(b1).add_(g, alpha=1 - b1)
                state["exp_avg_sq"].mul_(b2).addcmul_(g, g, value=1 - b2)
                denominator = state["exp_avg_sq"].sqrt().div_(correction2_sqrt).add_(eps)
                weights.addcdiv_(state["exp_avg"], denominator, value=-lr / correction1)
                if "master" in state:
                    p.copy_(state["master"])
        return None


def param_groups(model, weight_decay):
    """Decay on matrices (projections, embeddings), none on the RMSNorm gains: the C# rule (dim >= 2)."""
    decay = [p for p in model.parameters() if p.dim() >= 2]
    plain = [p for p in model.parameters() if p.dim() < 2]
    return [{"params": decay, "weight_decay": weight_decay}, {"params": plain, "weight_decay": 0.0}]


def clip_grad_norm(parameters, max_norm):
    """The global L2 norm of the gradients (computed in fp32), and the gradients scaled to
    ``max_norm`` when above it (torch/libtorch's clip_grad_norm_ rule: coefficient max/(norm+1e-6))."""
    grads = [p.grad for p in parameters if p.grad is not None]
    if not grads:
        return 0.0
    total = torch.norm(torch.stack([torch.norm(g.detach().float(), 2.0) for g in grads]), 2.0)
    if max_norm > 0:
        coefficient = torch.clamp(max_norm / (total + 1e-6), max=1.0)
        for g in grads:
            g.detach().mul_(coefficient.to(g.dtype))
    return float(total)
