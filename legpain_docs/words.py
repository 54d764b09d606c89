"""Every fixed word the outputs print, in one catalogue per language; no PDF or Anki code here.

A renderer never spells a phrase itself: it asks `words_for(article.language)` and fills the
phrase's {placeholders} with `str.format`. So the handout, the cards, the deck and the web
handout say the same thing in the same words, and a translation is one catalogue.
Only editorial text lives here (labels, prompts, the disclaimer, printing instructions):
never a medical statement, which only the article's source may make.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .model import Article


@dataclass(frozen=True)
class Words:
    """One language's fixed phrases. `{name}` placeholders are filled by the renderer."""

    language: str  # the primary language subtag: "en"
    name: str  # the language's name in English, for error messages: "English"
    locale: str  # the CLDR locale of dates and plurals; a tag's region refines it ("es-MX" -> "es_MX")
    # Shared by every output
    disclaimer: str
    reviewed: str  # "Reviewed: {date}"
    source: str  # "Source: {source}"
    # The handout
    handout_subject: str
    page: str  # "Page {page} of {total}"
    notes: str
    continued: str  # "{title} (continued)", atop a page that begins inside a section
    qr_label: str  # beside the QR code, for whoever cannot scan it
    # The Anki deck
    deck_description: str  # "{title}", "{date}"
    reviewed_short: str  # "reviewed {date}", after the title on a card
    term_prompt: str
    list_prompt: str
    retired: str  # before the section's name on a retired card (its item left the article or the deck)
    # The printable cards and their printing guide
    cards_subject: str
    cards_title: str  # "{title} — Flashcards"
    cards_none: str  # markup; "{title}"
    guide_bookmark: str
    guide_title: str
    guide_summary: str  # markup; "{cards}", "{sheets}", "{paper}", "{per_sheet}", "{size}"
    papers: dict[str, str]  # paper -> its name, as the print dialog and the shop call it
    card_size: str  # "{width_in} × {height_in} in ({width_mm} × {height_mm} mm)"; inches only where they are used
    guide_steps: tuple[str, ...]  # markup; "{edge}", "{edge_name}", "{first}", "{last}", "{fronts}", "{backs}"
    guide_made_from: str  # "{title}", "{date}"
    guide_source: str  # "; source: {source}"
    blank_back: str
    sheet_fronts: str  # "Cards {first}–{last}: fronts"
    sheet_backs: str
    card: tuple[str, str]  # singular, plural: "{n} card", "{n} cards"
    sheet: tuple[str, str]
    edges: dict[str, tuple[str, str]]  # flip -> (the edge, as the print dialog names it)
    one_page: str  # "page {page}"
    some_pages: str  # "pages {pages} and {last}"
    every_other_page: dict[str, str]  # parity -> "odd pages {first} to {last}"
    # The web handout
    summary: str  # the heading over the article's closing text
    questions: str  # "Questions? Call {phone}."
    questions_online: str  # "Questions? Call {phone} or visit {website}."

    def count(self, number: int, noun: tuple[str, str]) -> str:
        """"{n} card" or "{n} cards", by the language's own plural rule (French: 0 and 1 are singular)."""
        from babel import Locale  # only the printable cards count things; `check` never pays for Babel

        singular = Locale.parse(self.locale).plural_form(number) == "one"
        return (noun[0] if singular else noun[1]).format(n=number)

    def number(self, value: float) -> str:
        """A measure with at most one decimal, as the language writes it ("88.9", "88,9")."""
        from babel.numbers import format_decimal

        return format_decimal(value, format="0.#", locale=self.locale)

    def format_date(self, day: dt.date) -> str:
        """A date as this language writes it (CLDR's long form, by Babel); never strftime, whose words
        follow the machine's locale."""
        from babel.dates import format_date

        return format_date(day, format="long", locale=self.locale)


def attribution(article: Article) -> str | None:
    """The article's source as one line ("name, url"), or None when it names none."""
    if article.source is None:
        return None
    return ", ".join(part for part in (article.source.name, article.source.url) if part) or None


