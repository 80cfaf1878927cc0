"""Asylum registration sent to the préfecture competent for asylum from seed 002's table.

The authority ``prefecture_asylum`` is in data/content/authorities_geo.json.
"""

from __future__ import annotations

from .scenario_support import ids, pathway, plan_for


def test_corse_du_sud_registers_asylum_in_marseille(content, today):
    # 002: "Haute-Corse (2B), Corse-du-Sud (2A) — Préfecture de Marseille (13)"
    plan = plan_for(
        content,
        {
            "situation": "asylum_apply",
            "asylum_entry": "in_france",
            "asylum_stage": "not_registered",
            "asylum_minor_alone": False,
            "asylum_residence": "2A",
        },
        today,
    )
    assert ids(plan) == ["asylum_registration"]
    assert "Marseille" in pathway(plan, "asylum_registration").authority.name
