"""Ray, started the one way this project starts it (``research index
--backend ray`` and ``research audit --backend ray``): no dashboard, no
usage statistics, a local Ray on loopback only, its files where asked.

    with ray_session(address=None, num_cpus=None, temp_dir=None) as ray:
        ...

Ray is imported only here and only when a Ray backend is chosen.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Any, Iterator

RAY_MISSING = "the ray backend needs Ray: pip install '.[ray]' (ray>=2.9)"


def init_options(*, address: str | None, num_cpus: int | None, temp_dir: str | None) -> dict[str, Any]:
    """``ray.init`` arguments: join ``address``, or start a local Ray with
    ``num_cpus`` CPUs (default: all) keeping its files in ``temp_dir``."""
    options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "configure_logging": False}
    if address:
        options["address"] = address
    elif num_cpus:
        options["num_cpus"] = num_cpus
    if temp_dir and not address:
        options["_temp_dir"] = temp_dir
    return options


def import_ray(*, local: bool) -> Any:
    """The ray module, imported with usage statistics off (and, for a local
    Ray, its servers on loopback: Ray reads this at import)."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    if local:
        os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
    try:
        import ray
    except ImportError as error:
        raise ImportError(RAY_MISSING) from error
    return ray


@contextmanager
def ray_session(*, address: str | None = None, num_cpus: int | None = None,
                temp_dir: str | None = None) -> Iterator[Any]:
    """Ray, ready to take tasks: an already-initialised Ray is used as it is;
    otherwise one is started (or joined, with ``address``) here and shut
    down when the block ends."""
    ray = import_ray(local=not address)
    started = not ray.is_initialized()
    if started:
        ray.init(**init_options(address=address, num_cpus=num_cpus, temp_dir=temp_dir))
    try:
        yield ray
    finally:
        if started:
            ray.shutdown()
