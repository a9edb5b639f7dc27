"""Tiny diffusers pipelines with random weights, built from configs in code (as diffusers tests itself):
no download, no GPU. Tokenizers are character-level, made from a vocabulary written here."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import torch
from diffusers import (
    AutoencoderKL,
    AutoencoderKLLTXVideo,
    EulerDiscreteScheduler,
    FlowMatchEulerDiscreteScheduler,
    LTXImageToVideoPipeline,
    LTXVideoTransformer3DModel,
    StableDiffusionXLInpaintPipeline,
    StableDiffusionXLPipeline,
    UNet2DConditionModel,
)
from transformers import (
    CLIPTextConfig,
    CLIPTextModel,
    CLIPTextModelWithProjection,
    CLIPTokenizer,
    T5Config,
    T5EncoderModel,
    T5Tokenizer,
)

from studio.providers.local_models import LocalCatalogue

CHARS = [chr(c) for c in range(33, 127)]

TINY_CATALOGUE: dict[str, Any] = {
    "models": {
        "tiny-sdxl": {
            "label": "tiny SDXL", "task": "image", "repo_id": "studio-tests/tiny-sdxl",
            "pipeline": "StableDiffusionXLPipeline", "dtype": "float32", "vram_gib": 2, "offload_vram_gib": 1,
            "download_gb": 0.01, "steps": 2, "guidance_scale": 0.0, "max_pixels": 8192, "multiple": 8,
            "inpaint": "tiny-sdxl-fill",
        },
        "tiny-sdxl-fill": {
            "label": "tiny SDXL inpaint", "task": "inpaint", "repo_id": "studio-tests/tiny-sdxl-fill",
            "pipeline": "StableDiffusionXLInpaintPipeline", "dtype": "float32", "vram_gib": 2,
            "offload_vram_gib": 1, "download_gb": 0.01, "steps": 2, "guidance_scale": 0.0, "strength": 1.0,
            "max_pixels": 8192, "multiple": 8,
        },
        "tiny-ltx": {
            "label": "tiny LTX", "task": "video", "repo_id": "studio-tests/tiny-ltx",
            "pipeline": "LTXImageToVideoPipeline", "dtype": "float32", "vram_gib": 3, "offload_vram_gib": 2,
            "download_gb": 0.01, "steps": 2, "guidance_scale": 3.0, "negative_prompt": "blurry",
            "call": {"max_sequence_length": 16}, "max_pixels": 6144, "multiple": 32, "fps": 8,
            "max_frames": 9, "frame_step": 4,
        },
        "huge-video": {
            "label": "a huge video model", "task": "video", "repo_id": "studio-tests/huge",
            "pipeline": "LTXImageToVideoPipeline", "vram_gib": 80, "offload_vram_gib": 40, "download_gb": 90,
            "steps": 2, "guidance_scale": 3.0, "max_pixels": 6144, "multiple": 32, "fps": 8, "max_frames": 9,
            "frame_step": 4,
        },
    }
}  # fmt: skip


def tiny_catalogue() -> LocalCatalogue:
    return LocalCatalogue.model_validate(TINY_CATALOGUE)


def clip_tokenizer() -> CLIPTokenizer:
    """A CLIP tokenizer over single characters (no merges)."""
    vocab = {"<|startoftext|>": 0, "<|endoftext|>": 1}
    for c in CHARS:
        vocab[c] = len(vocab)
        vocab[c + "</w>"] = len(vocab)
    return CLIPTokenizer(vocab=vocab, merges=[], model_max_length=77)


def _clip_config() -> CLIPTextConfig:
    return CLIPTextConfig(
        bos_token_id=0, eos_token_id=2, hidden_size=32, intermediate_size=37, layer_norm_eps=1e-5,
        num_attention_heads=4, num_hidden_layers=2, pad_token_id=1, vocab_size=2 + 2 * len(CHARS),
        hidden_act="gelu", projection_dim=32,
    )  # fmt: skip


def tiny_sdxl() -> StableDiffusionXLPipeline:
    torch.manual_seed(0)
    unet = UNet2DConditionModel(
        block_out_channels=(32, 64), layers_per_block=1, sample_size=32, in_channels=4, out_channels=4,
        down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"),
        up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"), attention_head_dim=(2, 4),
        use_linear_projection=True, addition_embed_type="text_time", addition_time_embed_dim=8,
        transformer_layers_per_block=(1, 2), projection_class_embeddings_input_dim=80, cross_attention_dim=64,
        norm_num_groups=1,
    )  # fmt: skip
    vae = AutoencoderKL(
        block_out_channels=[32, 64], in_channels=3, out_channels=3, latent_channels=4, norm_num_groups=1,
        down_block_types=["DownEncoderBlock2D"] * 2, up_block_types=["UpDecoderBlock2D"] * 2,
    )  # fmt: skip
    tokenizer = clip_tokenizer()
    pipe = StableDiffusionXLPipeline(
        vae=vae, text_encoder=CLIPTextModel(_clip_config()),
        text_encoder_2=CLIPTextModelWithProjection(_clip_config()), tokenizer=tokenizer,
        tokenizer_2=tokenizer, unet=unet, scheduler=EulerDiscreteScheduler(timestep_spacing="trailing"),
    )  # fmt: skip
    return _ready(pipe)


def tiny_sdxl_fill() -> StableDiffusionXLInpaintPipeline:
    pipe = StableDiffusionXLInpaintPipeline(**tiny_sdxl().components)
    return _ready(pipe)


def t5_tokenizer() -> T5Tokenizer:
    """A T5 (unigram) tokenizer over single characters."""
    vocab = [("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0), ("\u2581", -1.0), *((c, -1.0) for c in CHARS)]
    return T5Tokenizer(vocab=vocab, extra_ids=0, model_max_length=64)


def tiny_ltx() -> LTXImageToVideoPipeline:
    torch.manual_seed(0)
    transformer = LTXVideoTransformer3DModel(
        in_channels=8, out_channels=8, patch_size=1, patch_size_t=1, num_attention_heads=4,
        attention_head_dim=8, cross_attention_dim=32, num_layers=1, caption_channels=32,
    )  # fmt: skip
    vae = AutoencoderKLLTXVideo(
        in_channels=3, out_channels=3, latent_channels=8, block_out_channels=(8, 8, 8, 8),
        decoder_block_out_channels=(8, 8, 8, 8), layers_per_block=(1, 1, 1, 1, 1),
        decoder_layers_per_block=(1, 1, 1, 1, 1), spatio_temporal_scaling=(True, True, False, False),
        decoder_spatio_temporal_scaling=(True, True, False, False), decoder_inject_noise=(False,) * 5,
        upsample_residual=(False,) * 4, upsample_factor=(1,) * 4, timestep_conditioning=False, patch_size=1,
        patch_size_t=1, encoder_causal=True, decoder_causal=False,
    )  # fmt: skip
    vae.use_framewise_encoding = False
    vae.use_framewise_decoding = False
    text_encoder = T5EncoderModel(T5Config(
        vocab_size=4 + len(CHARS), d_model=32, d_kv=8, d_ff=37, num_layers=2, num_heads=4,
        relative_attention_num_buckets=8, pad_token_id=0, eos_token_id=1, decoder_start_token_id=0,
    ))  # fmt: skip
    pipe = LTXImageToVideoPipeline(
        transformer=transformer, vae=vae, scheduler=FlowMatchEulerDiscreteScheduler(),
        text_encoder=text_encoder, tokenizer=t5_tokenizer(),
    )  # fmt: skip
    return _ready(pipe)


def _ready(pipe: Any) -> Any:
    """In eval mode, as from_pretrained leaves one (T5's dropout would draw from torch's global RNG)."""
    for module in pipe.components.values():
        if isinstance(module, torch.nn.Module):
            module.eval()
    pipe.set_progress_bar_config(disable=True)
    return pipe


BUILDERS = {"tiny-sdxl": tiny_sdxl, "tiny-sdxl-fill": tiny_sdxl_fill, "tiny-ltx": tiny_ltx}


class TinyFactory:
    """The adapters' pipeline factory in the tests: a tiny pipeline per entry, counting what it built."""

    def __init__(self) -> None:
        self.built: list[str] = []

    def __call__(self, spec: Any, device: Any, where: str) -> Any:
        self.built.append(spec.name)
        return BUILDERS[spec.name]()


def put_pipeline_in_hub_cache(
    pipe: Any, cache: Path, repo_id: str, tmp: Path, variant: str | None = None
) -> Path:
    """Save a pipeline and lay it out as huggingface_hub's cache does (refs/main -> a snapshot folder)."""
    saved = tmp / "saved"
    pipe.save_pretrained(saved, variant=variant)
    sha = "0123456789abcdef0123456789abcdef01234567"
    repo = cache / ("models--" + repo_id.replace("/", "--"))
    (repo / "refs").mkdir(parents=True, exist_ok=True)
    (repo / "refs" / "main").write_text(sha)
    snapshot = repo / "snapshots" / sha
    shutil.copytree(saved, snapshot)
    return snapshot
