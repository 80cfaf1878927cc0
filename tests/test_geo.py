"""Places: postal codes, communes and départements resolve to one place, or say why not."""

from __future__ import annotations

from pathlib import Path

import pytest
from parcours.wizard.geo import Geography, Place, PlaceError, fold, name_key, name_keys, of_commune


@pytest.fixture(scope="module")
def geo() -> Geography:
    return Geography()


def resolve_error(geo: Geography, query: str) -> PlaceError:
    with pytest.raises(PlaceError) as info:
        geo.resolve(query)
    return info.value


# ---- postal codes ---------------------------------------------------------------------------


def test_corsica_postal_codes_split_into_2a_and_2b(geo: Geography) -> None:
    ajaccio = geo.resolve("20000")
    assert (ajaccio.departement, ajaccio.commune, ajaccio.insee) == ("2A", "Ajaccio", "2A004")
    bastia = geo.resolve("20200")  # Bastia and three neighbouring communes
    assert bastia.departement == "2B" and bastia.postcode == "20200"
    assert bastia.insee is None and bastia.commune is None
    assert ("2B033", "Bastia") in geo.communes_of_postcode("20200")
    assert geo.resolve("20090").departement == "2A"


@pytest.mark.parametrize("code", [f"750{n:02d}" for n in range(1, 21)] + ["75116"])
def test_paris_postal_codes_name_paris_and_its_arrondissement(geo: Geography, code: str) -> None:
    place = geo.resolve(code)
    assert (place.departement, place.insee, place.commune) == ("75", "75056", "Paris")
    number = 16 if code == "75116" else int(code[3:])
    assert (
        place.district is not None
        and place.district.startswith(f"Paris {number}e")
        or (number == 1 and place.district == "Paris 1er Arrondissement")
    )
    assert place.postcode == code


@pytest.mark.parametrize("n", range(1, 17))
def test_marseille_postal_codes(geo: Geography, n: int) -> None:
    place = geo.resolve(f"130{n:02d}")
    assert (place.departement, place.insee, place.commune) == ("13", "13055", "Marseille")
    assert place.district is not None and place.district.startswith(f"Marseille {n}")


@pytest.mark.parametrize("n", range(1, 10))
def test_lyon_postal_codes(geo: Geography, n: int) -> None:
    place = geo.resolve(f"6900{n}")
    assert (place.departement, place.insee, place.commune) == ("69", "69123", "Lyon")
    assert place.district is not None and place.district.startswith(f"Lyon {n}")


@pytest.mark.parametrize(
    ("code", "dep", "commune"),
    [
        ("97100", "971", "Basse-Terre"),
        ("97200", "972", "Fort-de-France"),
        ("97300", "973", "Cayenne"),
        ("97400", "974", "Saint-Denis"),
    ],
)
def test_overseas_departements_postal_codes(geo: Geography, code, dep, commune) -> None:
    place = geo.resolve(code)
    assert (place.departement, place.commune) == (dep, commune)


def test_mayotte_postal_code_shared_by_communes(geo: Geography) -> None:
    place = geo.resolve("97600")
    assert place.departement == "976" and place.insee is None


@pytest.mark.parametrize("code", ["97500", "97133", "98714"])
def test_overseas_collectivities_are_refused_as_not_covered(geo: Geography, code: str) -> None:
    err = resolve_error(geo, code)
    assert "collectivité d'outre-mer" in err.message["fr"]
    assert "overseas collectivity" in err.message["en"]


def test_cedex_like_code_is_refused_with_nearby_codes(geo: Geography) -> None:
    err = resolve_error(geo, "94136")  # the Ofpra's CEDEX code: not a home address
    assert "CEDEX" in err.message["fr"] and "94136" in err.message["en"]
    assert "Val-de-Marne (94)" in err.suggestions
    nearby = [s for s in err.suggestions if s[:5].isdigit()]
    assert nearby and all(s.startswith("941") for s in nearby)
    for suggestion in err.suggestions:  # every suggestion is itself a valid answer
        assert geo.resolve(suggestion).departement == "94"


def test_nonexistent_postal_code(geo: Geography) -> None:
    err = resolve_error(geo, "00000")
    assert "00000" in err.message["fr"]


