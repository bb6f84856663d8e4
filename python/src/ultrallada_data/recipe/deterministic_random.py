"""xoshiro256** seeded through SplitMix64, bit for bit the C# trainer's DeterministicRandom.

Masks are drawn from a stream derived from (run seed, purpose, step, ...), so a resumed run draws
exactly the masks of an uninterrupted one, on any rank count. Being the same generator as the C#
one lets a test rebuild the C# trainer's masks (and epoch order) and compare losses exactly.
"""
_M64 = (1 << 64) - 1

#: Stream tags of Derive, the C# constants (Trainer.MaskStream, EpochOrder's shuffle tag).
MASK_STREAM = 0x4D41534B
SHUFFLE_STREAM = 0x5348554646


def _splitmix(state):
    """(next state, output) of SplitMix64."""
    state = (state + 0x9E3779B97F4A7C15) & _M64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _M64
    return state, z ^ (z >> 31)


def derive(seed, *parts):
    """A seed for one purpose of one step: DeterministicRandom.Derive."""
    state, mixed = _splitmix(seed & _M64)
    for part in parts:
        state ^= (part * 0xD6E8FEB86659FD93) & _M64
        state, out = _splitmix(state)
        mixed ^= out
    return mixed


class DeterministicRandom:
    __slots__ = ("_s",)

    def __init__(self, seed):
        state, s0 = _splitmix(seed & _M64)
        state, s1 = _splitmix(state)
        state, s2 = _splitmix(state)
        state, s3 = _splitmix(state)
        self._s = [s0, s1, s2, s3]

    def _raw(self, n):
        """The next ``n`` outputs (the step written out once, in a loop: mask sampling draws a whole row)."""
        s0, s1, s2, s3 = self._s
        m, out = _M64, [0] * n
        for i in range(n):
            x = (s1 * 5) & m
            out[i] = (((x << 7) | (x >> 57)) & m) * 9 & m
            t = (s1 << 17) & m
            s2 ^= s0
            s3 ^= s1
            s1 ^= s2
            s0 ^= s3
            s2 ^= t
            s3 = ((s3 << 45) | (s3 >> 19)) & m
        self._s = [s0, s1, s2, s3]
        return out

    def next_uint64(self):
        return self._raw(1)[0]

    def next_double(self):
        """Uniform in [0, 1) with 53 random bits."""
        return (self.next_uint64() >> 11) * (1.0 / (1 << 53))

    def doubles(self, n):
        """``n`` successive :meth:`next_double` draws."""
        scale = 1.0 / (1 << 53)
        return [(x >> 11) * scale for x in self._raw(n)]

    def next_int64(self, bound):
        """Uniform in [0, bound): Lemire's nearly-divisionless method, as the C# one."""
        if bound <= 0:
            raise ValueError("the bound must be positive")
        product = self.next_uint64() * bound
        low = product & _M64
        if low < bound:
            threshold = ((1 << 64) - bound) % bound
            while low < threshold:
                product = self.next_uint64() * bound
                low = product & _M64
        return product >> 64


def epoch_permutation(count, seed, epoch):
    """The C# trainer's EpochOrder.Permutation: Fisher-Yates over range(count) from (seed, epoch)."""
    order = list(range(count))
    rng = DeterministicRandom(derive(seed, SHUFFLE_STREAM, epoch))
    for i in range(count - 1, 0, -1):
        j = rng.next_int64(i + 1)
        order[i], order[j] = order[j], order[i]
    return order
