"""The image editor's service actions offline: repaint a brushed mask, keep or undo, five versions kept."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from PIL import Image, ImageDraw

from studio.bootstrap import open_context
from studio.config import Settings
from studio.errors import BadInput
from studio.models import Generation, Keyframe
from studio.pipeline import pictures
from studio.pipeline.pictures import PictureRef
from studio.providers.ports import InpaintRequest
from studio.service import Studio
from tests.pipeline.picture_fixtures import BLUE, YELLOW, make_generation, sticker_picture
from tests.pipeline.picture_fixtures import png as _png

SIZE = (160, 120)
HOLE = (60, 40, 100, 80)  # the yellow sticker the edits remove
MASK_BOX = (54, 34, 106, 86)
FIRST = PictureRef(kind="reference", index=0)


@pytest.fixture
def studio(settings: Settings):
    ctx = open_context(settings)
    yield Studio(ctx)
    ctx.runner.shutdown()


def _picture() -> Image.Image:
    return sticker_picture(SIZE, HOLE)


def _mask(box=MASK_BOX, size=SIZE) -> bytes:
    m = Image.new("L", size, 0)
    ImageDraw.Draw(m).rectangle(box, fill=255)
    return _png(m)


def _with_references(studio: Studio) -> Generation:
    return make_generation(studio, SIZE, HOLE)


def _pixels(studio: Studio, location: str) -> np.ndarray:
    with Image.open(studio.ctx.providers.media.local_path(location)) as im:
        return np.asarray(im.convert("RGB")).astype(int)


def _md5(studio: Studio, location: str) -> str:
    return hashlib.md5(studio.ctx.providers.media.local_path(location).read_bytes()).hexdigest()


def test_a_brushed_mask_repaints_only_its_region_and_waits_as_a_draft(studio: Studio) -> None:
    gen = _with_references(studio)
    original = gen.references[0].location
    studio.edit_picture(gen.id, FIRST, _mask(), "plain blue sky").result(timeout=60)

    after = studio.store.get(gen.id)
    ref = after.references[0]
    assert ref.location == original and ref.history == []  # nothing changes until Keep
    assert ref.draft is not None and ref.draft != original
    assert (after.status, after.stage) == ("awaiting_approval", "references")  # back where it was
    edited, before = _pixels(studio, ref.draft), _pixels(studio, original)
    x0, y0, x1, y1 = HOLE
    assert np.abs(edited[y0 : y1 + 1, x0 : x1 + 1] - np.array(BLUE)).max() <= 8  # the sticker is gone
    outside = np.ones(edited.shape[:2], bool)
    mx0, my0, mx1, my1 = MASK_BOX
    outside[my0 - 6 : my1 + 7, mx0 - 6 : mx1 + 7] = False  # the mask and its 2 px soft edge, with margin
    assert np.array_equal(edited[outside], before[outside])  # the rest keeps its pixels exactly
    assert "Edited reference 1" in studio.store.messages(gen.id)[-1].text


def test_keep_makes_the_edit_current_and_undo_restores_the_bytes(studio: Studio) -> None:
    gen = _with_references(studio)
    original = gen.references[0].location
    original_md5 = _md5(studio, original)
    studio.edit_picture(gen.id, FIRST, _mask(), "blue").result(timeout=60)
    draft = studio.store.get(gen.id).references[0].draft
    studio.keep_edit(gen.id, FIRST).result(timeout=60)

    kept = studio.store.get(gen.id)
    ref = kept.references[0]
    assert (ref.location, ref.history, ref.draft) == (draft, [original], None)
    assert ref.analysis is not None  # the new version is analysed again
    assert kept.context is not None and (kept.status, kept.stage) == ("awaiting_approval", "references")
    assert kept.references[1:] == gen.references[1:]
    assert pictures.versions(ref) == [original, draft]

    studio.undo_version(gen.id, FIRST).result(timeout=60)
    back = studio.store.get(gen.id).references[0]
    assert (back.location, back.history) == (original, [])
    assert _md5(studio, back.location) == original_md5
    with pytest.raises(BadInput, match="no earlier version"):
        studio.undo_version(gen.id, FIRST)


def test_only_the_last_five_versions_are_kept(studio: Studio) -> None:
    gen = _with_references(studio)
    seen = [gen.references[0].location]
    for i in range(6):
        box = (10 + 20 * i, 10, 24 + 20 * i, 30)
        studio.edit_picture(gen.id, FIRST, _mask(box), f"edit {i}").result(timeout=60)
        studio.keep_edit(gen.id, FIRST).result(timeout=60)
        seen.append(studio.store.get(gen.id).references[0].location)
    ref = studio.store.get(gen.id).references[0]
    assert len(set(seen)) == 7  # each edit is a new file
    assert pictures.versions(ref) == seen[-5:]
    assert len(ref.history) == pictures.VERSIONS_KEPT - 1 == 4


def test_undo_of_a_draft_drops_it_and_keep_without_one_is_refused(studio: Studio) -> None:
    gen = _with_references(studio)
    studio.edit_picture(gen.id, FIRST, _mask(), "blue").result(timeout=60)
    assert studio.store.get(gen.id).references[0].draft is not None
    dropped = studio.discard_edit(gen.id, FIRST)
    assert dropped.references[0] == gen.references[0]
    with pytest.raises(BadInput, match="no edit of reference 1 to keep"):
        studio.keep_edit(gen.id, FIRST)


def test_masks_that_cannot_be_used_are_refused_before_any_work(studio: Studio) -> None:
    gen = _with_references(studio)
    with pytest.raises(BadInput, match="The mask is empty"):
        studio.edit_picture(gen.id, FIRST, _png(Image.new("L", SIZE, 0)), "blue")
    with pytest.raises(BadInput, match=r"The mask is 100×100 but the picture is 160×120"):
        studio.edit_picture(gen.id, FIRST, _mask((10, 10, 50, 50), (100, 100)), "blue")
    with pytest.raises(BadInput, match="could not be read"):
        studio.edit_picture(gen.id, FIRST, b"not a png", "blue")
    with pytest.raises(BadInput, match="There is no reference 4"):
        studio.edit_picture(gen.id, PictureRef(kind="reference", index=3), _mask(), "blue")
    with pytest.raises(BadInput, match="There is no storyboard frame for scene 2 yet"):
        studio.edit_picture(gen.id, PictureRef(kind="keyframe", index=2), _mask(), "blue")
    assert studio.store.get(gen.id).references == gen.references
    assert not studio.is_busy(gen.id)


def test_a_mask_drawn_on_a_smaller_preview_is_scaled_to_the_picture() -> None:
    half = Image.new("RGBA", (80, 60), (0, 0, 0, 0))  # painted on a transparent layer
    ImageDraw.Draw(half).rectangle((30, 20, 49, 39), fill=(255, 255, 255, 255))
    mask = pictures.check_mask(_png(half), SIZE)
    arr = np.asarray(mask)
    assert mask.size == SIZE and set(np.unique(arr)) == {0, 255}
    assert arr[40:80, 60:100].min() == 255 and arr[:38].max() == 0
    assert pictures.mask_share(mask) == pytest.approx(40 * 40 / (160 * 120))


def test_the_inpainting_is_charged_to_the_generation(studio: Studio) -> None:
    from studio.providers.offline import OpenCVInpainter

    class MeteredInpainter:
        name = "metered inpaint"

        def inpaint(self, request: InpaintRequest, run):
            with run.metered("test", "fill-1", "inpaint") as call:
                call.cost_usd = 0.05
                return OpenCVInpainter().inpaint(request, run)

    studio.ctx.providers.inpaint = MeteredInpainter()
    gen = _with_references(studio)
    studio.edit_picture(gen.id, FIRST, _mask(), "blue").result(timeout=60)
    assert studio.store.get(gen.id).cost_usd == pytest.approx(gen.cost_usd + 0.05)


def test_a_storyboard_frame_is_edited_and_kept_and_only_its_clip_is_redone(studio: Studio) -> None:
    gen = _with_references(studio)
    media = studio.ctx.providers.media
    frames = [
        Keyframe(scene_id=i, location=media.put_bytes(f"generations/{gen.id}/kf{i}.png", _png(_picture())),
                 source="composed")
        for i in (1, 2)
    ]  # fmt: skip

    def at_storyboard(g: Generation) -> None:
        g.keyframes, g.status, g.stage = frames, "awaiting_approval", "storyboard"

    studio.store.update(gen.id, at_storyboard)
    second = PictureRef(kind="keyframe", index=2)
    studio.edit_picture(gen.id, second, _mask(), "blue").result(timeout=60)
    draft = studio.store.get(gen.id).keyframes[1].draft
    assert draft is not None and _pixels(studio, draft)[60, 80].tolist() != list(YELLOW)
    studio.keep_edit(gen.id, second).result(timeout=60)

    after = studio.store.get(gen.id)
    assert after.keyframes[0] == frames[0]
    assert (after.keyframes[1].location, after.keyframes[1].history) == (draft, [frames[1].location])
    assert (after.status, after.stage) == ("awaiting_approval", "storyboard")
    assert after.references == gen.references  # a frame's edit leaves the references alone