def test_postal_code_shared_by_two_departements_lists_the_communes(geo: Geography) -> None:
    assert geo.postcodes["21340"] == ("21", "71")
    err = resolve_error(geo, "21340")
    assert "Côte-d'Or (21)" in err.message["fr"] and "Saône-et-Loire (71)" in err.message["fr"]
    assert "21340 Nolay" in err.suggestions
    deps = set()
    for suggestion in err.suggestions:
        place = geo.resolve(suggestion)
        assert place.postcode == "21340" and place.insee is not None
        deps.add(place.departement)
    assert deps == {"21", "71"}


def test_postal_code_shared_by_several_communes_of_one_departement(geo: Geography) -> None:
    place = geo.resolve("01000")  # Bourg-en-Bresse and Saint-Denis-lès-Bourg
    assert place.departement == "01" and place.insee is None
    choices = geo.commune_choices(place)
    assert "01000 Bourg-en-Bresse" in choices and len(choices) >= 2
    for choice in choices:
        chosen = geo.resolve(choice)
        assert chosen.insee is not None and chosen.postcode == "01000"


# ---- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["Athis-Mons", "athis mons", "ATHIS MONS", " Athis  Mons ", "athismons"]
)
def test_commune_name_case_spaces_and_hyphens(geo: Geography, query: str) -> None:
    place = geo.resolve(query)
    assert (place.insee, place.departement, place.postcode) == ("91027", "91", "91200")


@pytest.mark.parametrize(
    ("query", "insee"),
    [
        ("Saint-Étienne", "42218"),
        ("saint etienne", "42218"),
        ("St-Etienne", "42218"),
        ("st étienne", "42218"),
        ("Évry-Courcouronnes", "91228"),
        ("evry courcouronnes", "91228"),
        ("L'Haÿ-les-Roses", "94038"),
        ("lhay les roses", "94038"),
        ("l hay-les-roses", "94038"),
        ("Cœuvres-et-Valsery", "02201"),
        ("coeuvres et valsery", "02201"),
        ("Ste-Geneviève-des-Bois (91)", "91549"),
        ("Le Havre", "76351"),
        ("havre", "76351"),  # the article may be left out
        ("Cherbourg-Octeville", "50129"),  # a former name leads to the commune of today
        ("Courcouronnes", "91228"),  # a La Poste locality (former commune) of Évry-Courcouronnes
    ],
)
def test_commune_names_with_and_without_accents(geo: Geography, query: str, insee: str) -> None:
    assert geo.resolve(query).insee == insee


def test_homonyms_are_never_guessed(geo: Geography) -> None:
    err = resolve_error(geo, "Saint-Denis")
    assert {"Saint-Denis (93)", "Saint-Denis (974)"} <= set(err.suggestions)
    places = {geo.resolve(s).insee for s in err.suggestions}
    assert len(places) == len(err.suggestions)  # each suggestion names a different commune
    assert geo.resolve("St Denis (93)").insee == "93066"
    assert geo.resolve("Saint-Denis, 974").insee == "97411"
    assert geo.resolve("93200 Saint-Denis").insee == "93066"


def test_name_of_a_departement_and_of_a_town_elsewhere_is_ambiguous(geo: Geography) -> None:
    err = resolve_error(geo, "Vienne")
    assert set(err.suggestions) == {"Vienne (86)", "Vienne (38)"}
    assert geo.resolve("Vienne (86)") == Place("Vienne (86)", "86", "Vienne")
    assert geo.resolve("Vienne (38)").insee == "38544"


def test_name_of_a_departement_and_of_a_town_in_it_gives_the_departement(geo: Geography) -> None:
    place = geo.resolve("Mayenne")  # the département is sure; the town is not
    assert (place.departement, place.insee) == ("53", None)
    assert geo.resolve("53100 Mayenne").insee == "53147"


@pytest.mark.parametrize(
    ("query", "district", "postcode"),
    [
        ("Paris 15", "Paris 15e Arrondissement", "75015"),
        ("paris 15e", "Paris 15e Arrondissement", "75015"),
        ("Marseille 1er", "Marseille 1er Arrondissement", "13001"),
        ("Lyon 3eme", "Lyon 3e Arrondissement", "69003"),
    ],
)
def test_municipal_arrondissements_by_name(geo: Geography, query, district, postcode) -> None:
    place = geo.resolve(query)
    assert (place.district, place.postcode) == (district, postcode)


def test_unknown_name_suggests_close_names(geo: Geography) -> None:
    err = resolve_error(geo, "athis mns")
    assert "Athis-Mons (91)" in err.suggestions
    assert "commune" in err.message["fr"]
    assert resolve_error(geo, "zzzzqx").suggestions == ()


