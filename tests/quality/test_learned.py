"""The learned metrics' arithmetic on tiny random CLIP models built from a config (no download)."""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from studio.quality import load_learned_metrics, score_video  # noqa: E402
from studio.quality.frames import write_video  # noqa: E402
from studio.quality.learned import (  # noqa: E402
    ClipBundle,
    LearnedMetrics,
    aesthetic_mlp,
    clip_score_from_cos,
    pick_score_from_cos,
)

from .conftest import H, W, pan  # noqa: E402


def tiny_bundle(seed: int, logit_scale: float | None = None) -> ClipBundle:
    from transformers import CLIPConfig, CLIPModel

    torch.manual_seed(seed)
    common = dict(hidden_size=32, intermediate_size=37, num_hidden_layers=2, num_attention_heads=4)
    text = dict(vocab_size=64, max_position_embeddings=16, bos_token_id=0, eos_token_id=1, pad_token_id=1)
    vision = dict(image_size=32, patch_size=8)
    model = CLIPModel(
        CLIPConfig(text_config={**common, **text}, vision_config={**common, **vision}, projection_dim=16)
    ).eval()
    if logit_scale is not None:
        model.logit_scale.data.fill_(logit_scale)

    def preprocess(images):
        import cv2

        arr = np.stack([cv2.resize(im, (32, 32), interpolation=cv2.INTER_AREA) for im in images])
        return torch.from_numpy(arr).permute(0, 3, 1, 2).float() / 127.5 - 1.0

    def tokenize(texts):
        ids = [[2 + (ord(c) % 60) for c in t[:14]] + [1] for t in texts]
        width = max(len(i) for i in ids)
        padded = [i + [1] * (width - len(i)) for i in ids]
        mask = [[1] * len(i) + [0] * (width - len(i)) for i in ids]
        return {"input_ids": torch.tensor(padded), "attention_mask": torch.tensor(mask)}

    return ClipBundle(model, preprocess, tokenize, name=f"tiny-clip-{seed}")


def _cos(bundle: ClipBundle, images, text) -> np.ndarray:
    with torch.no_grad():
        img = bundle.model.get_image_features(pixel_values=bundle.preprocess(images))
        img = getattr(img, "pooler_output", img)
        txt = bundle.model.get_text_features(**bundle.tokenize([text]))
        txt = getattr(txt, "pooler_output", txt)
    return torch.nn.functional.cosine_similarity(img, txt, dim=-1).numpy()


@pytest.fixture(scope="module")
def images():
    rng = np.random.default_rng(3)
    return [rng.integers(0, 256, (48, 40, 3), dtype=np.uint8) for _ in range(5)]


def test_clip_score_is_100_cos_clipped_at_zero():
    assert clip_score_from_cos(0.31) == pytest.approx(31.0)
    assert clip_score_from_cos(-0.2) == 0.0
    assert clip_score_from_cos(1.5) == 100.0
    assert pick_score_from_cos(np.log(100.0), 0.21) == pytest.approx(21.0)


def test_clip_scores_match_cosine_of_the_models_embeddings(images):
    bundle = tiny_bundle(0)
    learned = LearnedMetrics(bundle)
    text = "a red sneaker on a wet street"
    cos = _cos(bundle, images, text)
    assert learned.clip_scores(images, text) == pytest.approx([max(100 * c, 0.0) for c in cos], abs=1e-4)
    feats = learned.image_features(images)
    assert np.linalg.norm(feats, axis=1) == pytest.approx(np.ones(len(images)), abs=1e-5)


def test_pick_score_is_exp_logit_scale_times_cos(images):
    bundle = tiny_bundle(1, logit_scale=np.log(100.0))
    learned = LearnedMetrics(tiny_bundle(0), pick=bundle)
    cos = _cos(bundle, images, "sunrise over a lake")
    assert learned.pick_scores(images, "sunrise over a lake") == pytest.approx(100.0 * cos, abs=1e-3)
    assert LearnedMetrics(tiny_bundle(0)).pick_scores(images, "x") is None


def test_aesthetic_mlp_reads_l2_normalised_embeddings(images):
    bundle = tiny_bundle(2)
    torch.manual_seed(5)
    mlp = aesthetic_mlp(16)
    learned = LearnedMetrics(bundle, aesthetic=mlp)
    with torch.no_grad():
        raw = bundle.model.get_image_features(pixel_values=bundle.preprocess(images))
        raw = getattr(raw, "pooler_output", raw)
        expected = mlp(raw / raw.norm(dim=-1, keepdim=True)).squeeze(-1).numpy()
        unnormalised = mlp(raw).squeeze(-1).numpy()
    got = learned.aesthetic_scores(images)
    assert got == pytest.approx(expected.tolist(), abs=1e-5)
    assert not np.allclose(got, unnormalised, atol=1e-3)
    assert LearnedMetrics(bundle).aesthetic_scores(images) is None


def test_score_video_marks_learned_figures_model_based(tmp_path):
    from .conftest import textured_world

    path = write_video(tmp_path / "pan.mp4", pan(textured_world(4, W * 2, H), 0, 40, 16))
    torch.manual_seed(9)
    learned = LearnedMetrics(tiny_bundle(0), aesthetic=aesthetic_mlp(16))
    report = score_video(path, "a sunny street", learned=learned)
    dims = report.dimensions
    assert dims["clip_score"].model_based and dims["clip_score"].value is not None
    assert dims["aesthetic_quality"].model_based
    assert dims["subject_consistency"].model_based and "CLIP" in dims["subject_consistency"].note
    assert not dims["temporal_flickering"].model_based
    no_prompt = score_video(path, None, learned=learned)
    assert no_prompt.dimensions["clip_score"].value is None


def test_without_weights_learned_metrics_are_none(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert load_learned_metrics(str(tmp_path / "no-weights-here")) is None
