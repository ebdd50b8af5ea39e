"""Scenario 2's child process: one client uploads the files once; prints its peak RSS growth as JSON.

``python -m bench.rss_child CLIENT ORIGIN API_KEY WARMUP_IMAGE FILE...`` where CLIENT is
``deepshi``, ``openai`` or ``httpx``. A warm-up edit with a tiny image first (imports, connection,
deepshi's catalog); then the peak RSS is reset to the current RSS and the 14-file edit is sent.
Growth = peak RSS during the upload - RSS just before it.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

from . import procinfo
from .config import MODEL
from .fixtures import UPLOAD


def _deepshi(origin: str, key: str) -> Callable[[list[str]], object]:
    from deepshi import Deepshi

    client = Deepshi(api_key=key, base_url=origin, max_retries=0)
    return lambda paths: client.images.edit(model=MODEL, prompt=UPLOAD, image=paths).images


def _openai(origin: str, key: str) -> Callable[[list[str]], object]:
    import openai

    client = openai.OpenAI(api_key=key, base_url=origin + "/v1", max_retries=0)
    return lambda paths: client.images.edit(model=MODEL, prompt=UPLOAD, image=[Path(p) for p in paths]).data


def _httpx(origin: str, key: str) -> Callable[[list[str]], object]:
    import httpx

    client = httpx.Client(base_url=origin, headers={"Authorization": f"Bearer {key}"}, timeout=600)

    def upload(paths: list[str]) -> object:
        with ExitStack() as stack:
            files = [("image[]", (Path(p).name, stack.enter_context(open(p, "rb")), "image/png")) for p in paths]
            response = client.post("/v1/images/edits", data={"model": MODEL, "prompt": UPLOAD}, files=files)
        response.raise_for_status()
        return response.json()["data"]

    return upload


CLIENTS = {"deepshi": _deepshi, "openai": _openai, "httpx": _httpx}


def main(argv: list[str]) -> int:
    name, origin, key, warmup, *paths = argv
    upload = CLIENTS[name](origin, key)
    upload([warmup])
    procinfo.reset_peak_rss()
    before = procinfo.rss_bytes()
    start = time.perf_counter()
    upload(paths)
    seconds = time.perf_counter() - start
    peak = procinfo.peak_rss_bytes()
    print(json.dumps({"before": before, "peak": peak, "growth": peak - before, "seconds": seconds}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
