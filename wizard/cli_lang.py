"""One language per run for the command line: our words, and Click's and Typer's own.

The language is chosen before Click is imported: ``--lang fr|en`` anywhere on the command line,
else the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: English when it names English), else
French. Our help texts and messages go through ``T``. Click and Typer translate their own
messages (usage errors, "Usage:", "[required]"...) with gettext, through the process's text
domain: in French, ``use`` points that domain at the catalogue built from ``CLICK_FR``
(``wizard/locale/fr/LC_MESSAGES/parcours_cli.mo``, written by ``data/build_locale.py``; a test
checks the shipped file equals a fresh build). No code of Click or Typer is patched.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from .text import DEFAULT_LANG, LANGS

DOMAIN = "parcours_cli"
LOCALE_DIR = Path(__file__).with_name("locale")

_current = {"lang": DEFAULT_LANG}


def detect(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language of this run: ``--lang`` if given (and valid), else the locale's, else fr."""
    args = list(argv)
    for i, arg in enumerate(args):
        value = None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in LANGS:
            return value
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        locale = environ.get(name)
        if locale:
            return "en" if locale.lower().startswith("en") else DEFAULT_LANG
    return DEFAULT_LANG


def use(lang: str) -> None:
    """Speak ``lang`` for the rest of the run (call before Click and Typer are imported)."""
    _current["lang"] = lang if lang in LANGS else DEFAULT_LANG
    # gettext reads LANGUAGE first; English has no catalogue, so Click keeps its own words.
    os.environ["LANGUAGE"] = _current["lang"]
    if _current["lang"] == "fr":
        gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
        gettext.textdomain(DOMAIN)


def current() -> str:
    return _current["lang"]


def T(message: str, **fields: object) -> str:
    """``message`` (English, as written in the code) in the run's language, fields filled in."""
    key = " ".join(message.split())
    words = OURS_FR.get(key, key) if _current["lang"] == "fr" else key
    return words.format(**fields) if fields else words


