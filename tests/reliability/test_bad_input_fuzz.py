"""Ten thousand invalid facade calls (fifty thousand under the `thorough` profile), none of them sent.

Each call is a valid call for a model of the catalog with one mistake (see ``invalid_calls.py``):
wrong types, empty and oversized lists, non-image bytes, closed files, directories, missing paths,
out-of-range ``n``, unknown enum values, huge prompts, NaN and negative sizes, bad timeouts,
unknown and missing arguments. Every one must raise ``InvalidRequestError`` or ``TypeError``
whose message names the argument, and the mock's journal must stay empty. The catalog is
fetched once before, so no request at all is expected. Sync, async and both streaming kinds.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import given, settings

from deepshi import AsyncDeepshi, Deepshi, InvalidRequestError
from deepshi.mock import MockServer

from . import figures
from .canary import CANARY_KEY, Corpus
from .invalid_calls import CATEGORIES, Inputs, InvalidCall, invalid_calls
from .support import thorough

EXAMPLES = 50_000 if thorough() else 10_000


def _attempt(call: InvalidCall, client: Deepshi, aclient: AsyncDeepshi, loop: asyncio.AbstractEventLoop) -> object:
    """Make the call; return what it raised, or what it returned (a bug)."""
    try:
        if call.mode in ("sync", "stream"):
            returned: Any = getattr(client.images, call.operation)(**call.kwargs)
            if call.mode == "stream":
                returned.close()
            return returned
        returned = loop.run_until_complete(getattr(aclient.images, call.operation)(**call.kwargs))
        if call.mode == "async stream":
            loop.run_until_complete(returned.aclose())
        return returned
    except Exception as error:
        return error


def _names(message: str, argument: str) -> bool:
    """Whether ``message`` names ``argument`` as a word of its own (``n`` in ``n: ...``, not in ``an``)."""
    return re.search(rf"(?<![\w]){re.escape(argument)}(?![\w])", message) is not None


def test_invalid_calls_raise_naming_the_argument_before_anything_is_sent(
    mock: MockServer, tmp_path: Path, corpus: Corpus
) -> None:
    inputs = Inputs.make(tmp_path)
    loop = asyncio.new_event_loop()
    categories: Counter[str] = Counter()
    raised: Counter[str] = Counter()
    try:
        with Deepshi(api_key=CANARY_KEY, base_url=mock.url, max_retries=0) as client:
            aclient = AsyncDeepshi(api_key=CANARY_KEY, base_url=mock.url, max_retries=0)
            models = list(client.models.list())
            loop.run_until_complete(aclient.models.list())
            mock.reset_journal()

            @settings(max_examples=EXAMPLES)
            @given(invalid_calls(models, inputs))
            def refused(call: InvalidCall) -> None:
                outcome = _attempt(call, client, aclient, loop)
                assert type(outcome) in (InvalidRequestError, TypeError), f"{call!r} ended with {outcome!r}"
                assert isinstance(outcome, Exception)
                message = str(outcome)
                assert _names(message, call.culprit), f"{call!r}: the message does not name {call.culprit!r}: {message}"
                if isinstance(outcome, InvalidRequestError):
                    assert outcome.param is not None
                    assert outcome.param.split("[")[0] == call.culprit, f"{call!r}: param={outcome.param!r}"
                sent = mock.journal
                if sent:
                    mock.reset_journal()  # so that the next examples are judged on their own
                assert not sent, f"{call!r} reached the mock"
                assert CANARY_KEY not in message
                categories[call.category] += 1
                raised[type(outcome).__name__] += 1

            started = time.perf_counter()
            refused()
            elapsed = time.perf_counter() - started
            loop.run_until_complete(aclient.aclose())
    finally:
        loop.close()
        inputs.close()

    total = sum(categories.values())
    assert total >= EXAMPLES, f"only {total} invalid calls were made"
    assert set(categories) == set(CATEGORIES), f"categories never drawn: {set(CATEGORIES) - set(categories)}"
    assert mock.journal == []
    corpus.add("fuzz: summary", repr((categories, raised)))
    figures.record(
        "bad input fuzz",
        calls=total,
        seconds=round(elapsed, 1),
        categories=dict(categories),
        exceptions=dict(raised),
        **{"reached the mock": len(mock.journal)},
    )
