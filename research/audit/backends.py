"""Where the briefs of an audit are checked: in this process, in a local
process pool, or on a Ray cluster. Every backend runs the same task
(``research.audit.jobs.audit_brief``) on the same small arguments and hands
each result to ``on_result`` in this process as soon as it is ready, so the
caller writes it at once: an interrupted run keeps every finished brief.

    run_local(jobs, config, on_result, *, workers) -> None
    run_ray(jobs, config, on_result, *, address=None, num_cpus=None, temp_dir=None) -> None

At most a few tasks per worker are in flight at any time, so a million
briefs never sit in memory as a million pending futures.

A worker that dies (kill -9, the kernel's out-of-memory killer) breaks the
local pool: the briefs it had in flight are checked again one by one, each
in a process of its own, and a brief whose process dies again is recorded as
failed with the reason; then a fresh pool goes on with the rest.
"""
from __future__ import annotations

import os
import signal
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterator, Sequence

from research.audit.jobs import AuditConfig, AuditJob, BriefOutput, audit_brief, failed_output
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
    from concurrent.futures import ThreadPoolExecutor

    queue = iter(jobs)
    while True:
        orphans = _pool_pass(queue, config, on_result, workers)
        if not orphans:
            return
        with ThreadPoolExecutor(max_workers=workers) as alone:  # a process each, so a death names its brief
            for output in alone.map(lambda job: _check_alone(job, config), orphans):
                on_result(output)


def _pool_pass(queue: Iterator[AuditJob], config: AuditConfig, on_result: OnResult,
               workers: int) -> list[AuditJob]:
    """Check briefs from ``queue`` in a pool until it is empty ([]) or a
    worker dies (the briefs that were in flight then)."""
    import multiprocessing

    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        try:
            return _drain(pool, queue, config, on_result, limit=workers * _IN_FLIGHT_PER_WORKER)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _drain(pool: ProcessPoolExecutor, queue: Iterator[AuditJob], config: AuditConfig,
           on_result: OnResult, *, limit: int) -> list[AuditJob]:
    pending: dict[Future, AuditJob] = {}
    while True:
        orphans = _fill(pool, queue, config, pending, limit)
        if not pending and not orphans:
            return []
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            job = pending.pop(future)
            if future.exception() is None:
                on_result(future.result())
            elif isinstance(future.exception(), BrokenProcessPool):
                orphans.append(job)
            else:
                raise future.exception()
        if orphans:
            return orphans + _harvest(pending, on_result)


def _fill(pool: ProcessPoolExecutor, queue: Iterator[AuditJob], config: AuditConfig,
          pending: dict[Future, AuditJob], limit: int) -> list[AuditJob]:
    """Submit until ``limit`` are in flight; [the job] the broken pool refused."""
    while len(pending) < limit:
        job = next(queue, None)
        if job is None:
            break
        try:
            pending[pool.submit(audit_brief, job, config)] = job
        except BrokenProcessPool:
            return [job]
    return []


def _harvest(pending: dict[Future, AuditJob], on_result: OnResult) -> list[AuditJob]:
    """The pool is broken: every future ends at once, done (saved) or not (returned)."""
    wait(pending)
    orphans = []
    for future, job in pending.items():
        if future.exception() is None:
            on_result(future.result())
        else:
            orphans.append(job)
    return orphans


def _check_alone(job: AuditJob, config: AuditConfig) -> BriefOutput:
    """``audit_brief`` in a process of its own; if that process dies too, the
    brief's record says so and how it died."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_send_result, args=(job, config, sender), daemon=True)
    process.start()
    sender.close()
    try:
        output = receiver.recv()
    except EOFError:
        output = None
    process.join()
    if output is None:
        return failed_output(job, config, f"the process checking it died twice ({_death(process.exitcode)}); "
                                          "the brief may need more memory than is available")
    return output


def _send_result(job: AuditJob, config: AuditConfig, sender) -> None:
    sender.send(audit_brief(job, config))
    sender.close()


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            pass
    return f"exit code {exitcode}"


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
        _drain_ray(ray, task, jobs, config, config_ref, on_result, limit=limit)


def _drain_ray(ray, task, jobs: Sequence[AuditJob], config: AuditConfig, config_ref, on_result: OnResult, *,
               limit: int) -> None:
    pending: dict = {}
    queue = iter(jobs)
    while True:
        for job in queue:
            pending[task.remote(job, config_ref)] = job
            if len(pending) >= limit:
                break
        if not pending:
            return
        done, _ = ray.wait(list(pending), num_returns=1)
        for ref in done:
            job = pending.pop(ref)
            try:
                output = ray.get(ref)
            except ray.exceptions.RayError as error:  # its worker died, retries included
                output = failed_output(job, config, f"the Ray task checking it failed ({type(error).__name__})")
            on_result(output)
