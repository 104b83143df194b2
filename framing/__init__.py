"""framing: compare how news outlets frame the same story.

The library in three calls (see framing.api)::

    corpus = framing.load("corpus/rotherham")
    features = framing.analyse(corpus)
    framing.report(features, profile="handout").write_pdf("out/handout.pdf")
"""

import logging

from framing.version import __version__

logging.getLogger(__name__).addHandler(logging.NullHandler())  # a library does not print

from framing.api import Analysis, ReportDocument, analyse, load, report  # noqa: E402
from framing.errors import CorpusError, FramingError, LexiconError, ReportError  # noqa: E402
from framing.types import Article, Corpus, Features  # noqa: E402

__all__ = ["Analysis", "Article", "Corpus", "CorpusError", "Features", "FramingError",
           "LexiconError", "ReportDocument", "ReportError", "__version__", "analyse", "load",
           "report"]
