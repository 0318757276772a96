"""Merging journals: the rules, a whole-journal merge and git's three-way merge.

One file per job: ``rules`` (the rules, written out, and entries),
``transcript_rules``, ``record_rules`` (interviews, themes, the meta record),
``codings`` (coded passages, merged by themselves), ``git_driver`` (one data
file three ways, for git), ``journal_merge`` (a whole folder into this one)
and ``conflict_copies`` (what a merge leaves for the person to decide).
"""

from eftertanke.services.merge.conflict_copies import (
    conflict_copies,
    copies_of,
    describe_conflict_copies,
    keep_version,
)
from eftertanke.services.merge.git_driver import MergeInputError, merge_file, merge_file_data
from eftertanke.services.merge.journal_merge import (
    MergeReport,
    check_is_journal,
    merge_journal,
    open_other_journal,
    read_journal_rows,
    read_transcript_rows,
)
from eftertanke.services.merge.record_rules import merge_interviews, merge_meta, merge_themes
from eftertanke.services.merge.rules import (
    RowsMerge,
    advance_revisions,
    conflict_copy_id,
    make_conflict_copy,
    merge_entries,
    newer_and_older,
    resolve_entry,
)
from eftertanke.services.merge.transcript_rules import (
    fold_transcripts,
    merge_transcripts,
    transcript_aside_entry,
)

__all__ = [
    "MergeInputError",
    "MergeReport",
    "RowsMerge",
    "advance_revisions",
    "check_is_journal",
    "conflict_copies",
    "conflict_copy_id",
    "copies_of",
    "describe_conflict_copies",
    "fold_transcripts",
    "keep_version",
    "make_conflict_copy",
    "merge_entries",
    "merge_file",
    "merge_file_data",
    "merge_interviews",
    "merge_journal",
    "merge_meta",
    "merge_themes",
    "merge_transcripts",
    "newer_and_older",
    "open_other_journal",
    "read_journal_rows",
    "read_transcript_rows",
    "resolve_entry",
    "transcript_aside_entry",
]
