"""The version of framing, in a module of its own: every part can import it."""

__version__ = "0.1.0"
