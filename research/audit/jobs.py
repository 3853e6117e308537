"""One brief of a batch audit: finding the briefs, hashing them, deciding
what a re-run may skip, checking one brief, and writing files atomically.

    discover(paths) -> list[(Path, problem)]
    plan_jobs(paths) -> list[AuditJob]                    # one per brief, in path order
    audit_brief(job, config) -> BriefOutput               # runs in a worker process
    is_done(job, out_dir, config) -> AuditRecord | None   # the saved record, when a re-run may skip
    save_output(output, out_dir) -> AuditRecord           # every file atomically, the record last

A worker gets only an ``AuditJob`` (path, hash, size, output key) and an
``AuditConfig`` (paths of the library and directory databases, formats,
size limit): plain values that pickle in a few hundred bytes. It opens the
library read-only itself, once per process, and returns the rendered files
as strings; the driver writes them. Nothing heavy is imported (no torch).
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping

from research.audit.record import RECORD_VERSION, AuditRecord
from research.audit.toa import DEFAULT_CHARS_PER_PAGE
from research.errors import failure_of
from research.settings import Settings

if TYPE_CHECKING:
    from research.citations.directory import Directory
    from research.store import Store

BRIEF_SUFFIXES = (".pdf", ".docx", ".txt", ".text", ".md")
FORMATS = ("html", "json", "csv")
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
RECORD_SUFFIX = ".audit.json"
BRIEFS_DIR = "briefs"


@dataclass(frozen=True)
class AuditConfig:
    """What every worker needs besides the brief: sent with each task."""

    db_path: str
    directory_path: str = ""  # "" when there is no citation directory
    formats: tuple[str, ...] = FORMATS
    max_bytes: int = DEFAULT_MAX_BYTES
    library_fingerprint: str = ""  # a changed library means every brief is checked again
    chars_per_page: int = DEFAULT_CHARS_PER_PAGE
    max_text_mb: float = Settings.max_text_mb


@dataclass(frozen=True)
class AuditJob:
    path: str   # as found under the paths given (the report's "file")
    key: str    # file-name stem of its reports, unique within the run
    sha256: str
    size: int
    problem: str = ""  # known before checking (a link out of the folder, a missing path)


@dataclass(frozen=True)
class BriefOutput:
    """The record of one brief and its rendered files by name."""

    record: AuditRecord
    files: Mapping[str, str] = field(default_factory=dict)


# --- discovery ---------------------------------------------------------------

def discover(paths: Iterable[Path | str]) -> list[tuple[Path, str]]:
    """Every brief under ``paths``, with the problem known before reading it
    ("" when none): files given by name whatever their suffix; inside
    folders, files ending in BRIEF_SUFFIXES, except links leading out of the
    folder (reported, not followed). A missing path is reported too. Sorted, once each."""
    from research.corpus import outside_link

    found: dict[str, tuple[Path, str]] = {}
    for root in map(Path, paths):
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and path.suffix.lower() in BRIEF_SUFFIXES and not path.name.startswith("~$"):
                    found.setdefault(str(path), (path, outside_link(path, root)))
        else:
            found.setdefault(str(root), (root, "" if root.exists() or root.is_symlink() else "no such file or folder"))
    return sorted(found.values(), key=lambda item: str(item[0]))


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def report_key(path: Path) -> str:
    """A readable, collision-free file stem: the name, then a hash of the full path."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", path.name)[:80].strip("._") or "brief"
    return f"{stem}-{hashlib.sha1(str(path).encode('utf-8')).hexdigest()[:8]}"


def plan_jobs(paths: Iterable[Path | str]) -> list[AuditJob]:
    """A job per brief found under ``paths`` (see ``discover``), in path
    order; a file that cannot even be hashed still gets one (size -1, no
    hash: its check then reports the error), so nothing is silently dropped."""
    jobs = []
    for path, problem in discover(paths):
        size, digest = -1, ""
        if not problem:
            try:
                size, digest = path.stat().st_size, file_hash(path)
            except OSError:
                pass
        jobs.append(AuditJob(str(path), report_key(path), digest, size, problem))
    return jobs


# --- resume ---------------------------------------------------------------------

def output_names(key: str, formats: Iterable[str]) -> list[str]:
    return [f"{key}.check.{fmt}" for fmt in formats] + [f"{key}.toa.html"]


