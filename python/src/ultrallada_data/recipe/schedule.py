"""Table 2's learning rate: linear warm-up over the first ceil(3%) updates to the peak, then a
cosine to the minimum at the last update (the C# CosineSchedule, number for number)."""
import math


class CosineSchedule:
    def __init__(self, peak_lr, min_lr, total_steps, warmup_fraction=0.03):
        self.peak_lr, self.min_lr, self.total_steps, self.warmup_fraction = peak_lr, min_lr, int(total_steps), warmup_fraction

    @property
    def warmup_steps(self):
        return 0 if self.total_steps <= 1 else int(math.ceil(self.warmup_fraction * self.total_steps))

    def at(self, step):
        """The rate of update ``step`` (0-based)."""
        warmup = self.warmup_steps
        if step < warmup:
            return self.peak_lr * (step + 1) / warmup
        decay = self.total_steps - warmup - 1
        if decay <= 0:
            return self.peak_lr
        progress = min(max((step - warmup) / decay, 0.0), 1.0)
        return self.min_lr + 0.5 * (self.peak_lr - self.min_lr) * (1 + math.cos(math.pi * progress))
