"""The ``deepshi`` command line (extra ``deepshi[cli]``): see ``docs/cli.md``.

``app`` wires the commands; each command lives in its own module (``images``: edit and generate,
``models``, ``batch`` + ``batch_runner`` + ``manifest``, ``mock``, ``demo`` + ``contact_sheet``);
``command``/``errors``/``settings``/``output``/``files``/``results`` are what they share.
"""
