"""Run research commands in one process, then stay alive for SECONDS.

    python linger.py SECONDS '["search", "..."]' '["memo", "..."]' ...

onnxruntime's telemetry fired about 9 s after it loaded, when a short command
would long have exited; a process that lives on shows what the libraries it
loaded do in the background. Prints each command's exit code, one per line.
"""
import json
import sys
import time

from research.cli.main import cli


def main() -> None:
    seconds, *commands = sys.argv[1:]
    for command in commands:
        try:
            cli.main(json.loads(command), prog_name="research", standalone_mode=False)
            code = 0
        except SystemExit as done:
            code = done.code or 0
        print(f"exit {code}", flush=True)
    time.sleep(float(seconds))


if __name__ == "__main__":
    main()
