"""Batch citation audits of folders of briefs: jobs, workers, tables of authorities, summary."""
from research.audit.record import AuditRecord, FlaggedCitation, TOAEntry
from research.audit.runner import AuditOutcome, audit, exit_code, make_config

__all__ = ["AuditOutcome", "AuditRecord", "FlaggedCitation", "TOAEntry", "audit", "exit_code", "make_config"]
