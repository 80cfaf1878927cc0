"""parcours engine: pure flow from (content, answers, today) to the next question or an action plan.

This package never imports Textual; the terminal UI lives in ``parcours.screens``.
"""