# ---- départements ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("93", "93"),
        ("2A", "2A"),
        ("2a", "2A"),
        ("2b", "2B"),
        ("971", "971"),
        ("976", "976"),
        ("1", "01"),
        ("Seine-Saint-Denis", "93"),
        ("seine saint denis", "93"),
        ("Corse-du-Sud", "2A"),
        ("cotes d armor", "22"),
        ("Essonne", "91"),
    ],
)
def test_departement_codes_and_names(geo: Geography, query: str, code: str) -> None:
    place = geo.resolve(query)
    assert place.departement == code
    assert place.departement_name == geo.departement(code).name


def test_paris_as_a_departement_names_the_commune(geo: Geography) -> None:
    assert geo.resolve("75").insee == "75056"
    assert geo.resolve("Paris").insee == "75056"


@pytest.mark.parametrize("bad", [None, 93, "", "   ", "x" * 101, ["93"]])
def test_bad_inputs_are_place_errors(geo: Geography, bad) -> None:
    with pytest.raises(PlaceError):
        geo.resolve(bad)


# ---- suggestions, display, INSEE ------------------------------------------------------------


def test_suggest_as_you_type(geo: Geography) -> None:
    assert "Athis-Mons (91)" in geo.suggest("athis")
    assert geo.suggest("athis-m") == ["Athis-Mons (91)"]
    codes = geo.suggest("912", limit=5)
    assert len(codes) == 5 and all(s.startswith("912") for s in codes)
    assert geo.suggest("93")[0] == "Seine-Saint-Denis (93)"
    assert geo.suggest("") == [] and geo.suggest("   ") == []
    assert len(geo.suggest("saint", limit=7)) == 7
    assert geo.suggest("essonne")[0] == "Essonne (91)"


@pytest.mark.parametrize(
    "prefix", ["athis", "saint d", "912", "93", "paris", "vienne", "2b", "lyon"]
)
def test_every_suggestion_resolves(geo: Geography, prefix: str) -> None:
    for suggestion in geo.suggest(prefix, limit=15):
        place = geo.resolve(suggestion)
        assert place.departement in geo.departements


def test_display(geo: Geography) -> None:
    assert geo.resolve("93200").display("fr") == "93200 (Saint-Denis, Seine-Saint-Denis, 93)"
    assert geo.resolve("93").display("fr") == "Seine-Saint-Denis (93)"
    assert geo.resolve("75001").display("fr") == "75001 (Paris 1er Arrondissement, 75)"
    assert geo.resolve("Le Havre").display("en") == "Le Havre (Seine-Maritime, 76)"


def test_place_for_insee(geo: Geography) -> None:
    place = geo.place_for_insee("91027")
    assert place is not None and (place.insee, place.postcode) == ("91027", "91200")
    assert geo.resolve(place.query) == place  # the query is a valid answer that round-trips
    paris_1 = geo.place_for_insee("75101")
    assert paris_1 is not None and (paris_1.insee, paris_1.postcode) == ("75056", "75001")
    assert geo.place_for_insee("99999") is None
    assert geo.place_for_insee("97502") is None  # Saint-Pierre-et-Miquelon: not covered


@pytest.mark.parametrize(
    ("name", "tncc", "expected"),
    [
        ("Athis-Mons", 1, "d'Athis-Mons"),
        ("Le Havre", 2, "du Havre"),
        ("La Rochelle", 3, "de La Rochelle"),
        ("Les Mureaux", 4, "des Mureaux"),
        ("L'Haÿ-les-Roses", 5, "de L'Haÿ-les-Roses"),
        ("Paris", 0, "de Paris"),
    ],
)
def test_of_commune_follows_the_tncc(name: str, tncc: int, expected: str) -> None:
    assert of_commune(name, tncc) == expected


def test_commune_tncc_comes_from_the_data(geo: Geography) -> None:
    assert geo.communes["76351"].of_name == "du Havre"
    assert geo.communes["78440"].of_name == "des Mureaux"
    assert geo.communes["91027"].of_name == "d'Athis-Mons"


def test_template_fields(geo: Geography) -> None:
    athis = geo.template_fields(geo.resolve("Athis-Mons"))
    assert athis["of_commune"] == "d'Athis-Mons" and athis["insee"] == "91027"
    assert athis["subprefecture"] == "Palaiseau"  # arrondissement of Palaiseau
    assert "commune" not in geo.template_fields(geo.resolve("93"))
    bobigny = geo.template_fields(geo.resolve("Bobigny"))
    assert "subprefecture" not in bobigny  # the préfecture's own arrondissement
    assert geo.template_fields(geo.resolve("91150"))["of_subprefecture"] == "d'Étampes"


