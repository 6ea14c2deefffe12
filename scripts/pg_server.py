"""A throwaway PostgreSQL server for tests and benchmarks: initdb + pg_ctl in a temporary folder.

    python scripts/pg_server.py start DIR   # prints postgresql://pactwatch@127.0.0.1:PORT/postgres
    python scripts/pg_server.py stop DIR

Listens on 127.0.0.1 and a free port only, trusts local connections, and is
owned by the ``postgres`` user when run as root (initdb refuses to run as root).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

USER = "pactwatch"


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [shutil.which(name) or ""]
    if not found[-1]:
        raise SystemExit(f"{name} not found; install PostgreSQL (apt-get install postgresql) or run make test")
    return found[-1]


def _as_owner(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


def _run(cmd: list[str]) -> None:
    done = subprocess.run(_as_owner(cmd), check=False, capture_output=True, text=True)  # noqa: S603
    if done.returncode:
        raise SystemExit(
            f"{Path(cmd[0]).name} failed ({done.returncode}): {done.stderr.strip()}\n"
            "the folder must be reachable by the postgres user when run as root (a fresh folder under /tmp is)"
        )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(root: Path) -> str:
    """Create a cluster under ``root`` and start it; return its URL."""
    root.mkdir(parents=True, exist_ok=True)
    data, port = root / "data", _free_port()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    _run([_bin("initdb"), "-D", str(data), "-U", USER, "--auth=trust", "-E", "UTF8"])
    opts = f"-h 127.0.0.1 -p {port} -k {root} -c fsync=off -c max_connections=50"
    _run([_bin("pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-o", opts, "-w", "start"])
    (root / "port").write_text(str(port))
    return f"postgresql://{USER}@127.0.0.1:{port}/postgres"


def stop(root: Path) -> None:
    """Stop the server started under ``root``."""
    cmd = _as_owner([_bin("pg_ctl"), "-D", str(root / "data"), "-m", "fast", "-w", "stop"])
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603


def main() -> None:
    if len(sys.argv) != 3 or sys.argv[1] not in ("start", "stop"):
        raise SystemExit(__doc__)
    root = Path(sys.argv[2]).resolve()
    if sys.argv[1] == "start":
        print(start(root))
    else:
        stop(root)


if __name__ == "__main__":
    main()
