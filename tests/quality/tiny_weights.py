"""Tiny learned-metric weights on disk: a random CLIP saved with save_pretrained, in a folder or a Hub cache.

Built from a config (no download): a 2-layer CLIP with a 54-token character vocabulary, a 32 px image
processor, and a LAION-shaped aesthetic MLP on its 16-d embeddings.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

SHA = "0123456789abcdef0123456789abcdef01234567"
PROJECTION_DIM = 16


def save_tiny_clip(folder: Path, seed: int = 0) -> Path:
    """A random tiny CLIPModel and its processor, as `save_pretrained` writes them."""
    import torch
    from transformers import CLIPConfig, CLIPImageProcessorPil, CLIPModel, CLIPProcessor, CLIPTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    vocab = {"<|startoftext|>": 0, "<|endoftext|>": 1}
    for c in "abcdefghijklmnopqrstuvwxyz":
        vocab[c] = len(vocab)
        vocab[c + "</w>"] = len(vocab)
    scratch = folder / "_tokenizer_source"
    scratch.mkdir()
    (scratch / "vocab.json").write_text(json.dumps(vocab))
    (scratch / "merges.txt").write_text("#version: 0.2\n")
    tokenizer = CLIPTokenizer(str(scratch / "vocab.json"), str(scratch / "merges.txt"))
    images = CLIPImageProcessorPil(size={"shortest_edge": 32}, crop_size={"height": 32, "width": 32})
    torch.manual_seed(seed)
    common = dict(hidden_size=32, intermediate_size=37, num_hidden_layers=2, num_attention_heads=4)
    text = dict(
        vocab_size=len(vocab), max_position_embeddings=16, bos_token_id=0, eos_token_id=1, pad_token_id=1
    )
    model = CLIPModel(
        CLIPConfig(
            text_config={**common, **text},
            vision_config={**common, "image_size": 32, "patch_size": 8},
            projection_dim=PROJECTION_DIM,
        )
    )
    model.save_pretrained(folder)
    CLIPProcessor(image_processor=images, tokenizer=tokenizer).save_pretrained(folder)
    shutil.rmtree(scratch)
    return folder


def save_tiny_aesthetic(path: Path, seed: int = 0) -> Path:
    """The LAION aesthetic head on 16-d embeddings, saved like the real aesthetic-model.pth."""
    import torch

    from studio.quality.learned import aesthetic_mlp

    torch.manual_seed(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(aesthetic_mlp(PROJECTION_DIM).state_dict(), path)
    return path


def put_in_hub_cache(cache: Path, repo_id: str, source: Path) -> Path:
    """Lay files out as huggingface_hub's cache does: blobs, a snapshot of symlinks, refs/main."""
    repo = cache / ("models--" + repo_id.replace("/", "--"))
    snapshot = repo / "snapshots" / SHA
    (repo / "blobs").mkdir(parents=True, exist_ok=True)
    snapshot.mkdir(parents=True, exist_ok=True)
    (repo / "refs").mkdir(exist_ok=True)
    (repo / "refs" / "main").write_text(SHA)
    files = [source] if source.is_file() else sorted(p for p in source.iterdir() if p.is_file())
    for f in files:
        data = f.read_bytes()
        blob = repo / "blobs" / hashlib.sha256(data).hexdigest()
        blob.write_bytes(data)
        (snapshot / f.name).symlink_to(blob)
    return snapshot