# ---- data ------------------------------------------------------------------------------------


def test_tables_cover_france(geo: Geography) -> None:
    zones = [d.zone for d in geo.departements.values()]
    assert zones.count("metro") == 96 and zones.count("drom") == 5
    assert len(geo.communes) > 34_000
    deps = {geo.communes[i].departement for i in geo.communes}
    assert {d.code for d in geo.departements.values() if d.zone != "com"} <= deps
    for arr in geo.arrondissements.values():
        assert arr.chef_lieu_insee in geo.communes
    for dep in geo.departements.values():
        assert dep.prefecture_insee in geo.communes


def test_meta_records_source_licence_and_date(geo: Geography) -> None:
    meta = geo.meta
    assert "INSEE" in meta["source"]["fr"] and "La Poste" in meta["source"]["fr"]
    assert "Licence Ouverte" in meta["licence"]
    assert "2026" in meta["data_date"] and "2025" in meta["data_date"]


def test_commune_table_is_loaded_only_when_needed() -> None:
    geo = Geography()
    assert geo.resolve("93").departement == "93"
    assert geo.resolve("2A").departement == "2A"
    assert "communes" not in geo.__dict__  # a département code needs no commune table
    geo.resolve("93200")
    assert "communes" in geo.__dict__


def test_bulk_and_single_name_keys_agree(geo: Geography) -> None:
    names = geo.communes.names
    assert name_keys(names) == [name_key(n) for n in names]


def test_fold() -> None:
    assert fold("Côtes-d'Armor") == "cotes d armor"
    assert fold("St-Jean") == "saint jean"
    assert name_key("Sainte Marie") == name_key("ste-marie")


def test_la_poste_localities_never_shadow_a_commune_name(geo: Geography) -> None:
    commune_keys = set(name_keys(geo.communes.names))
    localities = geo.communes.localities
    assert len(localities) > 1000
    assert not commune_keys & set(name_keys([n for n, _ in localities]))


def test_brackets_that_belong_to_the_name_are_not_a_qualifier():
    # Found by the property test: two communes are named "Bors (Canton de …)" in Charente.
    from parcours.wizard.geo import Geography

    geo = Geography()
    place = geo.resolve("Bors (Canton de Tude-et-Lavalette)")
    assert (place.insee, place.departement) == ("16052", "16")
    assert geo.resolve("bors (canton de tude et lavalette)").insee == "16052"
    assert geo.resolve("Athis-Mons (91)").insee == "91027"


def test_the_shipped_name_index_is_a_fresh_build():
    """names.json is what data/build_geography.py makes of communes.json: rebuild and compare."""
    from parcours.wizard.geo import _CommuneTable, build_name_index
    from parcours.wizard.resources import read_tables

    geo_dir = Path(__file__).resolve().parents[1] / "data" / "geo"
    table = _CommuneTable(read_tables(geo_dir / "communes.json")["communes"])
    shipped = read_tables(geo_dir / "names.json")["names"][0]
    assert shipped == build_name_index(table), "run python data/build_geography.py"


def test_a_name_lookup_reads_the_index_and_folds_no_name():
    geo = Geography()
    keys, refs = geo.communes.sorted_names
    assert list(keys) == sorted(keys) and len(keys) == len(refs) > 35_000
    assert [e.insee for e in geo.communes.named(name_key("Athis-Mons"))] == ["91027"]


@pytest.mark.parametrize(
    ("query", "known", "small"),
    [
        ("Évry", "Évry-Courcouronnes (91)", "Évry (89)"),
        ("evry", "Évry-Courcouronnes (91)", "Évry (89)"),
        ("Charleville", "Charleville-Mézières (08)", "Charleville (51)"),
        ("Aix", "Aix-en-Provence (13)", "Aix (19)"),
    ],
)
def test_a_small_commune_named_like_a_better_known_town_asks(
    geo: Geography, query: str, known: str, small: str
) -> None:
    """ "Évry" is a village of the Yonne and the first word of the Essonne's préfecture: ask,
    préfecture and sous-préfecture towns first, instead of choosing silently."""
    with pytest.raises(PlaceError) as err:
        geo.resolve(query)
    assert err.value.suggestions[0] == known and small in err.value.suggestions
    assert "plusieurs communes" in err.value.text("fr")
    for choice in err.value.suggestions:  # every choice resolves to itself
        assert geo.resolve(choice).commune is not None


