"""The UltraLLaDA post-training recipe on PyTorch's distributed engine (torchrun, DDP, ZeRO-1).

It shares nothing with the C# trainer (``ultrallada-train``) but the shards, the model's Hugging
Face tensor names, its JSON config keys and its numbers: the same presets, Eq. 1 loss, RoPE bases,
AdamW and schedule. Entry point: ``torchrun --nproc-per-node N -m ultrallada_data.recipe.train``.
"""