ENGLISH = Words(
    language="en",
    name="English",
    # British English's long date, "23 November 2026": what the handout has always printed, and
    # unambiguous. An article tagged en-US gets "November 23, 2026".
    locale="en_GB",
    disclaimer="This handout does not replace advice from your doctor or other clinician.",
    reviewed="Reviewed: {date}",
    source="Source: {source}",
    handout_subject="Patient handout",
    page="Page {page} of {total}",
    notes="Notes",
    continued="{title} (continued)",
    qr_label="Scan to read the source online",
    deck_description="Flashcards from “{title}”, reviewed {date}.",
    reviewed_short="reviewed {date}",
    term_prompt="Which term is this?",
    list_prompt="Which item of the list is missing?",
    retired="Retired card",
    cards_subject="Printable double-sided flashcards: the term on the front, the definition on the back",
    cards_title="{title} — Flashcards",
    cards_none=("No item of “{title}” has a definition yet, so there are no cards to print: "
                "an item with a <b>definition</b> becomes a card."),
    guide_bookmark="How to print",
    guide_title="How to print these flashcards",
    guide_summary=("{cards} on {sheets} of {paper} paper, {per_sheet} to a sheet, each {size}: the term on the "
                   "front, its definition on the back, and the card's number on both sides."),
    papers={"letter": "Letter", "a4": "A4"},
    card_size="{width_in} × {height_in} in ({width_mm} × {height_mm} mm)",
    guide_steps=(
        "<b>1. Print at 100%.</b> In the print dialog choose “Actual size” or a scale of 100%, never "
        "“Fit to page” or “Shrink oversized pages”: any scaling moves the backs off their fronts.",
        "<b>2. Print double-sided, flipping on the {edge}</b> ({edge_name}). Print every page: this "
        "sheet's back is left blank so that each card's back lands behind its front. Or print pages "
        "{first}–{last} alone to save this sheet.",
        "<b>3. Check the first sheet</b> against a light: each card's back, number and all, should show "
        "through inside the same card's outline on the front.",
        "<b>4. If your printer misaligns the two sides,</b> print the fronts alone ({fronts}), turn the "
        "printed stack over along its {edge} and put it back in the paper tray, then print the backs "
        "({backs}). Try one sheet first: printers differ in which way up the stack goes back in.",
        "<b>5. Cut along the cut marks</b> on the fronts. The cards touch, so one straight cut along a pair "
        "of marks separates two rows or columns at once; a paper trimmer is quickest. The marks lie "
        "outside the cards and leave no trace on them.",
    ),
    guide_made_from="Made from “{title}”, reviewed {date}",
    guide_source="; source: {source}",
    blank_back=("This side is blank on purpose: it keeps each card's back behind its front when the whole "
                "file is printed double-sided."),
    sheet_fronts="Cards {first}–{last}: fronts",
    sheet_backs="Cards {first}–{last}: backs",
    card=("{n} card", "{n} cards"),
    sheet=("{n} sheet", "{n} sheets"),
    edges={"long": ("long edge", "“Flip on long edge” or “Long-edge binding”"),
           "short": ("short edge", "“Flip on short edge” or “Short-edge binding”")},
    one_page="page {page}",
    some_pages="pages {pages} and {last}",
    every_other_page={"odd": "odd pages {first} to {last}", "even": "even pages {first} to {last}"},
    summary="Summary",
    questions="Questions? Call {phone}.",
    questions_online="Questions? Call {phone} or visit {website}.",
)


