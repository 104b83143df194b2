"""Where the project's bundled data lives."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
DEFAULT_CORPUS = PROJECT_DIR / "corpus" / "rotherham"
DEFAULT_LEXICONS = PROJECT_DIR / "lexicons"
DEFAULT_OUT = Path("out")
