"""Benchmarks of the deepshi client against the official ``openai`` SDK and raw httpx (issue 8).

Run ``python -m bench`` (or ``tox -e bench``); ``--quick`` is the smoke mode the tests run.
Each scenario lives in its own ``sN_*.py`` module; see ``bench/README.md``.
"""