# Our help texts and messages, by their English words.
OURS_FR: dict[str, str] = {
    "parcours — find your administrative pathway in France and get a sourced action plan. "
    "Offline; sends nothing anywhere; not legal advice. Run without a command to start the "
    "wizard.": "parcours — trouver sa démarche administrative en France et obtenir un plan "
    "d'action sourcé. Hors ligne ; n'envoie rien nulle part ; ce n'est pas un avis juridique. "
    "Sans commande, lance l'assistant.",
    "The content itself: export the review sheet (one row per fact) for sign-off.": "Le "
    "contenu lui-même : exporter la fiche de relecture (une ligne par fait) pour validation.",
    "Write the review sheet: one row per fact (fees, time limits, pathways and their "
    "sentences, documents, authorities) with its sources, status and review date.": "Écrire "
    "la fiche de relecture : une ligne par fait (tarifs, délais, démarches et leurs phrases, "
    "documents, administrations) avec ses sources, son statut et sa date de vérification.",
    "JSON file of answers {question_id: value}; '-' reads standard input.": "Fichier JSON des "
    "réponses {question_id: value} ; « - » lit l'entrée standard.",
    "Date to compute deadlines from, YYYY-MM-DD (default: today).": "Date à partir de laquelle "
    "les délais sont calculés, AAAA-MM-JJ (par défaut : aujourd'hui).",
    "Language of the output.": "Langue de la sortie.",
    "Which questionnaire: 'main', or a historical one such as 'history_1997'.": "Quel "
    "questionnaire : « main », ou un questionnaire historique comme « history_1997 ».",
    "Print one JSON object (the protocol).": "Afficher un objet JSON (le protocole).",
    "Output format.": "Format de sortie.",
    "Write the plan to this new file (mode 0600) instead of the screen.": "Écrire le plan "
    "dans ce nouveau fichier (mode 0600) au lieu de l'écran.",
    "With --output: replace the file if it exists.": "Avec --output : remplacer le fichier "
    "s'il existe.",
    "Check this data folder (holding content/ and geo/) instead of the bundled one.": "Vérifier"
    " ce dossier de données (avec content/ et geo/) au lieu de celui fourni.",
    "Where the person lives: a postal code (93200), a commune (Athis-Mons), or a département "
    "number or name (93, 2A, Essonne).": "Où la personne habite : un code postal (93200), une "
    "commune (Athis-Mons), ou un numéro ou nom de département (93, 2A, Essonne).",
    "asylum | residence | rental (French: asile | séjour | location).": "asile | séjour | "
    "location (en anglais : asylum | residence | rental).",
    "Print one JSON object.": "Afficher un objet JSON.",
    "csv (spreadsheet) or md (Markdown).": "csv (tableur) ou md (Markdown).",
    "Write the sheet to this new file (mode 0600) instead of the screen.": "Écrire la fiche "
    "dans ce nouveau fichier (mode 0600) au lieu de l'écran.",
    "Language of the headers and of the 'applies when' column.": "Langue des en-têtes et de "
    "la colonne « s'applique quand ».",
    "Show version.": "Afficher la version.",
    "Language of the wizard.": "Langue de l'assistant.",
    "Ignore the mouse (fewer bytes on slow links).": "Ignorer la souris (moins d'octets sur "
    "les liaisons lentes).",
    "Blinking text cursor (off by default: it costs bytes).": "Curseur clignotant (désactivé "
    "par défaut : il coûte des octets).",
    "Numbered questions on plain lines, no escape codes (screen readers, braille displays, "
    "TERM=dumb); also when input or output is not a terminal.": "Questions numérotées en "
    "lignes simples, sans codes d'échappement (lecteurs d'écran, plages braille, TERM=dumb) ; "
    "aussi quand l'entrée ou la sortie n'est pas un terminal.",
    "Use the mouse even over SSH or in kiosk mode.": "Utiliser la souris même par SSH ou en "
    "mode borne.",
    "Shared account (SSH ForceCommand; also PARCOURS_KIOSK=1): resume only with a code, idle "
    "timeout, no mouse or animations, TEXTUAL_* variables ignored.": "Compte partagé "
    "(ForceCommand SSH ; aussi PARCOURS_KIOSK=1) : reprise seulement avec un code, délai "
    "d'inactivité, ni souris ni animations, variables TEXTUAL_* ignorées.",
    "Kiosk mode: clear the screen after this many idle minutes (default 5; also "
    "PARCOURS_IDLE_MINUTES).": "Mode borne : effacer l'écran après ce nombre de minutes "
    "d'inactivité (5 par défaut ; aussi PARCOURS_IDLE_MINUTES).",
    "Saved answers expire after this many hours (default 24; also PARCOURS_SESSION_HOURS).": "Les"
    " réponses enregistrées expirent après ce nombre d'heures (24 par défaut ; aussi "
    "PARCOURS_SESSION_HOURS).",
    "Folder the plan screen's export writes to (also PARCOURS_EXPORT_DIR); in kiosk mode file "
    "export is off unless it is set.": "Dossier où l'écran du plan exporte (aussi "
    "PARCOURS_EXPORT_DIR) ; en mode borne, l'export de fichier est désactivé sans lui.",
    "Print the next question to ask, or the finished plan, for the answers given so far.": "Affi"
    "cher la prochaine question à poser, ou le plan terminé, pour les réponses déjà données.",
    "Print or write the whole action plan for a complete set of answers: text, Markdown, HTML "
    "(self-contained, for print), SVG (the plan screen as a picture) or JSON.": "Afficher ou "
    "écrire tout le plan d'action pour un jeu complet de réponses : texte, Markdown, HTML "
    "(autonome, à imprimer), SVG (l'écran du plan en image) ou JSON.",
    "Prove the bundled content sound: ids resolve, everything reachable, every path ends in a "
    "plan, French everywhere, every fact sourced. Exit 1 with the list of problems "
    "otherwise.": "Prouver que le contenu fourni est sain : identifiants résolus, tout est "
    "atteignable, chaque parcours aboutit à un plan, du français partout, chaque fait sourcé. "
    "Sinon, code de sortie 1 avec la liste des problèmes.",
    "Print the authority competent for a procedure at a place (name, address, notes, "
    "source).": "Afficher l'administration compétente pour une démarche en un lieu (nom, "
    "adresse, remarques, source).",
    "Without a command, show this command's help.": "Sans commande, afficher l'aide de cette "
    "commande.",
    # Messages.
    "see parcours --help": "voir parcours --help",
    "question '{qid}': not answered yet — the answers are incomplete (use 'parcours step' to "
    "see the next question)": "question « {qid} » : pas encore de réponse — les réponses sont "
    "incomplètes (« parcours step » donne la prochaine question)",
    "plan written to {path}": "plan écrit dans {path}",
    "review sheet written to {path}": "fiche de relecture écrite dans {path}",
    "--flow: unknown flow '{flow}' (known: {known})": "--flow : questionnaire inconnu "
    "« {flow} » (connus : {known})",
    "the place must be a short line of text, got '{query}'": "le lieu doit être une courte "
    "ligne de texte, reçu « {query} »",
    "--procedure: unknown procedure '{procedure}'": "--procedure : démarche inconnue "
    "« {procedure} »",
    "--answers -: there is no standard input to read": "--answers - : il n'y a pas d'entrée "
    "standard à lire",
    "cannot read answers file {path}: {why}": "impossible de lire le fichier de réponses "
    "{path} : {why}",
    "answers file {name} is too large (over {n} bytes)": "le fichier de réponses {name} est "
    "trop gros (plus de {n} octets)",
    "answers file {name} is not UTF-8 text": "le fichier de réponses {name} n'est pas du texte "
    "UTF-8",
    "answers file {name} is empty: expected a JSON object such as {{}}": "le fichier de "
    "réponses {name} est vide : un objet JSON est attendu, par exemple {{}}",
    "answers file {name} is not valid JSON: {why}": "le fichier de réponses {name} n'est pas "
    "du JSON valide : {why}",
    "--today: expected a date as YYYY-MM-DD, got '{value}'": "--today : une date AAAA-MM-JJ "
    "est attendue, reçu « {value} »",
    "--today: {day} is out of range (from {first} to {last})": "--today : {day} est hors des "
    "limites (du {first} au {last})",
    "internal error ({name}); please report it": "erreur interne ({name}) ; merci de la signaler",
    "cannot write the output: {why}": "impossible d'écrire la sortie : {why}",
    "the input is nested too deeply": "l'entrée est imbriquée trop profondément",
    "the input is too large for this machine": "l'entrée est trop grande pour cette machine",
}

