"""The command line: parse arguments, call the library, report.

Nothing is imported here before `main` runs: a Ctrl-C while the commands load (reportlab,
PyYAML) is then one line and status 130, as at any later moment, never a traceback.
"""


def main(argv: list[str] | None = None) -> int:
    """`legpain-docs ARGV`: the exit status. Without ARGV it runs as the program itself, on sys.argv,
    its standard streams and Ctrl-C handled as a process's (process.py); with ARGV, as a call."""
    if argv is not None:
        from .commands import main as run

        return run(argv)
    import signal

    # `kill` stops a build as Ctrl-C does, from the first moment: even while the commands load.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        from .process import run_program

        return run_program(_commands_main)
    except KeyboardInterrupt:  # before run_program could take over: a moment, but a moment all the same
        import sys

        signal.signal(signal.SIGINT, signal.SIG_IGN)
        print("legpain-docs: interrupted; no output was changed", file=sys.stderr)
        return 130


def _commands_main() -> int:
    from .commands import main as run

    return run()


__all__ = ["main"]
