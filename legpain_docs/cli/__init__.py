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
    import sys

    # `kill` stops a build as Ctrl-C does, from the first moment: even while the commands load.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    sys.unraisablehook = _interrupt_again
    try:
        from .process import run_program

        return run_program(_commands_main)
    except KeyboardInterrupt:  # before run_program could take over: a moment, but a moment all the same
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        print("legpain-docs: interrupted; no output was changed", file=sys.stderr)
        return 130


def _interrupt_again(unraisable) -> None:
    """A Ctrl-C that came while Python ran a callback it cannot raise from (a module lock's,
    as an import ends) is printed as "Exception ignored" and lost, and the build goes on. It is
    raised again from another thread (interrupt_main), so that it lands once this callback is
    over, where the program stops on it. Anything else: as Python says it."""
    import sys

    if issubclass(unraisable.exc_type, KeyboardInterrupt):
        import _thread

        # Not threading.Thread: its start() waits for the thread, which would interrupt the wait.
        _thread.start_new_thread(_thread.interrupt_main, ())
        return
    sys.__unraisablehook__(unraisable)


def _commands_main() -> int:
    from .commands import main as run

    return run()


__all__ = ["main"]
