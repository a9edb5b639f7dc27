"""`python -m studio export`: a real subprocess makes the pack; bad input exits 2 with a clear message."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from tests.delivery.conftest import Pack
from tests.trust.helpers import cli_env, run_cli


def test_export_writes_the_pack_into_the_folder_asked_and_prints_it_as_json(
    pack: Pack, tmp_path: Path
) -> None:
    env = cli_env(pack.data_dir, STUDIO_PIPELINE=str(pack.pipeline))
    args = ["export", pack.gen.id, "--platforms", "youtube,tiktok", "--campaign", "Launch", "--variant", "B"]
    args += ["--pattern", "{campaign}-{variant}-{placement}", "--out", str(tmp_path), "--format", "json"]
    proc = run_cli(args, env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    zip_path = Path(out["zip"])
    assert zip_path.parent == tmp_path and zip_path.name == "Launch-B-pack.zip"
    assert [p["placement"] for p in out["placements"]] == ["youtube", "tiktok"]
    assert [(p["width"], p["height"]) for p in out["placements"]] == [(640, 360), (360, 640)]
    with zipfile.ZipFile(zip_path) as z:
        names = set(z.namelist())
    assert {"manifest.json", "Launch-B-youtube.mp4", "Launch-B-tiktok.srt", "Launch-B-tiktok.vtt"} <= names
    assert len(names) == 1 + 2 * 5
    # the 16:9 rendition made for the first pack is reused, not rendered again
    first = {p["placement"]: p["generation_id"] for p in pack.manifest["placements"]}
    assert out["placements"][0]["generation_id"] == first["youtube"]


def test_export_refuses_bad_input_with_exit_code_2(tmp_path: Path, pack: Pack) -> None:
    env = cli_env(pack.data_dir)
    cases = [
        (["export", pack.gen.id, "--platforms", "tiktok,myspace"], "Unknown placement 'myspace'"),
        (["export", pack.gen.id, "--platforms", "tiktok", "--pattern", "{brand}_{city}_{placement}"],
         "Unknown field {city}"),
        (["export", "nope", "--platforms", "tiktok"], "No generation with id 'nope'"),
    ]  # fmt: skip
    for args, message in cases:
        proc = run_cli(args, env, timeout=120)
        assert proc.returncode == 2, (args, proc.stderr[-2000:])
        assert message in proc.stderr
    proc = run_cli(["export", pack.gen.id], env, timeout=60)
    assert proc.returncode == 2 and "--platforms" in proc.stderr
