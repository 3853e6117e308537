"""The Ray backend gives the same reports as the local one, on a local Ray
with 2 CPUs that listens on loopback only and keeps its files under the
test's own folder. Skipped when Ray is not installed (pip install .[ray])."""
from __future__ import annotations

from pathlib import Path

import pytest

from research import library
from research.audit.runner import audit, exit_code
from research.audit.jobs import BRIEFS_DIR
from support.briefs import MAX_BYTES, strip_timestamps

pytestmark = pytest.mark.slow  # starts Ray


def listening() -> set[tuple[str, str]]:
    """(local address hex, port hex) of every listening TCP socket on this machine."""
    found = set()
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(name).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "0A":  # LISTEN
                found.add(tuple(fields[1].split(":")))
    return found


def is_loopback(address_hex: str) -> bool:
    if len(address_hex) == 8:  # IPv4, little-endian: 127.x.x.x ends in 7F
        return address_hex.endswith("7F")
    return address_hex in ("00000000000000000000000001000000",) or address_hex.startswith("0000000000000000FFFF0000") \
        and address_hex.endswith("7F")


@pytest.fixture(scope="module")
def local_ray(tmp_path_factory):
    """Ray started as the project starts it (research.cluster), for the whole module."""
    from research.cluster import import_ray, ray_session

    try:
        import_ray(local=True)  # sets what Ray reads at import, then imports it
    except ImportError:
        pytest.skip("Ray is not installed (pip install .[ray])")
    temp = tmp_path_factory.getbasetemp() / "ray"  # short: Ray's socket paths must fit in 107 bytes
    before = listening()
    with ray_session(num_cpus=2, temp_dir=str(temp)) as ray:
        yield ray, {sock for sock in listening() - before}


def test_ray_writes_the_same_reports_as_local(local_ray, lexical_library, brief_folder, tmp_path):
    config = library.audit_config(lexical_library, max_bytes=MAX_BYTES)
    local = audit([brief_folder], out_dir=tmp_path / "local", config=config, workers=1)
    on_ray = audit([brief_folder], out_dir=tmp_path / "ray", config=config, backend="ray")
    files = sorted(p.relative_to(tmp_path / "local") for p in (tmp_path / "local").rglob("*") if p.is_file())
    assert len(files) > 20
    for name in files:
        assert strip_timestamps((tmp_path / "ray" / name).read_text("utf-8")) == \
            strip_timestamps((tmp_path / "local" / name).read_text("utf-8")), name
    assert len(on_ray.checked) == len(local.checked) and exit_code(on_ray) == exit_code(local) == 3
    assert len(list((tmp_path / "ray" / BRIEFS_DIR).glob("*.audit.json"))) == len(on_ray.records)


def test_ray_listens_on_loopback_only(local_ray):
    ray, opened = local_ray
    assert ray.is_initialized() and opened  # Ray did open its servers...
    assert [sock for sock in opened if not is_loopback(sock[0])] == []  # ...on loopback only


def test_index_backend_ray_writes_the_same_index_as_local(local_ray, small_docs, encoder, model_cache, tmp_path):
    import json

    import numpy as np

    from research import library
    from research.search.ray_encode import RayEncoder
    from research.settings import Settings
    from research.store.store import Store

    store = Store(tmp_path / "library.sqlite3")
    store.add_documents(small_docs[:10])
    local = library.build(Settings(home=tmp_path / "local"), store, encoder)
    ray_built = library.build(Settings(home=tmp_path / "ray"), store,
                              RayEncoder(encoder, model_path="", cache_dir=str(model_cache), actors=2))
    store.close()
    volatile = {"built_at", "build_seconds", "name"}
    assert {k: v for k, v in local.to_dict().items() if k not in volatile} == \
        {k: v for k, v in ray_built.to_dict().items() if k not in volatile}
    folders = [tmp_path / side / "indexes" / "default" for side in ("local", "ray")]
    assert sorted(p.name for p in folders[0].iterdir()) == sorted(p.name for p in folders[1].iterdir())
    assert json.loads((folders[0] / "chunks.json").read_text()) == json.loads((folders[1] / "chunks.json").read_text())
    vectors = [np.load(folder / "embeddings.npy") for folder in folders]
    assert vectors[0].shape == vectors[1].shape and vectors[0].shape[0] == local.chunks > 20
    assert np.allclose(vectors[0], vectors[1], atol=1e-5)
