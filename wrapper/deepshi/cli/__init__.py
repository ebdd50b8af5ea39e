"""The ``deepshi`` command line (extra ``deepshi[cli]``): see ``docs/cli.md``.

``app`` wires the commands. ``spec_commands`` (edit, generate, batch) and ``request_schema`` (their
request fields) are rendered from the spec by ``scripts/regen.py``; the behaviour behind them is
hand-written: ``images`` (edit and generate), ``batch`` + ``batch_runner`` + ``manifest``, with
``request_fields`` (parsing and checking a field's value). ``models``, ``mock``, ``demo`` +
``contact_sheet`` are the other commands; ``command``/``errors``/``settings``/``options``/``output``/
``files``/``results``/``suggest`` are what they share.
"""
