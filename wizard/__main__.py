"""``python -m wizard`` runs the same command line as ``parcours``."""

from .cli import main

main()
