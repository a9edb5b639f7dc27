"""`score` and `images` subcommands: their output, and exit code 2 on bad input."""

from __future__ import annotations

import argparse
import json
from types import SimpleNamespace

import numpy as np
import pytest

from studio.cli.quality import add_images_parser, add_score_parser
from studio.config import Settings
from studio.providers.offline import PixelAnalyst, ProceduralPainter
from studio.quality.frames import write_video
from studio.quality.report import VBENCH_DIMENSIONS

from .conftest import pan


def _parse(argv):
    parser = argparse.ArgumentParser(prog="studio")
    sub = parser.add_subparsers(dest="command", required=True)
    add_score_parser(sub)
    add_images_parser(sub)
    return parser.parse_args(argv)


def _ctx():
    prov = SimpleNamespace(
        image=ProceduralPainter(), text=SimpleNamespace(name="none"), vision=PixelAnalyst()
    )
    return SimpleNamespace(settings=Settings(), providers=prov)  # the limit of calls at once comes from it


def test_score_json_is_keyed_by_vbench_names_with_value_and_model_based(tmp_path, world, capsys):
    video = write_video(tmp_path / "pan.mp4", pan(world, 0, 60, 20))
    args = _parse(["score", str(video), "--format", "json", "--no-learned"])
    assert args.func(args, None) == 0
    out = json.loads(capsys.readouterr().out)
    for name in VBENCH_DIMENSIONS:
        assert set(out[name]) >= {"value", "model_based"}
        assert out[name]["value"] is None or 0 <= out[name]["value"] <= 100
    assert out["aesthetic_quality"]["value"] is None
    assert out["clip_score"]["value"] is None
    assert 0 < out["overall"] <= 100


def test_score_text_says_unavailable_and_missing_file_exits_2(tmp_path, world, capsys):
    video = write_video(tmp_path / "still.mp4", np.stack([world[:284, :160]] * 10))
    args = _parse(["score", str(video), "--no-learned"])
    assert args.func(args, None) == 0
    text = capsys.readouterr().out
    assert "dynamic_degree" in text and "unavailable" in text
    args = _parse(["score", str(tmp_path / "nope.mp4")])
    assert args.func(args, None) == 2
    assert "no video" in capsys.readouterr().err


def test_images_prints_the_ranked_table_and_json(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr("studio.imagelab.lab.load_learned_metrics", lambda: None)
    (tmp_path / "prompt.txt").write_text("A blue water bottle on a beach\n")
    args = _parse(["images", "prompt.txt", "--num-variations", "3", "--seed", "5", "--aspect-ratio", "9:16"])
    assert args.func(args, _ctx()) == 0
    text = capsys.readouterr().out
    assert "***     1" in text and "** " in text and "Why #1" in text and "$0.0000" in text
    assert len(list((tmp_path / "output" / "image_generations").glob("*/image_00?.png"))) == 3
    args = _parse(["images", "prompt.txt", "--num-variations", "2", "--seed", "5", "--format", "json"])
    assert args.func(args, _ctx()) == 0
    out = json.loads(capsys.readouterr().out)
    assert [i["rank"] for i in out["images"]] == [1, 2]
    assert sorted(i["seed"] for i in out["images"]) == [5, 6]
    assert out["why_first_won"][0]["metric"] == "imaging_quality"


def test_images_refuses_an_escaping_output_dir_and_bad_counts(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "prompt.txt").write_text("A lamp")
    args = _parse(["images", "prompt.txt", "--output-dir", "../../etc"])
    assert args.func(args, _ctx()) == 2
    assert "outside the working folder" in capsys.readouterr().err
    args = _parse(["images", "missing.txt"])
    assert args.func(args, _ctx()) == 2
    for bad in ("0", "17", "x"):
        with pytest.raises(SystemExit) as exc:
            _parse(["images", "prompt.txt", "--num-variations", bad])
        assert exc.value.code == 2
