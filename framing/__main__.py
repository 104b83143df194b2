"""`framing` and `python -m framing`: the CLI, with a Ctrl-C while it starts up ending quietly.

Once a command is done, the process ends without tearing down what the job made (see
framing.runtime.end_process).
"""

import sys

INTERRUPTED = 130


def main() -> None:
    try:
        from framing.cli import app
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted (Ctrl-C) while starting; nothing was written\n")
        raise SystemExit(INTERRUPTED) from None
    try:
        app(prog_name="framing")
    except SystemExit as done:
        code = done.code
    else:
        code = 0
    if code is not None and not isinstance(code, int):  # as Python itself shows it
        print(code, file=sys.stderr)
        code = 1
    from framing.runtime import end_process

    end_process(code or 0)


if __name__ == "__main__":
    main()
