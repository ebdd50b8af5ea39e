"""The official ``openai`` Node SDK against ``deepshi mock serve`` (``tox -e node-compat``).

    python contract_tests/node_compat.py [WORK_DIR]

Installs the pinned SDK (``openai@NODE_SDK``, from the npm registry) into ``WORK_DIR`` (default:
``.tox/node-compat/npm``), starts ``deepshi mock serve --port 0`` in a child process and runs
``node/openai_sdk.mjs`` against it: the catalog, generations (``n``, both response formats),
edits with one file and a list, streamed generations and edits (the final image read from the
SDK's events), an in-stream error, typed errors, and a journal showing every request was valid.

Not part of the README's test command: it needs Node.js and the npm registry. Without ``node``
or ``npm`` on the PATH it fails, saying so; it never passes without having run.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `contract_tests` importable
    sys.path.insert(0, str(ROOT))

from contract_tests.images import render  # noqa: E402
from contract_tests.run_schemathesis_cli import MOCK_KEY, served_mock  # noqa: E402

NODE_SDK = "6.49.0"
SCRIPT = Path(__file__).resolve().parent / "node" / "openai_sdk.mjs"


def install(work: Path) -> None:
    """``openai@NODE_SDK`` into ``work/node_modules`` (kept between runs; npm skips what is there)."""
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--no-save", "--prefix", str(work), f"openai@{NODE_SDK}"],
        check=True,
    )


def main(argv: list[str]) -> int:
    missing = [tool for tool in ("node", "npm") if shutil.which(tool) is None]
    if missing:
        print(f"node-compat: FAILED, {' and '.join(missing)} not found on PATH (install Node.js 18+)", file=sys.stderr)
        return 1
    work = Path(argv[0]) if argv else ROOT / ".tox" / "node-compat" / "npm"
    install(work)
    script = work / SCRIPT.name  # beside its node_modules, where Node resolves `import "openai"`
    shutil.copyfile(SCRIPT, script)
    with tempfile.TemporaryDirectory() as folder, served_mock() as origin:
        image = Path(folder) / "input.png"
        image.write_bytes(render("image/png", 64, 48, seed=1, noise=0).data)
        print(
            f"node {subprocess.check_output(['node', '--version'], text=True).strip()}, openai@{NODE_SDK}, "
            f"against deepshi mock serve at {origin}",
            flush=True,
        )
        return subprocess.run(["node", str(script), origin, MOCK_KEY, str(image)], check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
