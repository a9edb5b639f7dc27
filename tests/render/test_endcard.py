"""The end card carries brand, product, CTA and address, legible (≥ 4.5:1 on pixels), in the safe zone."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from studio.render.captions import contrast_ratio
from studio.render.endcard import EndCard, EndCardInputs, ink_for, wrap_text
from studio.render.safe_zones import safe_box
from studio.render.text import font, text_width
from tests.render.helpers import draw_references

SIZES = {"9:16": (360, 640), "1:1": (480, 480), "4:5": (432, 540), "16:9": (640, 360), "4:3": (480, 360)}
SHORT = {"brand": "Brewco", "name": "Ritual", "cta": "Order now", "address": "brewco.example"}
LONG = {
    "brand": "Brewco Coffee Roasters of the Pacific Northwest",
    "name": "Morning Ritual Cold Brew, smooth low-acid coffee steeped eighteen hours",
    "cta": "Order your first box today and save 15% on your first box, this week only with code SPRING",
    "address": "https://brewco.example/offers/first-box-spring-2026?utm_source=ad&utm_campaign=ritual",
}
PALETTES = (["#1f2a44", "#3a6ea5", "#ffcc33"], ["#f4efe6", "#8a9a5b", "#ffffff"], ["#777777", "#888888"])


@pytest.fixture(scope="module")
def logo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return draw_references(tmp_path_factory.mktemp("refs"))["logo"]


def _card(ar: str, texts: dict[str, str], palette: list[str], logo: Path | None) -> EndCard:
    w, h = SIZES[ar]
    return EndCard(
        EndCardInputs(
            w,
            h,
            ar,
            texts["name"],
            texts["cta"],
            palette,
            logo=logo,
            brand=texts["brand"],
            address=texts["address"],
        )
    )


def _measured_contrast(frame: np.ndarray, box) -> tuple[float, np.ndarray, np.ndarray]:
    """Backing = the commonest colour in the text's box; ink = the pixels farthest from it (on pixels)."""
    crop = frame[box.y : box.bottom, box.x : box.right, :3].reshape(-1, 3).astype(np.int32)
    keys, counts = np.unique(crop, axis=0, return_counts=True)
    backing = keys[counts.argmax()]
    dist = np.abs(crop - backing).sum(axis=1)
    ink = np.median(crop[dist >= np.percentile(dist, 97)], axis=0)
    return contrast_ratio(tuple(ink), tuple(backing)), ink, backing


@pytest.mark.parametrize("ar", sorted(SIZES))
@pytest.mark.parametrize("texts", [SHORT, LONG], ids=["short", "long"])
def test_end_card_text_is_legible_whole_and_inside_the_safe_zone(ar: str, texts: dict, logo: Path) -> None:
    for palette in PALETTES:
        card = _card(ar, texts, palette, logo)
        safe = safe_box(card.w, card.h, ar)
        items = card.text_items()
        kinds = [it.kind for it in items]
        assert kinds == ["brand", "name", "cta", "address"], kinds
        frame = np.empty((card.h, card.w, 4), np.uint8)
        last = card.compose(card.n_frames - 1, frame)
        # at rest and at the bottom of their rise: inside the safe zone, one under the other
        for it in card.items:
            assert safe.contains(it.box), (ar, it.kind, it.box, safe)
            assert safe.contains(type(it.box)(it.x, it.y + round(card.lift), *it.sprite.size)), it.kind
        for a, b in zip(card.items, card.items[1:], strict=False):
            assert a.box.bottom <= b.box.y, (a.kind, b.kind)
        for it in items:
            ratio, ink, backing = _measured_contrast(last, it.box)
            assert ratio >= 4.5, f"{ar} {palette} {it.kind}: {ratio:.2f} (ink {ink}, backing {backing})"
            # never cut: the wrapped lines hold every character of the text, in order
            wanted = {"brand": "brand", "name": "name", "cta": "cta", "address": "address"}[it.kind]
            assert "".join(it.lines).replace(" ", "") == texts[wanted].replace(" ", "")


def test_address_inside_the_cta_is_not_repeated_and_brand_in_the_name_is_not_repeated() -> None:
    card = EndCard(
        EndCardInputs(
            360,
            640,
            "9:16",
            "Brewco Morning Ritual",
            "Order at brewco.example",
            brand="Brewco",
            address="brewco.example",
        )
    )
    assert [it.kind for it in card.text_items()] == ["name", "cta"]
    assert " ".join(card.text_items()[1].lines) == "Order at brewco.example"


def test_a_long_url_wraps_at_its_punctuation_and_never_overflows() -> None:
    fnt = font(20)
    url = "https://brewco.example/offers/first-box-spring-2026?utm_source=ad"
    lines = wrap_text(url, fnt, 150)
    assert "".join(lines) == url and len(lines) > 1
    assert all(text_width(line, fnt) <= 150 for line in lines)
    assert lines[0].endswith(("/", ".", "-", "?", "_"))


def test_ink_is_the_higher_contrast_of_black_and_white() -> None:
    assert ink_for((0, 0, 0)) == (255, 255, 255)
    assert ink_for((255, 255, 255)) == (0, 0, 0)
    assert ink_for((51, 204, 255)) == (0, 0, 0)  # amber (BGR): black reads at 12.9:1, white at 1.6:1
    for grey in range(0, 256, 5):
        assert contrast_ratio(ink_for((grey, grey, grey)), (grey, grey, grey)) >= 4.5


def test_once_settled_every_frame_is_the_same(logo: Path) -> None:
    """render_end_card writes the settled frame again instead of composing it: it must not change."""
    card = _card("9:16", LONG, PALETTES[0], logo)
    w, h = SIZES["9:16"]
    fps = card.inputs.fps
    first_still = int(np.ceil(card.settled_s * fps))
    assert 0 < first_still < card.n_frames - 1  # the card does settle, and before its end
    settled = card.compose(first_still, np.empty((h, w, 4), np.uint8)).copy()
    for i in range(first_still + 1, card.n_frames):
        assert np.array_equal(card.compose(i, np.empty((h, w, 4), np.uint8)), settled), i
    before = card.compose(first_still // 2, np.empty((h, w, 4), np.uint8))
    assert not np.array_equal(before, settled)  # still moving before


@pytest.mark.parametrize(
    ("name", "brand", "drawn"),
    [
        ("Oakley Frames", "Oak", True),  # a brand inside a longer word is not shown by it
        ("CAFÉ LUNE espresso", "Café Lune", False),  # the same name in capitals shows it
        ("Ember & Oak Roast", "Ember & Oak", False),
        ("Huila Single Origin", "Ember & Oak", True),
    ],
)
def test_the_brand_is_drawn_unless_the_name_shows_it_whole(name: str, brand: str, drawn: bool) -> None:
    card = EndCard(EndCardInputs(360, 640, "9:16", name, "Order now", brand=brand))
    kinds = [it.kind for it in card.text_items()]
    assert ("brand" in kinds) is drawn
    shown = " ".join(" ".join(it.lines) for it in card.text_items())
    assert brand.casefold() in shown.casefold()


def test_a_long_brand_is_drawn_whole_on_the_smallest_card() -> None:
    brand = "Cooperativa Agrícola dos Produtores de Café da Serra da Mantiqueira & Filhos"
    card = EndCard(EndCardInputs(240, 240, "1:1", "Espresso", "Order now", brand=brand))
    item = next(it for it in card.text_items() if it.kind == "brand")
    assert " ".join(item.lines).split() == brand.split()
