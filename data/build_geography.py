"""Derive the bundled geography tables from the raw open data in ../shared/data/raw.

Reproducible: ``python data/build_geography.py [RAW_DIR]`` rewrites data/geo/*.json from the
raw files (INSEE COG 2026 via Etalab's decoupage-administratif 6.0.0, and La Poste's base
officielle des codes postaux 2025). Both are under the Licence Ouverte (Etalab); see README.

Output files are TinyDB JSON databases (read-only at runtime):
- data/geo/departements.json (small; read on the first place lookup): tables ``meta``,
  ``departements`` (code, name, zone, "de ..." form, préfecture town and INSEE code, the only
  commune when there is one, e.g. Paris) and ``arrondissements`` (code, name, chef-lieu town and
  INSEE code: the préfecture or sous-préfecture).
- data/geo/communes.json (the big one; read on the first commune or postal-code lookup): tables
  ``meta`` and ``communes``, **one row per département** holding its communes column by column
  in joined strings, so that the file stays small and parses fast (see ``COLUMNS``).
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # names are keyed exactly as wizard.geo matches them

from parcours.wizard.geo import _CommuneTable, build_name_index, name_key  # noqa: E402
from parcours.wizard.resources import read_tables  # noqa: E402

DEFAULT_RAW = HERE.parent.parent / "shared" / "data" / "raw"
ETALAB = "etalab-decoupage-administratif-6.0.0"
LAPOSTE = "laposte-hexasmal-2025/019HexaSmal.csv"

# INSEE "type de nom en clair" (TNCC): the preposition used before the name ("de la Manche").
TNCC_OF = {
    0: "de ",
    1: "d'",
    2: "du ",
    3: "de la ",
    4: "des ",
    5: "de l'",
    6: "des ",
    7: "de las ",
    8: "de los ",
}
# The article in the name itself is dropped after these prepositions ("du Nord", not "du Le Nord").

# Columns of a ``communes`` row (one row per département ``d``). Within a column, communes are
# separated by SEP; all columns list the communes in the same order (by INSEE code).
COLUMNS = {
    "d": "département code",
    "i": "INSEE code of each commune without the département prefix ('027' for 91027)",
    "n": "name of each commune (COG spelling, with accents and article)",
    "t": "one digit per commune: its TNCC (INSEE 'type de nom en clair', 0-8)",
    "r": "one character per commune: its arrondissement (département code + this character), "
    "'-' when none (Mayotte, COM)",
    "pp": "the two first digits most postal codes of the département start with",
    "p": "postal codes of each commune, ',' between codes of one commune, '-' when none; a "
    "three-digit code is the last three digits after 'pp'",
    "h": "the other first two digits of this row's postal codes (those written with five "
    "digits in 'p'), ',' between them: where a postal code lookup starts",
    "m": "municipal arrondissements (Paris, Lyon, Marseille): [INSEE code, name, postal codes, "
    "INSEE code of the commune]",
    "an": "former or delegated communes (communes déléguées / associées) whose name differs "
    "from their commune's, as names",
    "ai": "... and the INSEE code (without département prefix) of the commune they belong to",
    "ln": "La Poste's 'ligne 5' names (former communes, localities) that name no current "
    "commune, as La Poste spells them (capitals, no accents)",
    "li": "... and the INSEE code (without département prefix) of their commune",
}
SEP = "|"

META = {
    "source": {
        "fr": "INSEE – Code officiel géographique 2026 (via Etalab decoupage-administratif "
        "6.0.0) ; La Poste – Base officielle des codes postaux 2025 (data.gouv.fr). "
        "Licence Ouverte (Etalab).",
        "en": "INSEE – Official geographic code 2026 (via Etalab decoupage-administratif 6.0.0); "
        "La Poste – Official postal code base 2025 (data.gouv.fr). Licence Ouverte (Etalab).",
    },
    "licence": "Licence Ouverte / Open Licence 2.0 (Etalab)",
    "credit": "INSEE – Code officiel géographique ; La Poste – Base officielle des codes postaux",
    "data_date": "2026-04-09 (COG 2026, decoupage-administratif 6.0.0) / 2025 (codes postaux)",
    "built_from": [
        ETALAB + "/departements.json",
        ETALAB + "/arrondissements.json",
        ETALAB + "/communes.json",
        LAPOSTE,
    ],
    "columns": COLUMNS,
}


def departement_of_insee(code: str) -> str:
    """The département code of an INSEE commune code (2A/2B kept, 97x on three digits)."""
    return code[:3] if code.startswith("97") or code.startswith("98") else code[:2]


def tinydb(tables: dict[str, list[dict]]) -> dict:
    """Shape rows as a TinyDB database: {table: {"1": row, "2": row, ...}}."""
    return {name: {str(i): row for i, row in enumerate(rows, 1)} for name, rows in tables.items()}


def poste_localities(raw: Path) -> set[tuple[str, str]]:
    """(La Poste 'ligne 5' name, INSEE code): former communes and localities of a commune."""
    with (raw / LAPOSTE).open(encoding="utf-8", newline="") as fh:
        return {
            (row["Ligne_5"].strip(), row["Code_commune_INSEE"])
            for row in csv.DictReader(fh, delimiter=";")
            if row["Ligne_5"].strip()
        }


def postcodes_of(raw: Path, known: set[str]) -> dict[str, set[str]]:
    """INSEE code (commune or municipal arrondissement) -> its postal codes, from La Poste."""
    out: dict[str, set[str]] = {}
    with (raw / LAPOSTE).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            insee = row["Code_commune_INSEE"]
            if departement_of_insee(insee) in known:  # drops Monaco (99138)
                out.setdefault(insee, set()).add(row["Code_postal"])
    return out


def build(raw: Path) -> dict[str, dict]:
    deps = json.loads((raw / ETALAB / "departements.json").read_text(encoding="utf-8"))
    arrs = json.loads((raw / ETALAB / "arrondissements.json").read_text(encoding="utf-8"))
    communes = json.loads((raw / ETALAB / "communes.json").read_text(encoding="utf-8"))
    current = {c["code"]: c for c in communes if c["type"] == "commune-actuelle"}
    known = {d["code"] for d in deps}
    postcodes = postcodes_of(raw, known)

    municipal = [c for c in communes if c["type"] == "arrondissement-municipal"]
    # Paris, Lyon and Marseille have no postal code of their own: their arrondissements do.
    for arm in municipal:
        postcodes.setdefault(arm["commune"], set()).update(postcodes.get(arm["code"], ()))

    per_dep: dict[str, list[dict]] = {d["code"]: [] for d in deps}
    for c in sorted(current.values(), key=lambda c: c["code"]):
        per_dep[c["departement"]].append(c)

    departements = []
    for d in deps:
        mine = per_dep[d["code"]]
        row = {
            "code": d["code"],
            "name": d["nom"],
            "of_name": TNCC_OF[d["typeLiaison"]] + d["nom"],
            "zone": d["zone"],
            "prefecture": current[d["chefLieu"]]["nom"],
            "prefecture_insee": d["chefLieu"],
        }
        if len(mine) == 1:  # Paris: the département is one commune
            row["single_commune"] = [mine[0]["code"], mine[0]["nom"]]
        departements.append(row)
    arrondissements = [
        {
            "code": a["code"],
            "departement": a["departement"],
            "name": a["nom"],
            "chef_lieu": current[a["chefLieu"]]["nom"],
            "chef_lieu_insee": a["chefLieu"],
        }
        for a in sorted(arrs, key=lambda a: a["code"])
    ]

    aliases: dict[str, list[tuple[str, str]]] = {}
    for c in communes:
        if c["type"] in ("commune-deleguee", "commune-associee"):
            parent = current[c["chefLieu"]]
            if c["nom"] != parent["nom"]:
                aliases.setdefault(parent["departement"], []).append((c["nom"], parent["code"]))

    # La Poste's "ligne 5" names a commune's former communes and localities ("EVRY",
    # "COURCOURONNES" for Évry-Courcouronnes). Kept only where no current commune bears the
    # name, so that they never make a commune's own name ambiguous; matched like any name.
    taken = {name_key(c["nom"]) for c in current.values()}
    taken |= {name_key(n) for ns in aliases.values() for n, _ in ns}
    localities: dict[str, list[tuple[str, str]]] = {}
    for name, insee in sorted(poste_localities(raw)):
        if insee in current and name_key(name) not in taken:
            localities.setdefault(current[insee]["departement"], []).append((name, insee))

    rows = []
    for d in deps:
        code, mine = d["code"], per_dep[d["code"]]
        cut = len(code)
        for c in mine:
            assert SEP not in c["nom"] and c["code"][cut:].isdigit(), c
            assert not c.get("arrondissement") or len(c["arrondissement"]) == cut + 1, c
        prefix = Counter(p[:2] for c in mine for p in postcodes.get(c["code"], ())).most_common(1)
        pp = prefix[0][0] if prefix else ""

        def short(p: str, pp: str = pp) -> str:
            return p[2:] if pp and p.startswith(pp) else p

        row = {
            "d": code,
            "pp": pp,
            "i": SEP.join(c["code"][cut:] for c in mine),
            "n": SEP.join(c["nom"] for c in mine),
            "t": "".join(str(c.get("typeLiaison", 0)) for c in mine),
            "r": "".join(
                c["arrondissement"][cut:] if c.get("arrondissement") else "-" for c in mine
            ),
            "p": SEP.join(
                ",".join(short(p) for p in sorted(postcodes.get(c["code"], ()))) or "-"
                for c in mine
            ),
        }
        heads = {p[:2] for c in mine for p in postcodes.get(c["code"], ())} - {pp}
        row["h"] = ",".join(sorted(heads))
        arms = [a for a in municipal if a["departement"] == code]
        if arms:
            row["m"] = [
                [a["code"], a["nom"], ",".join(sorted(postcodes[a["code"]])), a["commune"]]
                for a in sorted(arms, key=lambda a: a["code"])
            ]
        mine_aliases = sorted(set(aliases.get(code, ())))
        if mine_aliases:
            row["an"] = SEP.join(n for n, _ in mine_aliases)
            row["ai"] = SEP.join(i[cut:] for _, i in mine_aliases)
        mine_localities = localities.get(code, ())
        if mine_localities:
            row["ln"] = SEP.join(n for n, _ in mine_localities)
            row["li"] = SEP.join(i[cut:] for _, i in mine_localities)
        rows.append(row)

    counts = {
        "departements": len(departements),
        "arrondissements": len(arrondissements),
        "communes": len(current),
        "municipal_arrondissements": len(municipal),
        "aliases": sum(len(v) for v in aliases.values()),
        "poste_localities": sum(len(v) for v in localities.values()),
        "postal_codes": len({p for ps in postcodes.values() for p in ps}),
    }
    meta = {**META, "counts": counts}
    return {
        "departements.json": tinydb(
            {"meta": [meta], "departements": departements, "arrondissements": arrondissements}
        ),
        "communes.json": tinydb({"meta": [meta], "communes": rows}),
    }


def main(argv: list[str]) -> int:
    raw = Path(argv[1]) if len(argv) > 1 else DEFAULT_RAW
    out = HERE / "geo"
    out.mkdir(exist_ok=True)
    for name, db in build(raw).items():
        text = json.dumps(db, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        (out / name).write_text(text + "\n", encoding="utf-8")
        print(f"wrote {out / name} ({len(text.encode()) // 1024} KiB)")
    # Name keys folded and sorted ahead of time, from the commune table exactly as the app
    # reads it back (row order included): the first name lookup builds no index.
    table = _CommuneTable(read_tables(out / "communes.json")["communes"])
    names = json.dumps(
        tinydb({"names": [build_name_index(table)]}),
        ensure_ascii=False,
        separators=(",", ":"),
        sort_keys=True,
    )
    (out / "names.json").write_text(names + "\n", encoding="utf-8")
    print(f"wrote {out / 'names.json'} ({len(names.encode()) // 1024} KiB)")
    stale = out / "postcodes.json"  # replaced by communes.json
    if stale.exists():
        stale.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
