"""CLI uploads take the page's path: content check, EXIF turned upright then stripped, one key scheme."""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import SimpleNamespace

import pytest

from studio.cli import _parser
from studio.cli.brief import brief_from_args as _brief
from studio.media.storage import LocalStore
from tests.cli.conftest import GeneratedAd
from tests.cli.helpers import assert_upright_and_clean, sideways_photo


def _cli_upload(tmp_path: Path, photo: bytes) -> tuple[str, LocalStore]:
    """What `generate --product-image shoe.jpg` stores, without running the generation."""
    (tmp_path / "shoe.jpg").write_bytes(photo)
    argv = ["generate", "--prompt", "Trail shoes.", "--product-image", str(tmp_path / "shoe.jpg")]
    args = _parser().parse_args(argv)
    media = LocalStore(tmp_path / "cli-media")
    brief = _brief(args, media)
    return brief.assets.product_images[0], media


def test_a_sideways_phone_photo_is_stored_upright_without_metadata(tmp_path: Path) -> None:
    photo = sideways_photo()
    location, media = _cli_upload(tmp_path, photo)
    assert location == f"uploads/local/{hashlib.sha256(photo).hexdigest()[:24]}.jpg"
    assert_upright_and_clean(media.local_path(location).read_bytes())


def test_the_page_stores_the_same_file_as_the_same_bytes_under_the_same_key(tmp_path: Path) -> None:
    from studio.ui.sidebar import store_upload  # the page's call site (open sign-in: the person is "local")

    photo = sideways_photo()
    cli_location, cli_media = _cli_upload(tmp_path, photo)
    page_media = LocalStore(tmp_path / "page-media")
    studio = SimpleNamespace(ctx=SimpleNamespace(providers=SimpleNamespace(media=page_media)))

    page_location = store_upload(studio, "shoe.jpg", photo, 0)  # type: ignore[arg-type]

    assert page_location == cli_location
    page_bytes = page_media.local_path(page_location).read_bytes()
    assert page_bytes == cli_media.local_path(cli_location).read_bytes()


@pytest.mark.e2e
def test_generate_stores_the_product_image_upright_and_the_ad_uses_it(generated: GeneratedAd) -> None:
    from studio.store.repo import Store

    expected = f"uploads/local/{hashlib.sha256(generated.photo).hexdigest()[:24]}.jpg"
    gen = Store.open(f"sqlite:///{generated.data_dir / 'studio.db'}").get(generated.result["generation_id"])
    assert gen.brief.assets.product_images == [expected]
    assert gen.owner == "local"
    assert_upright_and_clean((generated.data_dir / "media" / expected).read_bytes())
