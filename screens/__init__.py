"""The Textual front end of parcours: one module per screen, styles in .tcss files."""