SPANISH = Words(
    language="es",
    name="Spanish",
    locale="es",
    disclaimer="Este folleto no sustituye el consejo de su médico u otro profesional de la salud.",
    reviewed="Revisado el {date}",
    source="Fuente: {source}",
    handout_subject="Folleto para pacientes",
    page="Página {page} de {total}",
    notes="Notas",
    continued="{title} (continuación)",
    qr_label="Escanee el código para leer la fuente en internet",
    deck_description="Tarjetas de estudio del artículo «{title}», revisado el {date}.",
    reviewed_short="revisado el {date}",
    term_prompt="¿Qué término es este?",
    list_prompt="¿Qué elemento falta en la lista?",
    retired="Tarjeta retirada",
    cards_subject="Tarjetas de estudio para imprimir a doble cara: el término en el anverso, la definición en el reverso",
    cards_title="{title} — Tarjetas de estudio",
    cards_none=("Ningún elemento de «{title}» tiene todavía una definición, así que no hay tarjetas que imprimir: "
                "cada elemento con una <b>definición</b> se convierte en una tarjeta."),
    guide_bookmark="Cómo imprimir",
    guide_title="Cómo imprimir estas tarjetas",
    guide_summary=("{cards} en {sheets} de papel {paper}, {per_sheet} por hoja, cada una de {size}: el término en "
                   "el anverso, su definición en el reverso y el número de la tarjeta en ambas caras."),
    papers={"letter": "tamaño carta", "a4": "A4"},
    card_size="{width_mm} × {height_mm} mm",
    guide_steps=(
        "<b>1. Imprima al 100 %.</b> En el cuadro de diálogo de impresión elija «Tamaño real» o una escala del "
        "100 %, nunca «Ajustar a la página» ni «Reducir páginas grandes»: cualquier cambio de escala separa los "
        "reversos de sus anversos.",
        "<b>2. Imprima a doble cara, girando por el {edge}</b> ({edge_name}). Imprima todas las páginas: el "
        "reverso de esta hoja queda en blanco para que el reverso de cada tarjeta caiga detrás de su anverso. "
        "O, para ahorrar esta hoja, imprima solo las páginas {first}–{last}.",
        "<b>3. Revise la primera hoja</b> a contraluz: el reverso de cada tarjeta, con su número, debe verse "
        "dentro del contorno de la misma tarjeta en el anverso.",
        "<b>4. Si su impresora no alinea las dos caras,</b> imprima solo los anversos ({fronts}), dé la vuelta "
        "a la pila impresa por su {edge}, vuelva a ponerla en la bandeja del papel y después imprima los "
        "reversos ({backs}). Pruebe antes con una sola hoja: cada impresora pide la pila en una posición distinta.",
        "<b>5. Corte por las marcas de corte</b> del anverso. Las tarjetas están juntas, así que un solo corte "
        "recto entre dos marcas separa dos filas o dos columnas a la vez; con una guillotina se tarda menos. "
        "Las marcas quedan fuera de las tarjetas y no dejan huella en ellas.",
    ),
    guide_made_from="Hecho a partir de «{title}», revisado el {date}",
    guide_source="; fuente: {source}",
    blank_back=("Esta cara está en blanco a propósito: así el reverso de cada tarjeta queda detrás de su anverso "
                "cuando se imprime todo el archivo a doble cara."),
    sheet_fronts="Tarjetas {first}–{last}: anversos",
    sheet_backs="Tarjetas {first}–{last}: reversos",
    card=("{n} tarjeta", "{n} tarjetas"),
    sheet=("{n} hoja", "{n} hojas"),
    edges={"long": ("borde largo", "«Girar por el borde largo» o «Encuadernación por el borde largo»"),
           "short": ("borde corto", "«Girar por el borde corto» o «Encuadernación por el borde corto»")},
    one_page="la página {page}",
    some_pages="las páginas {pages} y {last}",
    every_other_page={"odd": "las páginas impares de la {first} a la {last}",
                      "even": "las páginas pares de la {first} a la {last}"},
    summary="Resumen",
    questions="¿Tiene preguntas? Llame al {phone}.",
    questions_online="¿Tiene preguntas? Llame al {phone} o visite {website}.",
)

