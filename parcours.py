"""The ``parcours`` package: ``parcours.wizard`` (engine and CLI) and ``parcours.screens`` (TUI).

Installed, this file is ``parcours/__init__.py`` and the two sub-packages sit beside it. In a
source checkout the repository keeps ``wizard/`` and ``screens/`` at its top level; this file,
found first on ``sys.path`` when the checkout's root is, makes the root the package's path, so
``import parcours.wizard`` loads ``wizard/`` from the checkout (the tests rely on it) and
``python -m parcours`` runs the command line from the checkout. Never import the folders as
top-level ``wizard`` or ``screens``: their modules use relative imports within ``parcours``.
"""

from __future__ import annotations

import os

__version__ = "0.2.0"
# A module that has a __path__ is a package for the import system: sub-modules are searched here.
__path__ = [os.path.dirname(os.path.abspath(__file__))]

if __name__ == "__main__":  # ``python -m parcours`` from a checkout
    from parcours.wizard.launch import main

    import parcours  # noqa: F401 - this file again, as the package the sub-modules belong to

    main()
