"""speclayers: the spec users read and the generator's input, built from Deepshi's published document.

Deepshi's document (``openapi/upstream/``) + this project's decisions (``openapi/overlays/decisions.yaml``)
= ``openapi/deepshi.yaml``; + the toolchain's normalizations (``openapi/overlays/generator.yaml``) = what
openapi-python-client reads. Both layers are OpenAPI Overlay documents (:mod:`.overlay` applies
them); :mod:`.build` builds and checks; :mod:`.update` is ``tox -e spec-update``.
"""

from . import build as build_module  # the module (``build`` is its function)
from .build import DECISIONS, GENERATOR, UPSTREAM, USERS_SPEC, Built, build, drift, write
from .overlay import Overlay, OverlayError, apply

__all__ = [
    "DECISIONS",
    "GENERATOR",
    "UPSTREAM",
    "USERS_SPEC",
    "Built",
    "Overlay",
    "OverlayError",
    "apply",
    "build",
    "build_module",
    "drift",
    "write",
]
