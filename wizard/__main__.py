"""``python -m wizard`` runs the same command line as ``parcours``."""

from .launch import main

main()
