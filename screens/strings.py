"""The interface's own words (buttons, keys, hints), in French and English.

Only words about the tool live here; every fact about the law comes from the content.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, TypeVar, cast

from textual.binding import Binding

if TYPE_CHECKING:
    from textual.dom import DOMNode

UI: dict[str, dict[str, str]] = {
    "app_title": {"fr": "parcours", "en": "parcours"},
    "more_below": {
        "fr": "▼ d'autres choix plus bas (flèche bas)",
        "en": "▼ more choices below (down arrow)",
    },
    "too_small": {
        "fr": "Agrandissez la fenêtre : au moins {w} colonnes et {h} lignes. (q : quitter)",
        "en": "Make the window bigger: at least {w} columns and {h} lines. (q: quit)",
    },
    "intro": {
        "fr": "parcours vous aide à trouver les démarches administratives qui correspondent à "
        "votre situation en France. Vous répondez à quelques questions, une à la fois, et vous "
        "obtenez un plan d'action : où aller, les documents, les délais, les coûts et les sources.",
        "en": "parcours helps you find the administrative procedures that fit your situation in "
        "France. You answer a few questions, one at a time, and get an action plan: where to go, "
        "the documents, the deadlines, the costs and the sources.",
    },
    "offline": {
        "fr": "Fonctionne sans internet et n'envoie rien nulle part.",
        "en": "Works offline and sends nothing anywhere.",
    },
    "not_advice": {
        "fr": "Ce n'est pas un conseil juridique.",
        "en": "This is not legal advice.",
    },
    "start": {"fr": "Commencer", "en": "Start"},
    "continue": {
        "fr": "Continuer mes réponses ({n})",
        "en": "Continue my answers ({n})",
    },
    "resume_last": {
        "fr": "Reprendre la dernière session (enregistrée le {when} ; réponses : {n})",
        "en": "Resume the last session (saved {when}; answers: {n})",
    },
    "resume_code": {"fr": "Reprendre avec un code", "en": "Resume with a code"},
    "code_title": {"fr": "Reprendre avec votre code", "en": "Resume with your code"},
    "code_prompt": {
        "fr": "Tapez le code de reprise qui était affiché en haut de l'écran pendant vos "
        "réponses (deux mots et deux chiffres, par exemple : pomme lune 42), puis Entrée. "
        "Échap pour revenir.",
        "en": "Type the resume code that was shown at the top of the screen while you answered "
        "(two words and two digits, for example: pomme lune 42), then Enter. Escape to go back.",
    },
    "code_placeholder": {"fr": "mot mot 00", "en": "word word 00"},
    "code_wrong": {
        "fr": "Code inconnu ou expiré (les réponses sont gardées {hours} h).",
        "en": "Unknown or expired code (answers are kept {hours} h).",
    },
    "code_malformed": {
        "fr": "Un code a deux mots et deux chiffres, par exemple : pomme lune 42.",
        "en": "A code has two words and two digits, for example: pomme lune 42.",
    },
    "code_locked": {
        "fr": "Trop de codes faux sur ce poste : réessayez dans {minutes} min.",
        "en": "Too many wrong codes on this account: try again in {minutes} min.",
    },
    "code_unavailable": {
        "fr": "Les sessions enregistrées ne peuvent pas être lues sur cette machine.",
        "en": "Saved sessions cannot be read on this machine.",
    },
    "code_in_use": {
        "fr": "Cette session est ouverte dans une autre fenêtre ou connexion ; fermez-la d'abord.",
        "en": "This session is open in another window or connection; close it first.",
    },
    "code_bar": {"fr": "code de reprise : {code}", "en": "resume code: {code}"},
    "choose_answer": {
        "fr": "Choisissez une réponse avec les flèches haut/bas, puis Entrée.",
        "en": "Choose an answer with the up/down arrows, then Enter.",
    },
    "idle_cleared": {
        "fr": "Écran effacé après {minutes} min sans activité. Reprise possible avec le code.",
        "en": "Screen cleared after {minutes} min without activity. Resume with the code.",
    },
    "authority": {"fr": "Trouver une administration", "en": "Look up an authority"},
    "authority_hint": {
        "fr": "Choisissez la démarche (flèches, Entrée), puis tapez le lieu et appuyez sur Entrée.",
        "en": "Choose the procedure (arrows, Enter), then type the place and press Enter.",
    },
    "history": {
        "fr": "Textes historiques (archives, plus en vigueur)",
        "en": "Historical texts (archives, no longer in force)",
    },
    "quit": {"fr": "Quitter", "en": "Quit"},
    "menu_hint": {
        "fr": "Flèches haut/bas pour choisir, Entrée pour valider.",
        "en": "Up/down arrows to choose, Enter to confirm.",
    },
    "step": {"fr": "Étape {n}", "en": "Step {n}"},
    "no_help": {
        "fr": "Pas d'aide supplémentaire pour cette question.",
        "en": "No further help for this question.",
    },
    "hint_single": {
        "fr": "Flèches haut/bas pour choisir, Entrée pour continuer.",
        "en": "Up/down arrows to choose, Enter to continue.",
    },
    "hint_multiple": {
        "fr": "Flèches pour vous déplacer, Espace pour cocher ou décocher, Entrée pour continuer.",
        "en": "Arrows to move, Space to tick or untick, Enter to continue.",
    },
    "hint_date": {
        "fr": "Format : JJ/MM/AAAA (exemple : 31/05/2027) ou AAAA-MM-JJ. Entrée pour continuer.",
        "en": "Format: YYYY-MM-DD (example: 2027-05-31) or DD/MM/YYYY. Enter to continue.",
    },
    "hint_datetime": {
        "fr": "Date et heure : JJ/MM/AAAA HH:MM (exemple : 06/04/2026 14:30). "
        "Entrée pour continuer.",
        "en": "Date and time: DD/MM/YYYY HH:MM (example: 06/04/2026 14:30). Enter to continue.",
    },
    "hint_place": {
        "fr": "Code postal, commune ou département. Flèche bas pour choisir une suggestion, "
        "Entrée pour continuer.",
        "en": "Postal code, town or département. Down arrow to pick a suggestion, "
        "Enter to continue.",
    },
    "hint_number": {
        "fr": "Un nombre. Entrée pour continuer.",
        "en": "A number. Enter to continue.",
    },
    "hint_text": {
        "fr": "Quelques mots. Entrée pour continuer.",
        "en": "A few words. Enter to continue.",
    },
    "hint_optional": {
        "fr": "Vous ne savez pas ? Laissez vide et appuyez sur Entrée.",
        "en": "Don't know? Leave it empty and press Enter.",
    },
    "range": {"fr": "Entre {low} et {high}.", "en": "Between {low} and {high}."},
    "unknown_option": {"fr": "Je ne sais pas", "en": "I don't know"},
    "error": {"fr": "Réponse non valable : {msg}", "en": "Not a valid answer: {msg}"},
    "suggest": {"fr": "Suggestions : {s}", "en": "Did you mean: {s}"},
    "no_such_date": {
        "fr": "cette date n'existe pas dans le calendrier",
        "en": "this date does not exist in the calendar",
    },
    "placeholder_date": {"fr": "JJ/MM/AAAA", "en": "YYYY-MM-DD or DD/MM/YYYY"},
    "placeholder_datetime": {"fr": "JJ/MM/AAAA HH:MM", "en": "DD/MM/YYYY HH:MM"},
    "date_format": {
        "fr": "tapez la date sous la forme JJ/MM/AAAA, par exemple 05/03/2026",
        "en": "type the date as YYYY-MM-DD or DD/MM/YYYY, for example 2026-03-05",
    },
    "date_ok": {"fr": "Date lue : {d}", "en": "Date read: {d}"},
    "review_title": {"fr": "Vos réponses", "en": "Your answers"},
    "review_hint": {
        "fr": "Choisissez une réponse et appuyez sur Entrée pour la changer ; Échap pour revenir.",
        "en": "Choose an answer and press Enter to change it; Escape to go back.",
    },
    "review_empty": {"fr": "Aucune réponse pour l'instant.", "en": "No answers yet."},
    "plan_title": {"fr": "Votre plan d'action", "en": "Your action plan"},
    "plan_hint": {
        "fr": "Flèches, Page préc./suiv. pour faire défiler.",
        "en": "Arrows, Page Up/Down to scroll.",
    },
    "export_title": {"fr": "Exporter le plan", "en": "Export the plan"},
    "export_format": {
        "fr": "Dans quel format ? (flèches, Entrée)",
        "en": "Which format? (arrows, Enter)",
    },
    "format_text": {"fr": "Texte (.txt)", "en": "Text (.txt)"},
    "format_md": {"fr": "Markdown (.md)", "en": "Markdown (.md)"},
    "format_html": {
        "fr": "Page à imprimer (.html, avec le QR code)",
        "en": "Page to print (.html, with the QR code)",
    },
    "format_svg": {"fr": "Image du plan (.svg)", "en": "Picture of the plan (.svg)"},
    "format_json": {"fr": "Données (.json)", "en": "Data (.json)"},
    "export_dir": {
        "fr": "Dans quel dossier ? Entrée pour confirmer, Échap pour annuler.",
        "en": "In which folder? Enter to confirm, Escape to cancel.",
    },
    "export_dir_fixed": {
        "fr": "Dossier d'export de ce poste : {dir}. Entrée pour confirmer, Échap pour annuler.",
        "en": "This desk's export folder: {dir}. Enter to confirm, Escape to cancel.",
    },
    "export_file": {"fr": "Fichier : {path}", "en": "File: {path}"},
    "export_replace": {
        "fr": "{path} existe déjà. Le remplacer ?",
        "en": "{path} already exists. Replace it?",
    },
    "yes_replace": {"fr": "Oui, remplacer", "en": "Yes, replace"},
    "no_cancel": {"fr": "Non, annuler", "en": "No, cancel"},
    "export_done": {"fr": "Plan enregistré : {path}", "en": "Plan saved: {path}"},
    "export_failed": {
        "fr": "Impossible d'enregistrer le plan ({why}). Choisissez un autre dossier.",
        "en": "Could not save the plan ({why}). Choose another folder.",
    },
    "export_off": {
        "fr": "L'export de fichier est désactivé sur ce poste : utilisez le QR code.",
        "en": "File export is turned off on this desk: use the QR code.",
    },
    "qr_title": {"fr": "QR code du plan", "en": "QR code of the plan"},
    "qr_hint": {
        "fr": "Scannez avec l'appareil photo d'un téléphone (sans réseau).",
        "en": "Scan with a phone camera (no network needed).",
    },
    "qr_small": {
        "fr": "Terminal trop petit pour un QR code lisible : agrandissez la fenêtre.",
        "en": "Terminal too small for a readable QR code: make the window bigger.",
    },
    "qr_short": {"fr": "Résumé court", "en": "Short summary"},
    "qr_full": {"fr": "Résumé complet", "en": "Full summary"},
    "qr_left_out": {"fr": "Non inclus : {what}", "en": "Not included: {what}"},
    "qr_bigger": {
        "fr": "Agrandissez la fenêtre pour en inclure plus, ou exportez la page à imprimer.",
        "en": "Make the window bigger to include more, or export the page to print.",
    },
    "confirm_quit": {
        "fr": "Quitter parcours ?",
        "en": "Quit parcours?",
    },
    "confirm_quit_code": {
        "fr": "Quitter parcours ? Pour reprendre plus tard (dans les {hours} h), notez votre "
        "code de reprise : {code}",
        "en": "Quit parcours? To resume later (within {hours} h), note your resume code: {code}",
    },
    "yes_quit_keep": {
        "fr": "Oui, quitter et garder mes réponses {hours} h",
        "en": "Yes, quit and keep my answers for {hours} h",
    },
    "yes_quit_forget": {
        "fr": "Oui, quitter et effacer mes réponses (oubliez-moi)",
        "en": "Yes, quit and erase my answers (forget me)",
    },
    "confirm_new": {
        "fr": "Nouvelle personne : effacer toutes les réponses enregistrées ?",
        "en": "New person: erase all the saved answers?",
    },
    "confirm_replace": {
        "fr": "Vos réponses en cours ({n}) seront effacées. Les effacer et recommencer ?",
        "en": "Your current answers ({n}) will be erased. Erase them and start again?",
    },
    "yes_quit": {"fr": "Oui, quitter", "en": "Yes, quit"},
    "no_stay": {"fr": "Non, rester", "en": "No, stay"},
    "yes_erase": {"fr": "Oui, effacer", "en": "Yes, erase"},
    "no_keep": {"fr": "Non, garder", "en": "No, keep"},
    "internal_error": {
        "fr": "parcours : erreur interne ({name}) ; les réponses sont enregistrées, relancez "
        "parcours pour reprendre",
        "en": "parcours: internal error ({name}); the answers are saved, start parcours again "
        "to resume",
    },
    "session_corrupt": {
        "fr": "Un fichier de reprise était illisible ({why}) ; il a été mis de côté : {path}",
        "en": "A resume file could not be read ({why}); it was moved aside: {path}",
    },
    "session_problem": {
        "fr": "Reprise impossible : {why}",
        "en": "Cannot resume: {why}",
    },
    "save_problem": {
        "fr": "Les réponses ne sont pas enregistrées : {why}",
        "en": "Answers are not being saved: {why}",
    },
    "dropped": {
        "fr": "Réponses retirées car elles ne s'appliquent plus : {labels}",
        "en": "Answers removed because they no longer apply: {labels}",
    },
    "stale_answer": {
        "fr": "Une réponse enregistrée n'est plus valable et a été retirée : {q}",
        "en": "A saved answer is no longer valid and was removed: {q}",
    },
}


def t(key: str, lang: str, **values: object) -> str:
    """The interface string ``key`` in ``lang`` (French when missing), formatted with values."""
    entry = UI[key]
    text = entry.get(lang) or entry["fr"]
    return text.format(**values) if values else text


# Footer words: bindings are declared in French; other languages get a subclass whose BINDINGS
# say the same keys in that language.
BINDING_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "Retour": "Back",
        "Aide": "Help",
        "Réponses": "Answers",
        "Quitter": "Quit",
        "Nouvelle personne": "New person",
        "Oublier": "Forget me",
        "Cocher": "Tick",
        "Échap": "Esc",
        "Défiler": "Scroll",
        "Page suiv.": "PgDn",
        "Page préc.": "PgUp",
        "Exporter": "Export",
        "Résumé": "Summary",
        "Fermer": "Close",
        "English": "Français",  # F4 names the language it switches to
    }
}

N = TypeVar("N", bound="type[DOMNode]")


@cache
def in_lang(node_class: N, lang: str) -> N:
    """``node_class`` with its footer words in ``lang``: a subclass declaring translated
    ``BINDINGS`` for the same keys (Textual merges a subclass's bindings over its parent's)."""
    words = BINDING_WORDS.get(lang)
    if not words:
        return node_class  # French: the bindings as declared
    translated = [
        replace(
            b,
            description=words.get(b.description, b.description),
            key_display=words.get(b.key_display or "", b.key_display),
        )
        for b in node_class.BINDINGS
        if isinstance(b, Binding)
    ]
    namespace = {"BINDINGS": translated, "__module__": node_class.__module__}
    return cast(N, type(node_class.__name__, (node_class,), namespace))