# Click's and Typer's own words (their gettext message ids), compiled into the catalogue.
# A plural is (singular, plural) -> (French for one, French for several).
CLICK_FR: dict[str | tuple[str, str], str | tuple[str, str]] = {
    "Usage:": "Utilisation :",
    "Options": "Options",
    "Commands": "Commandes",
    "Arguments": "Arguments",
    "Error": "Erreur",
    "Error: {message}": "Erreur : {message}",
    "Aborted!": "Interrompu !",
    "Aborted.": "Interrompu.",
    "Try '{command} {option}' for help.": "Essayez « {command} {option} » pour l'aide.",
    "Try [blue]'{command_path} {help_option}'[/] for help.": "Essayez « {command_path} "
    "{help_option} » pour l'aide.",
    "Missing argument": "Argument manquant",
    "Missing option": "Option manquante",
    "Missing parameter": "Paramètre manquant",
    "Missing {param_type}": "{param_type} manquant",
    "Missing parameter: {param_name}": "Paramètre manquant : {param_name}",
    "Missing command.": "Commande manquante.",
    "No such option {name!r}.": "Option inconnue {name!r}.",
    "No such command {name!r}.": "Commande inconnue {name!r}.",
    "Invalid value: {message}": "Valeur invalide : {message}",
    "Invalid value for {param_hint}: {message}": "Valeur invalide pour {param_hint} : {message}",
    "Option {name!r} does not take a value.": "L'option {name!r} ne prend pas de valeur.",
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "L'option {name!r} demande une valeur.",
        "L'option {name!r} demande {nargs} valeurs.",
    ),
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): (
        "Argument en trop inattendu ({args})",
        "Arguments en trop inattendus ({args})",
    ),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "Vouliez-vous dire {possibility} ?",
        "(Vouliez-vous dire l'un de : {possibilities} ?)",
    ),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): (
        "{value!r} n'est pas {choice}.",
        "{value!r} n'est pas parmi {choices}.",
    ),
    "{value!r} is not a valid {number_type}.": "{value!r} n'est pas un {number_type} valide.",
    "{value} is not in the range {range}.": "{value} n'est pas dans l'intervalle {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} n'est pas un "
    "booléen valide. Valeurs reconnues : {states}",
    "Show this message and exit.": "Afficher ce message et quitter.",
    "Show the version and exit.": "Afficher la version et quitter.",
    "required": "obligatoire",
    "[required]": "[obligatoire]",
    "[default: {}]": "[défaut : {}]",
    "default: {default}": "défaut : {default}",
    "[env var: {}]": "[variable : {}]",
    "env var: {var}": "variable : {var}",
    "(deprecated) ": "(obsolète) ",
    "file": "fichier",
    "directory": "dossier",
    "path": "chemin",
    "{name} {filename!r} does not exist.": "{name} {filename!r} n'existe pas.",
    "{name} {filename!r} is a file.": "{name} {filename!r} est un fichier.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} est un dossier.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} n'est pas lisible.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} n'est pas accessible en écriture.",
    "Could not open file {filename!r}: {message}": "Impossible d'ouvrir le fichier "
    "{filename!r} : {message}",
}
