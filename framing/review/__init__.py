"""Review decisions: analysts judge lexicon mentions, the decisions carry forward from run
to run, and the lexicons' precision and the reviewers' agreement are measured.

    files = read_review_files(["alice.csv", "bob.csv"])
    features = apply_decisions(features, files)   # not-relevant mentions leave every count

keys: the stable name of a mention; files: reading and writing review CSVs; apply: the
decisions applied to Features; export: the rows to review (all, or a stratified sample);
stats: precision, adjusted rates, Krippendorff's alpha; summary: what review files say.
"""

from framing.review.apply import apply_decisions, key_of, match_decisions, with_review
from framing.review.export import export_csv, export_rows, stratified_sample
from framing.review.files import (
    EXPORT_COLUMNS,
    JUDGEMENTS,
    KEPT_COLUMNS,
    ReviewFile,
    ReviewRow,
    read_review_file,
    read_review_files,
    stripped_csv,
)
from framing.review.keys import content_hash, mention_key, parse_key
from framing.review.stats import adjusted_rates, lexicon_reviews, nominal_alpha, wilson
from framing.review.summary import agreement, format_agreement, format_summary, summarise

__all__ = [
    "EXPORT_COLUMNS", "JUDGEMENTS", "KEPT_COLUMNS", "ReviewFile", "ReviewRow", "adjusted_rates",
    "agreement", "apply_decisions", "content_hash", "export_csv", "export_rows",
    "format_agreement", "format_summary", "key_of", "lexicon_reviews", "match_decisions",
    "mention_key", "nominal_alpha", "parse_key", "read_review_file", "read_review_files",
    "stratified_sample", "stripped_csv", "summarise", "wilson", "with_review",
]