def load_record(out_dir: Path, key: str) -> AuditRecord | None:
    try:
        data = json.loads((out_dir / BRIEFS_DIR / (key + RECORD_SUFFIX)).read_text(encoding="utf-8"))
        return AuditRecord.from_dict(data)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # absent, half-written or written by something else: check again


def is_done(job: AuditJob, out_dir: Path, config: AuditConfig) -> AuditRecord | None:
    """The saved record when the brief was checked, unchanged, against the
    same library, and all its reports exist; failures are always retried."""
    record = load_record(out_dir, job.key)
    if record is None or not record.ok or not job.sha256:
        return None
    same = (record.version == RECORD_VERSION and record.sha256 == job.sha256
            and record.library == config.library_fingerprint and record.file == job.path)
    folder = out_dir / BRIEFS_DIR
    if same and all((folder / name).exists() for name in output_names(job.key, config.formats)):
        return record
    return None


def write_atomic(path: Path, text: str) -> None:
    """Write a temporary file next to ``path``, then rename it over: a reader
    (or a re-run after a crash) sees the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def save_output(output: BriefOutput, out_dir: Path) -> AuditRecord:
    """Reports first, the record last: the record is what marks a brief done."""
    folder = out_dir / BRIEFS_DIR
    for name, text in sorted(output.files.items()):
        write_atomic(folder / name, text)
    record = output.record
    write_atomic(folder / (record.key + RECORD_SUFFIX), json.dumps(record.to_dict(), ensure_ascii=False, indent=1))
    return record


# --- checking one brief (in a worker) -----------------------------------------

@functools.lru_cache(maxsize=2)
def _open_databases(db_path: str, directory_path: str) -> "tuple[Store, Directory | None]":
    """Opened once per worker process and kept for every brief it checks."""
    from research.citations.directory import Directory
    from research.store import Store

    directory = Directory(directory_path, readonly=True) if directory_path else None
    return Store(db_path, readonly=True), directory


def _base_record(job: AuditJob, config: AuditConfig) -> AuditRecord:
    return AuditRecord(file=job.path, key=job.key, sha256=job.sha256, size=job.size,
                       library=config.library_fingerprint)


def _size_problem(job: AuditJob, config: AuditConfig) -> str:
    if job.problem:
        return job.problem
    if job.size < 0 or not job.sha256:
        return "cannot read file"
    if job.size == 0:
        return "empty file: nothing to check"
    if job.size > config.max_bytes:
        return (f"file too large: {job.size:,} bytes, over the limit of {config.max_bytes:,} bytes "
                f"(raise it with --max-size)")
    return ""


def failed_output(job: AuditJob, config: AuditConfig, problem: str) -> BriefOutput:
    """The record of a brief that could not be checked, saying why."""
    return BriefOutput(replace(_base_record(job, config), error=problem))


def audit_brief(job: AuditJob, config: AuditConfig) -> BriefOutput:
    """Check one brief and render its reports; a brief that cannot be read
    gives a record with ``ok`` false and the error, never an exception."""
    problem = _size_problem(job, config)
    if problem:
        return failed_output(job, config, problem)
    try:
        return _check_and_render(job, config, _base_record(job, config))
    except Exception as error:  # noqa: BLE001 - one odd file must not stop a run of thousands
        return failed_output(job, config, failure_of(error))


def _check_and_render(job: AuditJob, config: AuditConfig, record: AuditRecord) -> BriefOutput:
    from research.audit.toa import build_toa, flagged_citations, page_locator, render_toa_html
    from research.corpus import read_input
    from research.citations.form import form_report
    from research.citations.report import render
    from research.citations.validate import check_text

    store, directory = _open_databases(config.db_path, config.directory_path)
    source = read_input(job.path, max_text_mb=config.max_text_mb)
    report = check_text(source.text, store=store, directory=directory, file=job.path, page_of=source.page_of)
    report = form_report(report)  # form beside substance, Bluebook style
    locate = page_locator(report.text, pdf=source.page_of is not None, chars_per_page=config.chars_per_page)
    toa = build_toa(report, locate)
    files = {f"{job.key}.check.{fmt}": render([report], fmt) for fmt in config.formats}
    files[f"{job.key}.toa.html"] = render_toa_html(job.path, toa, locate.unit)
    record = replace(record, ok=True, reports=tuple(sorted(files)), summary=report.summary,
                     citations=len(report.citations), page_unit=locate.unit, toa=tuple(toa),
                     flagged=tuple(flagged_citations(report, locate)))
    return BriefOutput(record, files)
