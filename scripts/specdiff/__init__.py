"""specdiff: what changed between two versions of the spec, and whether it breaks clients.

Hand-written because the reference rule set, oasdiff (https://github.com/oasdiff/oasdiff), is a
Go program and no oasdiff binary (or Go toolchain) is reachable from this project's
environments, and no maintained Python library classifies OpenAPI 3.1 changes by client impact.
It follows oasdiff's rules: their ids and levels (``ERR`` breaking, ``WARN`` possibly breaking,
``INFO`` not), read from oasdiff's ``checker/`` at the commit in :data:`rules.OASDIFF_COMMIT`; each
comparison names the oasdiff checker file it follows. Where oasdiff has no rule for something
this spec can change, the rule is ours and :data:`rules.DEEPSHI` says why.

Entry points: :func:`cli.main` (``python scripts/spec_diff.py``), :func:`cli.before_regen` (what
``scripts/regen.py`` calls before it replaces ``generated/``) and :func:`document.compare` (two
:class:`refs.Document` s in, findings out).
"""

from .cli import before_regen, main
from .document import compare
from .findings import Finding
from .refs import Document, SpecError
from .rules import RULES, Level

__all__ = ["RULES", "Document", "Finding", "Level", "SpecError", "before_regen", "compare", "main"]
