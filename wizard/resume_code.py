"""Resume codes: two common French words and two digits, e.g. ``pomme-lune-42``.

A code is read aloud and typed at a desk or over a slow SSH link, so it is made of short, common
words without accents (256 of them, chosen to be unambiguous when spoken) and two digits:
256 x 256 x 100 = 6,553,600 codes (about 22.6 bits). That is too few to resist unlimited guessing,
so the session store limits wrong attempts per account (see ``wizard.session``: at most
``MAX_FAILURES`` wrong codes per ``FAILURE_WINDOW``, shared by every connection of the account).
Sessions only keep a salted hash of their code, never the code itself.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata

WORDS: tuple[str, ...] = tuple(
    (
        "abeille abricot acier agneau agrume aigle algue ananas ancre animal arbre argent "
        "asperge atelier automne avion avocat balcon baleine balle bambou banane banc barque "
        "bateau bazar berger beurre biche bijou bison blouse bocal bois bonbon bonnet bougie "
        "bouleau bouton brebis brioche bulle cabane cabri cacao cactus cadeau cahier caillou "
        "camion canard canari canne canot carafe carotte carte castor cerf cerise chaise "
        "chalet chameau chapeau chat cheval chevre chien chouette citron clown cobra cocotte "
        "coffre colline comete coq corbeau corde cornet coton coude couleur crabe crayon cube "
        "cuivre dauphin dinde domino dragon drap echelle ecorce epi epinard escargot etoile "
        "fable falaise farine faucon fenetre fermier feuille figue flamme fleur flute foret "
        "fourmi fraise fromage fusee gateau gazelle girafe glace gomme gorille goutte grenier "
        "grillon grotte guitare hamac hermine hibou homard horloge ile jaguar jardin jasmin "
        "journal jupe kayak koala lac lama lampe lapin lavande legume lezard lilas lion livre "
        "loup lune lutin macaron maison mangue manteau marmotte melon menthe merle miel "
        "miroir mouche mouette moulin mouton muguet musique navet neige noisette noix nuage "
        "olive orage orange ortie otarie ours outil paille palmier panda panier papier "
        "papillon pastel pays pelle perle perroquet phare piano pigeon pinceau pingouin "
        "pirate plage plume poire poivre pomme poney port potager poule prairie prune puits "
        "puzzle radis raisin rateau renard requin riviere robot rocher rose ruban ruche sable "
        "sac salade sapin sardine savon sel singe sirop soleil sorbet souris stylo sucre "
        "tableau tambour tapis tasse taupe tigre tomate tortue train trefle tresor tulipe "
        "tunnel valise vanille vase velo violon volcan wagon yaourt zebre "
    ).split()
)
DIGITS = 100
_WORD_SET = frozenset(WORDS)


def new_code() -> str:
    """A fresh random code: ``word-word-NN``."""
    first, second = secrets.choice(WORDS), secrets.choice(WORDS)
    return f"{first}-{second}-{secrets.randbelow(DIGITS):02d}"


def normalize(text: str) -> str:
    """What a typed code is compared as: lower-case letters and digits only, accents removed, so
    ``Pomme Lune 42``, ``pomme-lune-42`` and ``pommé.lune42`` are the same code."""
    folded = unicodedata.normalize("NFKD", text[:200]).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def canonical(text: str) -> str | None:
    """The code as shown (``word-word-NN``) for a typed code, or None if it is not one."""
    folded = normalize(text)
    letters, digits = folded[:-2], folded[-2:]
    if not digits.isdigit() or len(digits) != 2:
        return None
    for first in WORDS:
        if letters.startswith(first) and letters[len(first) :] in _WORD_SET:
            return f"{first}-{letters[len(first) :]}-{digits}"
    return None


def looks_like_code(text: str) -> bool:
    """Whether ``text`` has the shape of a code (letters then two digits): anything else is
    refused without counting as an attempt."""
    return re.fullmatch(r"[a-z]{4,}[0-9]{2}", normalize(text)) is not None


def code_hash(code: str, salt: str) -> str:
    """The salted hash a session stores instead of its code."""
    return hashlib.sha256(f"{salt}:{normalize(code)}".encode()).hexdigest()


def matches(code: str, salt: str, stored: str) -> bool:
    return hmac.compare_digest(code_hash(code, salt), stored)
