"""``python -m parcours`` (and ``python -m parcours.wizard``) run the same command line as
``parcours``. The wheel ships this file twice: as ``parcours/__main__.py`` and in place."""

from parcours.wizard.launch import main

main()
