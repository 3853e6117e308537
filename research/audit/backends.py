"""Where the briefs of an audit are checked: in this process, in a local
process pool, or on a Ray cluster. Every backend runs the same task
(``research.audit.jobs.audit_brief``) on the same small arguments and hands
each result to ``on_result`` in this process as soon as it is ready, so the
caller writes it at once: an interrupted run keeps every finished brief.

    run_local(jobs, config, on_result, *, workers) -> None
    run_ray(jobs, config, on_result, *, address=None, num_cpus=None, temp_dir=None) -> None

At most a few tasks per worker are in flight at any time, so a million
briefs never sit in memory as a million pending futures.
"""
from __future__ import annotations

import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Callable, Sequence

from research.audit.jobs import AuditConfig, AuditJob, BriefOutput, audit_brief
from research.cluster import ray_session

OnResult = Callable[[BriefOutput], None]
_IN_FLIGHT_PER_WORKER = 4


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_local(jobs: Sequence[AuditJob], config: AuditConfig, on_result: OnResult, *, workers: int) -> None:
    """``workers`` 1 checks in this process (no start-up cost); more uses a
    pool of fresh ("spawn") processes, which share nothing with this one but
    the arguments: safe whatever threads or databases this process holds."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            on_result(audit_brief(job, config))
        return
    import multiprocessing

    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        try:
            _drain(pool, jobs, config, on_result, limit=workers * _IN_FLIGHT_PER_WORKER)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _drain(pool: ProcessPoolExecutor, jobs: Sequence[AuditJob], config: AuditConfig,
           on_result: OnResult, *, limit: int) -> None:
    pending: set[Future] = set()
    queue = iter(jobs)
    while True:
        for job in queue:
            pending.add(pool.submit(audit_brief, job, config))
            if len(pending) >= limit:
                break
        if not pending:
            return
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            on_result(future.result())


def run_ray(jobs: Sequence[AuditJob], config: AuditConfig, on_result: OnResult, *,
            address: str | None = None, num_cpus: int | None = None, temp_dir: str | None = None) -> None:
    """The same task as Ray tasks (one CPU each). An already-initialised Ray
    is used as it is; otherwise one is started (or joined, with ``address``)
    and shut down at the end. Each task gets the job and the config, whose
    ``db_path`` every node must be able to open (shared storage, or a copy
    of the library at the same path on each node)."""
    with ray_session(address=address, num_cpus=num_cpus, temp_dir=temp_dir) as ray:
        task = ray.remote(num_cpus=1, max_retries=2)(audit_brief)
        limit = max(2, int(ray.cluster_resources().get("CPU", 1)) * _IN_FLIGHT_PER_WORKER)
        config_ref = ray.put(config)  # stored once, not copied into every task
        _drain_ray(ray, task, jobs, config_ref, on_result, limit=limit)


def _drain_ray(ray, task, jobs: Sequence[AuditJob], config_ref, on_result: OnResult, *, limit: int) -> None:
    pending: list = []
    queue = iter(jobs)
    while True:
        for job in queue:
            pending.append(task.remote(job, config_ref))
            if len(pending) >= limit:
                break
        if not pending:
            return
        done, pending = ray.wait(pending, num_returns=1)
        for ref in done:
            on_result(ray.get(ref))
