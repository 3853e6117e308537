"""Citation form, beside substance: what a cite-checker would mark up
(reporter and code abbreviations, spacing, section signs, the court and
year parenthetical, ordinals, case-name abbreviations, pin cites, short
forms, parallel order), each with the corrected citation, in the Bluebook
or the Supreme Court's style. Rules come from data files (``data/``, each
with its source) and reporters-db; nothing here changes a citation's status.

    form_report(report, style) -> CheckReport       # every citation's form and corrected text
    check_form(text, checked, style) -> tuple[CheckedCitation, ...]
    fix_document(report) -> (text, changes)          # the document with every correction applied
    write_fixed(report, path) -> changes             # ... written to a file (research check --fix-form)
"""
from research.citations.form.fix import FormChange, fix_document, fixed_path, write_fixed
from research.citations.form.run import check_form, form_report

__all__ = ["FormChange", "check_form", "fix_document", "fixed_path", "form_report", "write_fixed"]
