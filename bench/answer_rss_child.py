"""Scenario 3's memory child: one client turns the 100 MB answer into decoded bytes once; prints its peak RSS.

``python -m bench.answer_rss_child CLIENT ORIGIN API_KEY`` where CLIENT is ``deepshi``, ``openai``,
``httpx`` or ``steps``. A warm-up generation with a tiny answer first (imports, connection, caches);
then the peak RSS (VmHWM) is reset to the current RSS and the large answer is fetched and decoded,
the decoded images kept. Growth = peak RSS - RSS just before. ``steps`` runs deepshi's pipeline by
hand (httpx read, deepshi's JSON decode, deepshi's base64 decode) and reports the peak after each step.
"""

from __future__ import annotations

import base64
import json
import sys
from collections.abc import Callable

from . import procinfo
from .config import MODEL
from .fixtures import LARGE, TINY_GENERATION

Fetch = Callable[[str], list[bytes]]


def _deepshi(origin: str, key: str) -> Fetch:
    from deepshi import Deepshi

    client = Deepshi(api_key=key, base_url=origin, max_retries=0)
    return lambda prompt: [image.data for image in client.images.generate(model=MODEL, prompt=prompt).images]


def _openai(origin: str, key: str) -> Fetch:
    import openai

    client = openai.OpenAI(api_key=key, base_url=origin + "/v1", max_retries=0)

    def fetch(prompt: str) -> list[bytes]:
        answer = client.images.generate(model=MODEL, prompt=prompt)
        return [base64.b64decode(item.b64_json or "") for item in answer.data or []]

    return fetch


def _httpx(origin: str, key: str) -> Fetch:
    import httpx

    from .clients import fastest_b64decode

    client = httpx.Client(base_url=origin, headers={"Authorization": f"Bearer {key}"}, timeout=600)

    def fetch(prompt: str) -> list[bytes]:
        response = client.post("/v1/images/generations", json={"model": MODEL, "prompt": prompt})
        response.raise_for_status()
        return [fastest_b64decode(item["b64_json"]) for item in response.json()["data"]]

    return fetch


CLIENTS = {"deepshi": _deepshi, "openai": _openai, "httpx": _httpx}


def _steps(origin: str, key: str) -> dict[str, float]:
    """Peak RSS growth after each step of deepshi's pipeline, done by hand."""
    import httpx

    from deepshi import _base64, _json

    client = httpx.Client(base_url=origin, headers={"Authorization": f"Bearer {key}"}, timeout=600)

    def post(prompt: str) -> httpx.Response:
        return client.post("/v1/images/generations", json={"model": MODEL, "prompt": prompt}).raise_for_status()

    [_base64.b64decode(item["b64_json"]) for item in _json.loads(post(TINY_GENERATION).content)["data"]]
    procinfo.reset_peak_rss()
    before = procinfo.rss_bytes()
    response = post(LARGE)
    read = procinfo.peak_rss_bytes()
    document = _json.loads(response.content)
    parsed = procinfo.peak_rss_bytes()
    images = [_base64.b64decode(item["b64_json"]) for item in document["data"]]
    decoded = procinfo.peak_rss_bytes()
    return {
        "before": before,
        "read": read - before,
        "parsed": parsed - before,
        "decoded": decoded - before,
        "body": len(response.content),
        "images": sum(len(image) for image in images),
    }


def main(argv: list[str]) -> int:
    name, origin, key = argv
    if name == "steps":
        print(json.dumps(_steps(origin, key)))
        return 0
    fetch = CLIENTS[name](origin, key)
    fetch(TINY_GENERATION)
    procinfo.reset_peak_rss()
    before = procinfo.rss_bytes()
    images = fetch(LARGE)
    peak = procinfo.peak_rss_bytes()
    print(json.dumps({"before": before, "growth": peak - before, "decoded": sum(len(image) for image in images)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
