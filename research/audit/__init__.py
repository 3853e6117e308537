"""Batch citation audits of folders of briefs: jobs, workers and backends,
tables of authorities, the summary, and the typed record of each brief."""
from research.audit.jobs import (DEFAULT_MAX_BYTES, FORMATS, AuditConfig, AuditJob, BriefOutput, audit_brief,
                                 discover, plan_jobs)
from research.audit.record import AuditRecord, FlaggedCitation, TOAEntry
from research.audit.runner import EXIT_FATAL, AuditOutcome, audit, exit_code, make_config
from research.audit.summary import chart_svg, ranked, write_summary
from research.audit.toa import DEFAULT_CHARS_PER_PAGE, build_toa, flagged_citations, page_locator, render_toa_html

__all__ = ["DEFAULT_CHARS_PER_PAGE", "DEFAULT_MAX_BYTES", "EXIT_FATAL", "FORMATS", "AuditConfig", "AuditJob",
           "AuditOutcome", "AuditRecord", "BriefOutput", "FlaggedCitation", "TOAEntry", "audit", "audit_brief",
           "build_toa", "chart_svg", "discover", "exit_code", "flagged_citations", "make_config", "page_locator",
           "plan_jobs", "ranked", "render_toa_html", "write_summary"]
