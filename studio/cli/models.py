"""`python -m studio models list|pull`: which weights are here, and fetching the rest.

Two kinds: the learned metrics' (CLIP score, aesthetic, PickScore) and the local generation models of
config/local_models.yaml (STUDIO_LOCAL_IMAGE_MODEL, STUDIO_LOCAL_VIDEO_MODEL). `list` reads the disk only.
`pull` is the one place the studio downloads weights, and only when asked: it reads the exact sizes from
the Hub first, says what it will fetch, asks, then downloads into the Hugging Face cache with progress
bars. Scoring and generation never download (see studio/quality/weights.py, studio/providers/local_models.py).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from studio.cli.parsing import add_command
from studio.errors import BadInput, StudioError

if TYPE_CHECKING:
    from studio.quality.weights import HubFiles

# studio.quality.weights is imported where it is used: importing it loads the quality package (OpenCV),
# which `python -m studio --help` and the other commands should not wait for.

METADATA_TIMEOUT_S = 10.0
"""Per request: a Hub that does not answer fails the command in seconds, not minutes."""


class ModelDownloadError(StudioError):
    """The weights could not be listed or downloaded; the message names the problem and what to try."""


def add_models_parser(subparsers: Any) -> argparse.ArgumentParser:
    """`models list [--format json]` and `models pull [NAME...] [--yes]`."""
    return add_command(
        subparsers, "models", "learned-metric and local-model weights: what is here; download the rest",
        _options,
    )


def _options(p: argparse.ArgumentParser) -> None:
    from studio.providers.local_models import load_local_models
    from studio.quality.weights import MODELS

    sub = p.add_subparsers(dest="models_command", required=True)
    ls = sub.add_parser(
        "list", help="which learned metrics and local models are available here (reads the disk only)"
    )
    ls.add_argument("--model-dir", default=None, help="a folder with clip/, aesthetic/, pickscore/ weights")
    ls.add_argument("--format", choices=["text", "json"], default="text")
    ls.set_defaults(func=cmd_list)
    pull = sub.add_parser(
        "pull", help="download weights into the Hugging Face cache (HF_HOME), sizes shown first"
    )
    local = ", ".join(load_local_models().models)
    pull.add_argument(
        "names", nargs="*", metavar="NAME",
        help=f"{', '.join(MODELS)} (default: the missing ones); or a local model: {local}",
    )
    pull.add_argument("--yes", "-y", action="store_true", help="download without asking")
    pull.set_defaults(func=cmd_pull)


# ── list ─────────────────────────────────────────────────────────────────────────────────────────


def cmd_list(args: argparse.Namespace, cli: Any = None) -> int:
    """Print what is on disk, what is missing, the sizes, and the command for the rest."""
    from studio.quality import weights

    found = weights.learned_availability(args.model_dir)
    if args.format == "json":
        local = {s.name: _local_entry(s) for s in _local_models()}
        print(json.dumps({name: asdict(a) | {"status": a.status} for name, a in found.items()} | local))
        return 0
    where = args.model_dir or f"the Hugging Face cache ({weights.hub_cache_dir()})"
    print(f"Learned metrics, weights looked up in {where}:")
    print(f"  {'NAME':10} {'STATUS':8} {'SIZE':>8}  {'MODEL':34} FIGURES")
    for a in found.values():
        model = weights.MODELS[a.name]
        size = "on disk" if a.path else weights.human_size(model.approx_bytes)
        needs = [n for n in model.needs if not found[n].path]
        also = f" (needs {', '.join(needs)})" if needs else ""
        print(f"  {a.name:10} {a.status:8} {size:>8}  {a.model_id:34} {', '.join(a.metrics)}{also}")
    missing = [a for a in found.values() if not a.available]
    if not missing:
        print("All learned metrics are available.")
    elif not weights.ml_installed():
        print(f"Get them: {missing[0].command.split(' && ')[0]}, then {weights.PULL_COMMAND}")
    else:
        total = sum(weights.MODELS[n].approx_bytes for n, a in found.items() if a.path is None)
        print(f"Get the missing ones (about {weights.human_size(total)}): {weights.PULL_COMMAND}")
    _list_local()
    return 0


# ── local generation models ──────────────────────────────────────────────────────────────────────


def _local_models() -> list[Any]:
    from studio.providers.local_models import load_local_models

    return list(load_local_models().models.values())


def _local_entry(spec: Any) -> dict[str, Any]:
    from studio.providers.local_models import weights_present

    here = weights_present(spec)
    return {
        "name": spec.name, "kind": "local", "task": spec.task, "model_id": spec.repo_id,
        "status": "available" if here else "missing",
        "download_bytes": None if here else int(spec.download_gb * 1e9),
        "vram_gib": spec.vram_gib, "offload_vram_gib": spec.offload_vram_gib,
        "command": "" if here else spec.pull,
    }  # fmt: skip


def _list_local() -> None:
    """The local generation models: here or not, download size, GPU memory (the catalogue's figures)."""
    from studio.providers.local_models import PULL_COMMAND, weights_present

    print()
    print("Local generation models (config/local_models.yaml: STUDIO_LOCAL_IMAGE_MODEL, "
          "STUDIO_LOCAL_VIDEO_MODEL):")
    print(f"  {'NAME':20} {'TASK':8} {'STATUS':9} {'SIZE':>8}  {'GPU GiB':>9}  REPOSITORY")
    for spec in _local_models():
        status = "available" if weights_present(spec) else "missing"
        gib = f"{spec.vram_gib:g} ({spec.offload_vram_gib:g})"
        gated = " (gated: accept its licence on the Hub)" if spec.gated else ""
        print(f"  {spec.name:20} {spec.task:8} {status:9} {spec.download_gb:>5.1f} GB  {gib:>9}  "
              f"{spec.repo_id}{gated}")
    print(f"GPU GiB: whole on the card (with CPU offload). Get one: {PULL_COMMAND} NAME")


# ── pull ─────────────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class PlannedFile:
    repo_id: str
    filename: str
    size: int | None
    cached: bool


def plan_download(names: Sequence[str], cache_dir: Path, api: Any) -> list[PlannedFile]:
    """The files each model needs, with their sizes from the Hub's metadata (one request per repository)."""
    from huggingface_hub import try_to_load_from_cache

    from studio.quality.weights import MODELS

    planned: list[PlannedFile] = []
    for hub in (h for name in names for h in MODELS[name].hub):
        try:
            info = api.model_info(hub.repo_id, files_metadata=True, timeout=METADATA_TIMEOUT_S)
        except Exception as exc:
            raise ModelDownloadError(
                f"Cannot read the model sizes from the Hugging Face Hub ({_endpoint(api)}): "
                f"{_network_problem(exc, _endpoint(api))}. Nothing was downloaded. On a machine without "
                "internet, copy a Hugging Face cache folder (HF_HOME) holding the weights from another "
                "machine instead; `python -m studio models list` shows what is here."
            ) from None
        sizes = {s.rfilename: s.size for s in info.siblings or []}
        for filename in _chosen_files(hub, sizes):
            here = try_to_load_from_cache(hub.repo_id, filename, cache_dir=cache_dir, revision=info.sha)
            planned.append(PlannedFile(hub.repo_id, filename, sizes[filename], isinstance(here, str)))
    return planned


def _chosen_files(hub: HubFiles, sizes: dict[str, int | None]) -> list[str]:
    chosen = [f for f in sizes if "/" not in f and any(fnmatch(f, p) for p in hub.fetch)]
    chosen = [f for f in chosen if f not in hub.weights]
    if hub.weights:
        weight = next((w for w in hub.weights if w in sizes), None)
        if weight is None:
            raise ModelDownloadError(f"{hub.repo_id} on the Hub has none of {', '.join(hub.weights)}")
        chosen.append(weight)
    return chosen


def _endpoint(api: Any) -> str:
    return str(getattr(api, "endpoint", None) or "https://huggingface.co")


def _proxy() -> str:
    """The HTTPS proxy in use, as host:port (never its credentials), or ""."""
    raw = next((os.environ[k] for k in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY") if os.environ.get(k)), "")
    if not raw:
        return ""
    parsed = urlparse(raw if "://" in raw else f"http://{raw}")
    return f"{parsed.hostname}:{parsed.port}" if parsed.port else str(parsed.hostname or "")


def _network_problem(exc: BaseException, endpoint: str) -> str:
    """What stopped a Hub request, and what to do about it (httpx, httpx2 or requests errors alike)."""
    kinds = {c.__name__ for c in type(exc).__mro__}
    proxy = _proxy()
    cause = str(exc).strip() or type(exc).__name__
    if "OfflineModeIsEnabled" in kinds:
        problem = "HF_HUB_OFFLINE=1 is set, which forbids it; run the command with HF_HUB_OFFLINE=0"
    elif "ProxyError" in kinds or (proxy and kinds & {"ConnectError", "ConnectionError", "NetworkError"}):
        problem = f"no connection through the proxy {proxy or ''} ({cause}); check HTTPS_PROXY"
    elif kinds & {"ConnectError", "ConnectionError", "NetworkError"}:
        problem = f"no connection to {urlparse(endpoint).netloc} ({cause}); check the internet connection"
    elif kinds & {"TimeoutException", "Timeout"}:
        problem = f"no answer within {METADATA_TIMEOUT_S:.0f} s ({cause}); check the internet connection"
    elif "HfHubHTTPError" in kinds:
        problem = f"the Hub refused the request ({cause.splitlines()[0]})"
    else:
        problem = f"{type(exc).__name__}: {cause}"
    return problem


def _print_plan(planned: list[PlannedFile], cache_dir: Path) -> int:
    """Print the files to fetch per repository; return the bytes to download."""
    from studio.quality.weights import human_size

    to_download = [f for f in planned if not f.cached]
    total = sum(f.size or 0 for f in to_download)
    print(f"Will download into {cache_dir}:")
    for repo in dict.fromkeys(f.repo_id for f in to_download):
        files = [f for f in to_download if f.repo_id == repo]
        big = max(files, key=lambda f: f.size or 0)
        rest = sum(f.size or 0 for f in files) - (big.size or 0)
        others = f" + {len(files) - 1} small files ({human_size(rest)})" if len(files) > 1 else ""
        print(f"  {repo:45} {big.filename} {human_size(big.size)}{others}")
    print(f"Total: {human_size(total)}")
    return total


def _free_bytes(folder: Path) -> int:
    existing = next(p for p in (folder, *folder.parents) if p.exists())
    return shutil.disk_usage(existing).free


def _confirm(total: int) -> bool:
    from studio.quality.weights import human_size

    try:
        answer = input(f"Download {human_size(total)}? [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def cmd_pull(
    args: argparse.Namespace,
    cli: Any = None,
    *,
    api: Any = None,
    download: Callable[..., Any] | None = None,
) -> int:
    """Show what will be downloaded and its size, ask, then download with progress bars."""
    from studio.providers.local_models import load_local_models
    from studio.quality import weights

    local = load_local_models()
    unknown = [n for n in args.names if n not in weights.MODELS and n not in local.models]
    if unknown:
        raise BadInput(
            f"Unknown model {', '.join(unknown)}: choose from {', '.join(weights.MODELS)} (learned metrics) "
            f"or {', '.join(local.models)} (local generation models)"
        )
    local_names = [n for n in args.names if n in local.models]
    if local_names:
        code = pull_local([local.models[n] for n in local_names], args.yes, api=api, download=download)
        learned = [n for n in args.names if n in weights.MODELS]
        if code or not learned:
            return code
        args = argparse.Namespace(**{**vars(args), "names": learned})
    if not weights.ml_installed():
        raise BadInput("torch and transformers are not installed: pip install -r requirements-ml.txt first")
    from huggingface_hub import HfApi, snapshot_download

    found = weights.learned_availability()
    wanted = list(args.names or weights.MODELS)
    with_needs = dict.fromkeys(d for n in wanted for d in (*weights.MODELS[n].needs, n))
    names = [n for n in with_needs if found[n].path is None]
    if not names:
        print(f"Already here: {', '.join(wanted)}. Nothing to download.")
        return 0
    cache_dir = weights.hub_cache_dir()
    api = api or HfApi()
    planned = plan_download(names, cache_dir, api)
    total = _print_plan(planned, cache_dir)
    free = _free_bytes(cache_dir)
    if total > free:
        raise ModelDownloadError(
            f"Not enough disk space in {cache_dir}: {weights.human_size(total)} needed, "
            f"{weights.human_size(free)} free."
        )
    if not args.yes and not _confirm(total):
        print("Nothing downloaded.")
        return 1
    fetch = download or snapshot_download
    for repo in dict.fromkeys(f.repo_id for f in planned):
        files = [f.filename for f in planned if f.repo_id == repo]
        try:
            fetch(repo, allow_patterns=files, cache_dir=cache_dir)
        except Exception as exc:
            raise ModelDownloadError(
                f"Downloading {repo} stopped: {_network_problem(exc, _endpoint(api))}. Run "
                f"`{weights.PULL_COMMAND}` again: the files already downloaded are kept."
            ) from None
    print()
    return cmd_list(argparse.Namespace(model_dir=None, format="text"))


def plan_local_download(specs: Sequence[Any], cache_dir: Path, api: Any) -> list[PlannedFile]:
    """The files of each local model's allow_patterns, with their sizes from the Hub (one request each)."""
    from huggingface_hub import try_to_load_from_cache
    from huggingface_hub.utils import filter_repo_objects

    planned: list[PlannedFile] = []
    for spec in specs:
        try:
            extra = {"revision": spec.revision} if spec.revision else {}
            info = api.model_info(spec.repo_id, files_metadata=True, timeout=METADATA_TIMEOUT_S, **extra)
        except Exception as exc:
            if "GatedRepoError" in {c.__name__ for c in type(exc).__mro__}:
                problem = (f"{spec.repo_id} is gated: accept its licence at {spec.page} while logged in, "
                           "then log in here (`hf auth login`, or set HF_TOKEN)")
            else:
                problem = _network_problem(exc, _endpoint(api))
            raise ModelDownloadError(
                f"Cannot read the sizes of {spec.name} from the Hugging Face Hub ({_endpoint(api)}): "
                f"{problem}. Nothing was downloaded. On a machine without internet, copy a Hugging Face "
                "cache folder (HF_HOME) holding the weights from another machine instead."
            ) from None
        siblings = list(filter_repo_objects(info.siblings or [], allow_patterns=spec.allow_patterns,
                                            key=lambda s: s.rfilename))
        if not siblings:
            wanted = ", ".join(spec.allow_patterns or [])
            raise ModelDownloadError(f"{spec.repo_id} on the Hub has none of {wanted}")
        for sibling in siblings:
            here = try_to_load_from_cache(
                spec.repo_id, sibling.rfilename, cache_dir=cache_dir, revision=info.sha
            )
            planned.append(PlannedFile(spec.repo_id, sibling.rfilename, sibling.size, isinstance(here, str)))
    return planned


def pull_local(
    specs: Sequence[Any], yes: bool, *, api: Any = None, download: Callable[..., Any] | None = None
) -> int:
    """Pull local generation models: what each needs of the GPU, the exact sizes, consent, progress."""
    from studio.providers.local_models import weights_present
    from studio.quality.weights import hub_cache_dir, human_size

    try:
        from huggingface_hub import HfApi, snapshot_download
    except ImportError:
        raise BadInput("huggingface_hub is not installed: pip install -r requirements-ml.txt first") from None
    cache_dir = hub_cache_dir()
    to_fetch = []
    for spec in specs:
        if weights_present(spec, cache_dir):
            print(f"Already here: {spec.name} ({spec.repo_id}).")
        else:
            to_fetch.append(spec)
    if not to_fetch:
        return 0
    api = api or HfApi()
    planned = plan_local_download(to_fetch, cache_dir, api)
    for spec in to_fetch:
        print(f"{spec.name}: {spec.label} ({spec.task}), needs {spec.vram_gib:g} GiB of GPU memory, "
              f"{spec.offload_vram_gib:g} GiB with CPU offload (the catalogue's figures). "
              f"Licence: {spec.page}")
    total = _print_plan(planned, cache_dir)
    free = _free_bytes(cache_dir)
    if total > free:
        raise ModelDownloadError(
            f"Not enough disk space in {cache_dir}: {human_size(total)} needed, {human_size(free)} free."
        )
    if not yes and not _confirm(total):
        print("Nothing downloaded.")
        return 1
    fetch = download or snapshot_download
    for spec in to_fetch:
        extra = {"revision": spec.revision} if spec.revision else {}
        try:
            fetch(spec.repo_id, allow_patterns=spec.allow_patterns, cache_dir=cache_dir, **extra)
        except Exception as exc:
            raise ModelDownloadError(
                f"Downloading {spec.repo_id} stopped: {_network_problem(exc, _endpoint(api))}. Run "
                f"`{spec.pull}` again: the files already downloaded are kept."
            ) from None
        if not weights_present(spec, cache_dir):
            raise ModelDownloadError(
                f"{spec.repo_id} was downloaded but a component of its pipeline is missing from {cache_dir}: "
                f"run `{spec.pull}` again"
            )
        print(f"{spec.name} is here.")
    _list_local()
    return 0