# French typography puts a no-break space (U+00A0) inside « » and before : ; ? !
FRENCH = Words(
    language="fr",
    name="French",
    locale="fr",
    disclaimer="Ce document ne remplace pas l’avis de votre médecin ou d’un autre professionnel de santé.",
    reviewed="Révisé le {date}",
    source="Source\u00a0: {source}",
    handout_subject="Document d’information pour les patients",
    page="Page {page} sur {total}",
    notes="Notes",  # the same word in French
    continued="{title} (suite)",
    qr_label="Scannez le code pour lire la source en ligne",
    deck_description="Cartes mémoire tirées de «\u00a0{title}\u00a0», révisé le {date}.",
    reviewed_short="révisé le {date}",
    term_prompt="Quel est ce terme\u00a0?",
    list_prompt="Quel élément manque dans la liste\u00a0?",
    retired="Carte retirée",
    cards_subject="Cartes mémoire à imprimer en recto verso\u00a0: le terme au recto, la définition au verso",
    cards_title="{title} — Cartes mémoire",
    cards_none=("Aucun élément de «\u00a0{title}\u00a0» n’a encore de définition, il n’y a donc aucune carte à "
                "imprimer\u00a0: chaque élément doté d’une <b>définition</b> devient une carte."),
    guide_bookmark="Comment imprimer",
    guide_title="Comment imprimer ces cartes mémoire",
    guide_summary=("{cards} sur {sheets} de papier {paper}, {per_sheet} par feuille, chacune de {size}\u00a0: le "
                   "terme au recto, sa définition au verso et le numéro de la carte des deux côtés."),
    papers={"letter": "Lettre US", "a4": "A4"},
    card_size="{width_mm}\u00a0×\u00a0{height_mm}\u00a0mm",
    guide_steps=(
        "<b>1. Imprimez à 100\u00a0%.</b> Dans la fenêtre d’impression, choisissez «\u00a0Taille réelle\u00a0» ou "
        "une échelle de 100\u00a0%, jamais «\u00a0Ajuster à la page\u00a0» ni «\u00a0Réduire les pages trop "
        "grandes\u00a0»\u00a0: toute mise à l’échelle décale les versos par rapport aux rectos.",
        "<b>2. Imprimez en recto verso, retournement sur le {edge}</b> ({edge_name}). Imprimez toutes les "
        "pages\u00a0: le verso de cette feuille est laissé blanc pour que le verso de chaque carte tombe derrière "
        "son recto. Ou, pour économiser cette feuille, imprimez seulement les pages {first} à {last}.",
        "<b>3. Vérifiez la première feuille</b> à contre-jour\u00a0: le verso de chaque carte, numéro compris, "
        "doit apparaître à l’intérieur du contour de la même carte au recto.",
        "<b>4. Si votre imprimante décale les deux faces,</b> imprimez les rectos seuls ({fronts}), retournez "
        "la pile imprimée sur son {edge} et remettez-la dans le bac à papier, puis imprimez les versos "
        "({backs}). Essayez d’abord avec une seule feuille\u00a0: d’une imprimante à l’autre, la pile se remet "
        "dans un sens différent.",
        "<b>5. Découpez le long des traits de coupe</b> du recto. Les cartes se touchent\u00a0: une seule coupe "
        "droite entre deux repères sépare deux rangées ou deux colonnes à la fois\u00a0; un massicot va plus "
        "vite. Les repères sont hors des cartes et n’y laissent aucune trace.",
    ),
    guide_made_from="Réalisé à partir de «\u00a0{title}\u00a0», révisé le {date}",
    guide_source="\u00a0; source\u00a0: {source}",
    blank_back=("Cette page est laissée blanche exprès\u00a0: elle garde le verso de chaque carte derrière son "
                "recto quand tout le fichier est imprimé en recto verso."),
    sheet_fronts="Cartes {first} à {last}\u00a0: rectos",
    sheet_backs="Cartes {first} à {last}\u00a0: versos",
    card=("{n} carte", "{n} cartes"),
    sheet=("{n} feuille", "{n} feuilles"),
    edges={"long": ("bord long", "«\u00a0Retourner sur le bord long\u00a0» ou «\u00a0Reliure bord long\u00a0»"),
           "short": ("bord court", "«\u00a0Retourner sur le bord court\u00a0» ou «\u00a0Reliure bord court\u00a0»")},
    one_page="la page {page}",
    some_pages="les pages {pages} et {last}",
    every_other_page={"odd": "les pages impaires de {first} à {last}", "even": "les pages paires de {first} à {last}"},
    summary="En résumé",
    questions="Des questions\u00a0? Appelez le {phone}.",
    questions_online="Des questions\u00a0? Appelez le {phone} ou consultez {website}.",
)

CATALOGUES = {words.language: words for words in (ENGLISH, SPANISH, FRENCH)}
LANGUAGES = tuple(CATALOGUES)  # the primary language subtags an article may be written in


def primary_language(tag: str) -> str:
    """A BCP 47 tag's primary language subtag: "es-MX" -> "es"."""
    return tag.split("-")[0].lower()


def words_for(tag: str) -> Words:
    """The catalogue of a BCP 47 tag's primary language; a region, when the tag has one, sets the
    dates' and plurals' locale ("en-US" -> "November 23, 2026")."""
    words = CATALOGUES[primary_language(tag)]
    parts = tag.replace("_", "-").split("-")
    region = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    if region is None:
        return words
    from babel import Locale, UnknownLocaleError

    locale = f"{words.language}_{region.upper()}"
    try:
        Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        return words  # a region CLDR does not know keeps the language's own forms
    return replace(words, locale=locale)
