"""Who to go to: the authorities competent for a procedure at a place.

The procedures and their authorities are content (table ``procedures``); this module matches a
procedure name, resolves the place (asking for a commune when the procedure needs one) and names
each authority for that place through ``plan.resolve_authority``.
"""

from __future__ import annotations

from typing import Any

from .content import Content
from .errors import PlaceError, WhereError
from .geo import Place, fold
from .model import AuthorityRef, Procedure
from .plan import resolve_authority
from .qtypes import commune_needed, short
from .record import Record, record
from .sections import AuthorityBlock, authority_words
from .text import tr


@record
class RoleAuthority(Record):
    role: str
    id: str
    authority: AuthorityBlock


@record
class Answer(Record):
    """The authorities for one procedure at one place, the competent one first."""

    query: str
    place: Place
    place_text: str
    procedure: str
    procedure_label: str
    authorities: tuple[RoleAuthority, ...]
    notes: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        p = self.place
        return {
            "query": self.query,
            "place": {
                "text": self.place_text,
                "departement": p.departement,
                "departement_name": p.departement_name,
                "postcode": p.postcode,
                "insee": p.insee,
                "commune": p.commune,
                "district": p.district,
            },
            "procedure": {"id": self.procedure, "label": self.procedure_label},
            "authorities": [
                {"id": r.id, "role": r.role, **r.authority.to_json()} for r in self.authorities
            ],
            "notes": list(self.notes),
        }


def find_procedure(content: Content, name: str) -> Procedure:
    """The procedure named by its id or one of its aliases (case and accents ignored)."""
    wanted = fold(name)
    for proc in content.procedures.values():
        if wanted in {fold(n) for n in (proc.id, *proc.aliases)}:
            return proc
    known = tuple("|".join((p.id, *p.aliases)) for p in content.procedures.values())
    raise WhereError(
        {"fr": f"démarche inconnue « {short(name)} »", "en": f"unknown procedure '{short(name)}'"},
        known,
    )


def resolve_place(content: Content, query: str, precision: str | None) -> Place:
    """The place for ``query``; a commune when ``precision`` is "commune"."""
    try:
        place = content.geo.resolve(query)
    except PlaceError as exc:
        raise WhereError(exc.message, exc.suggestions) from None
    if precision == "commune" and place.insee is None:
        raise WhereError(*commune_needed(content.geo, place))
    return place


def authorities_for(content: Content, query: str, procedure: str, lang: str) -> Answer:
    """Every authority of ``procedure`` for the place ``query``, named for that place."""
    proc = find_procedure(content, procedure)
    place = resolve_place(content, query, proc.precision)
    found = []
    for ref in proc.authorities:
        named = resolve_authority(content, AuthorityRef(ref.id, "place"), {"place": place})
        info = authority_words(named, lang)
        assert info is not None
        found.append(RoleAuthority(tr(ref.role, lang), ref.id, info))
    return Answer(
        query=query,
        place=place,
        place_text=place.display(lang),
        procedure=proc.id,
        procedure_label=tr(proc.label, lang),
        authorities=tuple(found),
        notes=tuple(tr(n.text, lang) for n in proc.notes),
    )


LABELS = {
    "place": {"fr": "Lieu", "en": "Place"},
    "procedure": {"fr": "Démarche", "en": "Procedure"},
    "role": {"fr": "Rôle", "en": "Role"},
    "address": {"fr": "Adresse", "en": "Address"},
    "no_address": {"fr": "adresse non connue", "en": "address not known"},
    "source": {"fr": "Source", "en": "Source"},
    "then": {"fr": "Ensuite", "en": "Then"},
}


def render_answer(answer: Answer, lang: str) -> str:
    """The answer as plain text, the competent authority first."""

    def label(key: str) -> str:
        return tr(LABELS[key], lang)

    sep = " : " if lang == "fr" else ": "  # French puts a space before the colon
    lines = [
        f"{label('place')}{sep}{answer.place_text}",
        f"{label('procedure')}{sep}{answer.procedure_label}",
    ]
    for i, item in enumerate(answer.authorities):
        a = item.authority
        lines.append("")
        lines.append(a.name if i == 0 else f"{label('then')}{sep}{a.name}")
        if item.role:
            lines.append(f"  {label('role')}{sep}{item.role}")
        lines.append(f"  {label('address')}{sep}{a.address or label('no_address')}")
        lines += [f"  - {n}" for n in a.notes]
        if a.source:
            lines.append(f"  {a.source.text}")
    if answer.notes:
        lines.append("")
        lines += [f"* {n}" for n in answer.notes]
    return "\n".join(lines) + "\n"
