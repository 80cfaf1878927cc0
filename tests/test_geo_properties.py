"""Every commune in the table resolves to exactly its département (name, label, postal code)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from parcours.wizard.geo import Geography, PlaceError, name_key

GEO = Geography()
COVERED = sorted(
    i for i in GEO.communes if GEO.departements[GEO.communes[i].departement].zone != "com"
)
DEP_KEYS = {name_key(d.name) for d in GEO.departements.values()}


def _name_count() -> dict[str, int]:
    counts: dict[str, int] = {}
    for key in [name_key(n) for n in GEO.communes.names] + [
        name_key(n) for n, _ in GEO.communes.aliases
    ]:
        counts[key] = counts.get(key, 0) + 1
    return counts


NAME_COUNT = _name_count()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(COVERED))
def test_commune_resolves_by_name_when_unique_and_never_to_another_departement(insee: str) -> None:
    commune = GEO.communes[insee]
    key = name_key(commune.name)
    try:
        place = GEO.resolve(commune.name)
    except PlaceError as exc:
        # Only a shared name may fail, and then the choices include this commune's département.
        assert NAME_COUNT[key] > 1 or key in DEP_KEYS
        assert (
            any(
                f"({commune.departement})" in s or s[:5] in commune.postcodes
                for s in exc.suggestions
            )
            or len(exc.suggestions) == 20
        )
        return
    assert place.departement == commune.departement
    if NAME_COUNT[key] == 1 and key not in DEP_KEYS:
        assert place.insee == insee
    else:
        assert place.insee in (insee, None)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(COVERED), st.data())
def test_commune_resolves_by_each_of_its_postal_codes(insee: str, data) -> None:
    commune = GEO.communes[insee]
    if not commune.postcodes:
        return
    code = data.draw(st.sampled_from(commune.postcodes))
    served = GEO.postcodes[code]
    if len(served) > 1:
        with pytest.raises(PlaceError) as info:
            GEO.resolve(code)
        assert any(GEO.resolve(s).insee == insee for s in info.value.suggestions)
        return
    place = GEO.resolve(code)
    assert place.departement == commune.departement
    assert place.postcode == code
    communes = {i for i, _ in GEO.communes_of_postcode(code)}
    assert place.insee == (insee if communes == {insee} else None)


def test_every_commune_label_resolves_to_that_commune() -> None:
    """Exhaustive: the label used in suggestions ("Name (dep)") names exactly one commune."""
    wrong = []
    for insee in COVERED:
        place = GEO.place_for_insee(insee)
        if place is None or place.insee != insee or GEO.resolve(place.query) != place:
            wrong.append(insee)
    assert wrong == []


def test_every_former_commune_name_leads_to_its_commune_of_today() -> None:
    wrong = []
    for name, insee in GEO.communes.aliases:
        dep = GEO.communes[insee].departement
        if GEO.departements[dep].zone == "com":
            continue
        try:
            place = GEO.resolve(f"{name} ({dep})")
        except PlaceError:
            # A former name shared with another commune of the same département: never guessed.
            same = [
                e
                for e in GEO.communes.named(name_key(name))
                if GEO.communes[e.insee].departement == dep
            ]
            if len({e.insee for e in same}) < 2:
                wrong.append(name)
            continue
        if place.insee != insee and place.departement != dep:
            wrong.append(name)
    assert wrong == []
