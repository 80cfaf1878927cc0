"""Derive the bundled geography tables from the raw open data in ../shared/data/raw.

Reproducible: ``python data/build_geography.py [RAW_DIR]`` rewrites data/geo/*.json from the
raw files (INSEE COG 2026 via Etalab's decoupage-administratif 6.0.0, and La Poste's base
officielle des codes postaux 2025). Both are under the Licence Ouverte (Etalab); see README.

Output files are TinyDB JSON databases (read-only at runtime):
- data/geo/departements.json: tables ``meta`` and ``departements`` (code, name, zone,
  prefecture town, "de ..." form of the name).
- data/geo/postcodes.json: tables ``meta`` and ``postcodes`` (postal code -> département codes
  and the communes it serves, as [INSEE code, name]).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
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

META = {
    "source": {
        "fr": "INSEE – Code officiel géographique 2026 (via Etalab decoupage-administratif "
        "6.0.0) ; La Poste – Base officielle des codes postaux 2025 (data.gouv.fr). "
        "Licence Ouverte (Etalab).",
        "en": "INSEE – Official geographic code 2026 (via Etalab decoupage-administratif 6.0.0); "
        "La Poste – Official postal code base 2025 (data.gouv.fr). Licence Ouverte (Etalab).",
    },
    "data_date": "2026-04-09 (COG 2026) / 2025 (codes postaux)",
    "built_from": [ETALAB + "/departements.json", ETALAB + "/communes.json", LAPOSTE],
}


def departement_of_insee(code: str) -> str:
    """The département code of an INSEE commune code (2A/2B kept, 97x on three digits)."""
    return code[:3] if code.startswith("97") or code.startswith("98") else code[:2]


def tinydb(tables: dict[str, list[dict]]) -> dict:
    """Shape rows as a TinyDB database: {table: {"1": row, "2": row, ...}}."""
    return {name: {str(i): row for i, row in enumerate(rows, 1)} for name, rows in tables.items()}


def build(raw: Path) -> dict[str, dict]:
    deps = json.loads((raw / ETALAB / "departements.json").read_text(encoding="utf-8"))
    communes = json.loads((raw / ETALAB / "communes.json").read_text(encoding="utf-8"))
    names = {c["code"]: c["nom"] for c in communes if c["type"] == "commune-actuelle"}
    # Municipal arrondissements (Paris, Lyon, Marseille) carry their own postal codes.
    commune_names = {
        c["code"]: c["nom"]
        for c in communes
        if c["type"] in ("commune-actuelle", "arrondissement-municipal")
    }

    departements = []
    for d in deps:
        departements.append(
            {
                "code": d["code"],
                "name": d["nom"],
                "of_name": TNCC_OF[d["typeLiaison"]] + d["nom"],
                "zone": d["zone"],
                "prefecture": names[d["chefLieu"]],
            }
        )
    known = {d["code"] for d in departements}

    by_postcode: dict[str, set[str]] = {}
    communes_of: dict[str, set[str]] = {}
    with (raw / LAPOSTE).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            insee = row["Code_commune_INSEE"]
            dep = departement_of_insee(insee)
            if dep not in known:  # Monaco (99138) and anything outside the COG
                continue
            by_postcode.setdefault(row["Code_postal"], set()).add(dep)
            if insee in commune_names:
                communes_of.setdefault(row["Code_postal"], set()).add(insee)
    postcodes = [
        {
            "code": cp,
            "departements": sorted(ds),
            "communes": [[i, commune_names[i]] for i in sorted(communes_of.get(cp, ()))],
        }
        for cp, ds in sorted(by_postcode.items())
    ]
    return {
        "departements.json": tinydb({"meta": [META], "departements": departements}),
        "postcodes.json": tinydb({"meta": [META], "postcodes": postcodes}),
    }


def main(argv: list[str]) -> int:
    raw = Path(argv[1]) if len(argv) > 1 else DEFAULT_RAW
    out = HERE / "geo"
    out.mkdir(exist_ok=True)
    for name, db in build(raw).items():
        text = json.dumps(db, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        (out / name).write_text(text + "\n", encoding="utf-8")
        print(f"wrote {out / name} ({len(text) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