def test_prefectures_come_before_sous_prefectures_then_homonyms(geo: Geography) -> None:
    with pytest.raises(PlaceError) as err:
        geo.resolve("Bourg")
    assert err.value.suggestions[0] == "Bourg-en-Bresse (01)"  # préfecture of the Ain
    assert {"Bourg (33)", "Bourg (52)"} <= set(err.value.suggestions)


@pytest.mark.parametrize(
    ("query", "insee"),
    [("Cergy", "95127"), ("Lyon", "69123"), ("Évry (89)", "89162"), ("Courcouronnes", "91228")],
)
def test_no_question_when_the_name_is_itself_the_known_town_or_qualified(
    geo: Geography, query: str, insee: str
) -> None:
    assert geo.resolve(query).insee == insee


def test_suggestions_offer_the_better_known_town_first(geo: Geography) -> None:
    assert geo.suggest("Evry")[:2] == ["Évry-Courcouronnes (91)", "Évry (89)"]
    assert geo.suggest("charleville")[:2] == ["Charleville-Mézières (08)", "Charleville (51)"]


@pytest.mark.parametrize(
    "items", [[], ["a"], ["", "b"], ["ab", "", "c"], ["alpha", "beta", "gamma", "gamma", "z"]]
)
def test_packed_strings_read_like_the_list_they_hold(items):
    from bisect import bisect_left, bisect_right

    from parcours.wizard.geo import Packed

    packed = Packed("|".join(items), "|") if items else Packed("", "|")
    assert len(packed) == len(items) and list(packed) == items
    assert packed[1:3] == items[1:3] and packed[-2:] == items[-2:]
    if items:
        assert packed[-1] == items[-1]
    with pytest.raises(IndexError):
        packed[len(items)]
    assert packed.has_empty() == ("" in items)
    for probe in ("", "a", "b", "gamma", "zz"):
        if items == sorted(items):
            assert bisect_left(packed, probe) == bisect_left(items, probe)
            assert bisect_right(packed, probe) == bisect_right(items, probe)


def test_the_direct_reader_gives_what_tinydb_gives_for_every_bundled_file():
    """Commands read the bundled TinyDB files without importing TinyDB (resources.py); TinyDB
    itself, over the same files, must give the same records in the same order."""
    from parcours.wizard.resources import data_root, open_db, read_tables

    files = sorted((data_root() / "content").glob("*.json")) + sorted(
        (data_root() / "geo").glob("*.json")
    )
    assert len(files) >= 10
    for path in files:
        db = open_db(path)
        by_tinydb = {name: [dict(doc) for doc in db.table(name).all()] for name in db.tables()}
        assert read_tables(path) == by_tinydb, path.name
        with pytest.raises(PermissionError):
            db.table("questions").insert({"id": "x"})


def test_postal_code_routes_written_by_the_build_match_the_codes():
    """communes.json's "h" column (built ahead of time) lists, per row, the first two digits of
    the postal codes outside its usual "pp": the routes a lookup takes must be the ones a scan
    of every code gives, and a table built without it is scanned instead."""
    import re

    from parcours.wizard.geo import _CommuneTable
    from parcours.wizard.resources import data_root, read_tables

    rows = read_tables(data_root() / "geo" / "communes.json")["communes"]
    for row in rows:
        scanned = {c[:2] for c in re.findall(r"\d{5}", row["p"])} - {row["pp"]}
        assert set(filter(None, row["h"].split(","))) == scanned, row["d"]
    built = _CommuneTable(rows)._routes
    without = _CommuneTable([{k: v for k, v in r.items() if k != "h"} for r in rows])._routes
    assert built == without and "91" in built["94"]  # an Essonne commune has a 94... code


def test_a_former_name_is_read_from_its_own_row():
    """entry("a<i>") splits only the row holding former name i; it is the same name and
    commune as the whole list gives, and an index past the end is refused."""
    from parcours.wizard.geo import Geography

    count = len(Geography().communes.aliases)
    assert count > 2000
    table = Geography().communes
    picked = [*range(0, count, 37), count - 1]
    lazy = [table.alias(i) for i in picked]
    assert "aliases" not in table.__dict__  # nothing split for all of them
    assert lazy == [table.aliases[i] for i in picked]
    assert [table.alias(i) for i in picked] == lazy  # the same once the list is split too
    fresh = Geography().communes
    with pytest.raises(IndexError):
        fresh.alias(count)
    with pytest.raises(IndexError):
        fresh.alias(-1)
