"""Batch citation audit: a folder of briefs in; a checker report and a Table
of Authorities per brief, and a summary, out. Resumable, parallel.

    make_config(store, directory, *, formats, max_bytes, chars_per_page, max_text_mb) -> AuditConfig
    audit(paths, *, out_dir, config, workers=None, backend="local", ...) -> AuditOutcome
    exit_code(outcome) -> int

Output folder::

    OUT/summary.html                 per brief counts (worst first), a chart, most-cited
                                     authorities, every invalid/unverified citation, failed files
    OUT/summary.csv                  one row per brief
    OUT/summary_flagged.csv          one row per invalid or unverified citation
    OUT/summary_authorities.csv      one row per authority, most cited first
    OUT/briefs/KEY.check.html|json|csv   the checker's report (research check formats)
    OUT/briefs/KEY.toa.html          the Table of Authorities
    OUT/briefs/KEY.audit.json        the record: hash, counts, ToA, flagged citations, error

The record is written last, each file atomically; a re-run skips a brief
whose record says it was checked, with the same content hash, against the
same library, and whose reports all exist. See docs/audit.md.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from research.audit.jobs import (
    DEFAULT_CHARS_PER_PAGE, DEFAULT_MAX_BYTES, FORMATS, AuditConfig, AuditJob, BriefOutput, is_done, plan_jobs,
    save_output,
)
from research.audit.record import AuditRecord
from research.settings import Settings

if TYPE_CHECKING:
    from research.citations.directory import Directory
    from research.store import Store

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE, EXIT_FATAL = 0, 1, 2, 4
BACKENDS = ("local", "ray")


@dataclass
class AuditOutcome:
    """What a run did. ``records`` hold every brief's record (new and skipped),
    in the order of the briefs."""

    out_dir: Path
    records: list[AuditRecord] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)   # files checked in this run
    skipped: list[str] = field(default_factory=list)   # unchanged since a previous run
    seconds: float = 0.0
    complete: bool = False

    @property
    def failed(self) -> list[AuditRecord]:
        return [r for r in self.records if not r.ok]

    @property
    def with_invalid(self) -> list[AuditRecord]:
        return [r for r in self.records if r.has_invalid]


def exit_code(outcome: AuditOutcome) -> int:
    """Bit flags: 1 = a brief has an invalid citation, 2 = a brief could not be read."""
    return (EXIT_INVALID if outcome.with_invalid else 0) | (EXIT_UNREADABLE if outcome.failed else 0)


def make_config(store: "Store", directory: "Directory | None", *, formats: Sequence[str] = FORMATS,
                max_bytes: int = DEFAULT_MAX_BYTES, chars_per_page: int = DEFAULT_CHARS_PER_PAGE,
                max_text_mb: float = Settings.max_text_mb) -> AuditConfig:
    """The config of a run over this (open) library and directory: their
    paths, for the workers to open read-only, and a fingerprint of what they
    hold, so a changed library means every brief is checked again."""
    digest = hashlib.sha256(store.corpus_hash().encode())
    directory_path = ""
    if directory is not None:
        digest.update(repr(sorted(directory.loads().items())).encode())
        directory_path = str(directory.path.resolve())
    digest.update(repr((tuple(formats), chars_per_page)).encode())
    return AuditConfig(db_path=str(store.path.resolve()), directory_path=directory_path,
                       formats=tuple(formats), max_bytes=max_bytes, library_fingerprint=digest.hexdigest()[:32],
                       chars_per_page=chars_per_page, max_text_mb=max_text_mb)


def audit(paths: Iterable[Path | str], *, out_dir: Path, config: AuditConfig, workers: int | None = None,
          backend: str = "local", ray_address: str | None = None, ray_temp_dir: str | None = None,
          on_start: Callable[[int, int], None] | None = None,
          on_result: Callable[[AuditRecord], None] | None = None) -> AuditOutcome:
    """Audit every brief under ``paths`` into ``out_dir``. ``on_start(todo,
    skipped)`` is called once the plan is known, ``on_result(record)`` after
    each brief is saved (progress; an exception there stops the run, and
    every brief saved so far stays saved). The summary is written even then.
    ``config`` comes from ``make_config`` (``research.library.audit_config``
    opens the library and directory for it)."""
    out_dir = Path(out_dir)
    started = time.perf_counter()
    outcome = AuditOutcome(out_dir)
    jobs, done = _plan(paths, out_dir, config)
    todo = [job for job in jobs if done[job.key] is None]
    outcome.skipped = [job.path for job in jobs if done[job.key] is not None]
    if on_start:
        on_start(len(todo), len(outcome.skipped))

    def saved(output: BriefOutput) -> None:
        record = save_output(output, out_dir)
        done[record.key] = record
        outcome.checked.append(record.file)
        if on_result:
            on_result(record)

    try:
        _run(todo, config, saved, backend=backend, workers=workers, ray_address=ray_address,
             ray_temp_dir=ray_temp_dir)
        outcome.complete = True
    finally:
        _finish(outcome, jobs, done, started)
    return outcome


def _plan(paths: Iterable[Path | str], out_dir: Path,
          config: AuditConfig) -> tuple[list[AuditJob], dict[str, AuditRecord | None]]:
    """Every brief, and the saved record of those a re-run may skip (None: check it)."""
    jobs = plan_jobs(paths)
    return jobs, {job.key: is_done(job, out_dir, config) for job in jobs}


def _run(todo: list[AuditJob], config: AuditConfig, saved, *, backend: str, workers: int | None,
         ray_address: str | None, ray_temp_dir: str | None) -> None:
    from research.audit import backends as audit_backends

    if not todo:
        return
    if backend == "ray":
        audit_backends.run_ray(todo, config, saved, address=ray_address, num_cpus=workers, temp_dir=ray_temp_dir)
    elif backend == "local":
        audit_backends.run_local(todo, config, saved, workers=workers or audit_backends.default_workers())
    else:
        raise ValueError(f"unknown audit backend {backend!r}; use one of {', '.join(BACKENDS)}")


def _finish(outcome: AuditOutcome, jobs: list[AuditJob], done: dict[str, AuditRecord | None],
            started: float) -> None:
    from research.audit.summary import write_summary

    outcome.records = [done[job.key] for job in jobs if done[job.key] is not None]
    outcome.seconds = time.perf_counter() - started
    write_summary(outcome.records, outcome.out_dir, complete=outcome.complete, planned=len(jobs))
