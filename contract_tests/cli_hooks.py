"""The ``SCHEMATHESIS_HOOKS`` module of the CLI run (``run_schemathesis_cli.py``).

Importing it registers, globally, what the pytest suite registers on its schema: the real-image
media types, the catalog-fitting and label-checking hooks, and the project's checks. The catalog
comes from the ``DEEPSHI_CONTRACT_CATALOG`` variable the runner sets.
"""

from __future__ import annotations

from contract_tests import schemathesis_setup

schemathesis_setup.install()
