"""`framing` and `python -m framing`: the CLI, with a Ctrl-C while it starts up ending quietly."""

import sys

INTERRUPTED = 130


def main() -> None:
    try:
        from framing.cli import app
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted (Ctrl-C) while starting; nothing was written\n")
        raise SystemExit(INTERRUPTED) from None
    app(prog_name="framing")


if __name__ == "__main__":
    main()
