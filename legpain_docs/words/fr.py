"""The French catalogue: every fixed word the outputs print in French."""

from .catalogue import Words
from .forms import Forms

FRENCH = Words(
    language="fr",
    name="French",
    locale="fr",
    # CLDR's fr: long date "d MMMM y", decimal ",", plural "one" for 0, 1
    forms=Forms(
        "fr",
        (
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ),
        "{day} {month} {year}",
        ",",
        frozenset({0, 1}),
    ),
    disclaimer="Ce document ne remplace pas l’avis de votre médecin ou d’un autre professionnel de santé.",
    reviewed="Révisé le {date}",
    next_review="Prochaine révision\u00a0: {date}",
    source="Source\u00a0: {source}",
    handout_subject="Document d’information pour les patients",
    page="Page {page} sur {total}",
    notes="Notes",  # the same word in French
    continued="{title} (suite)",
    qr_label="Scannez le code pour lire la source en ligne",
    deck_description="Cartes mémoire tirées de «\u00a0{title}\u00a0», révisé le {date}.",
    reviewed_short="révisé le {date}",
    term_prompt="Quel est ce terme\u00a0?",
    definition_prompt="Que dit l’article à ce sujet\u00a0?",
    list_prompt="Quel élément vient ensuite dans la liste\u00a0?",
    retired="Carte retirée",
    changes_new="Nouveau\u00a0: {term}",
    changes_reworded="Reformulé\u00a0: {term}",
    changes_retired="Retiré\u00a0: {term}",
    changes_latest="Ce qui a changé",
    cards_subject="Cartes mémoire à imprimer en recto verso\u00a0: le terme au recto, la définition au verso",
    cards_title="{title} — Cartes mémoire",
    cards_none=(
        "Aucun élément de «\u00a0{title}\u00a0» n’a encore de définition, il n’y a donc aucune carte à "
        "imprimer\u00a0: chaque élément doté d’une <b>définition</b> devient une carte."
    ),
    guide_bookmark="Comment imprimer",
    guide_title="Comment imprimer ces cartes mémoire",
    guide_summary=(
        "{cards} sur {sheets} de papier {paper}, {per_sheet} par feuille, chacune de {size}\u00a0: le "
        "terme au recto, sa définition au verso et le numéro de la carte des deux côtés."
    ),
    papers={"letter": "Lettre US", "a4": "A4"},
    card_size="{width_mm}\u00a0×\u00a0{height_mm}\u00a0mm",
    guide_steps=(
        "<b>Imprimez à 100\u00a0%.</b> Dans la fenêtre d’impression, choisissez «\u00a0Taille réelle\u00a0» ou "
        "une échelle de 100\u00a0%, jamais «\u00a0Ajuster à la page\u00a0» ni «\u00a0Réduire les pages trop "
        "grandes\u00a0»\u00a0: toute mise à l’échelle décale les versos par rapport aux rectos.",
        "<b>Imprimez en recto verso, retournement sur le {edge}</b> ({edge_name}). Imprimez toutes les "
        "pages\u00a0: le verso de cette feuille est laissé blanc pour que le verso de chaque carte tombe derrière "
        "son recto. Ou, pour économiser cette feuille, imprimez seulement les pages {first} à {last}.",
        "<b>Vérifiez la première feuille</b> à contre-jour\u00a0: le verso de chaque carte, numéro compris, "
        "doit apparaître à l’intérieur du contour de la même carte au recto.",
        "<b>Si votre imprimante décale les deux faces,</b> imprimez les rectos seuls ({fronts}), retournez "
        "la pile imprimée sur son {edge} et remettez-la dans le bac à papier, puis imprimez les versos "
        "({backs}). Essayez d’abord avec une seule feuille\u00a0: d’une imprimante à l’autre, la pile se remet "
        "dans un sens différent.",
        "<b>Découpez le long des traits de coupe</b> du recto. Les cartes se touchent\u00a0: une seule coupe "
        "droite entre deux repères sépare deux rangées ou deux colonnes à la fois\u00a0; un massicot va plus "
        "vite. Les repères sont hors des cartes et n’y laissent aucune trace.",
    ),
    guide_made_from="Réalisé à partir de «\u00a0{title}\u00a0», révisé le {date}",
    guide_source="\u00a0; source\u00a0: {source}",
    blank_back=(
        "Cette page est laissée blanche exprès\u00a0: elle garde le verso de chaque carte derrière son "
        "recto quand tout le fichier est imprimé en recto verso."
    ),
    sheet_fronts="Cartes {first} à {last}\u00a0: rectos",
    sheet_backs="Cartes {first} à {last}\u00a0: versos",
    card_number="Carte {number}",
    card=("{n} carte", "{n} cartes"),
    sheet=("{n} feuille", "{n} feuilles"),
    edges={
        "long": ("bord long", "«\u00a0Retourner sur le bord long\u00a0» ou «\u00a0Reliure bord long\u00a0»"),
        "short": ("bord court", "«\u00a0Retourner sur le bord court\u00a0» ou «\u00a0Reliure bord court\u00a0»"),
    },
    one_page="la page {page}",
    some_pages="les pages {pages} et {last}",
    every_other_page={"odd": "les pages impaires de {first} à {last}", "even": "les pages paires de {first} à {last}"},
    summary="En résumé",
    questions="Des questions\u00a0? Appelez le {phone}.",
    questions_online="Des questions\u00a0? Appelez le {phone} ou consultez {website}.",
    contents="Sommaire",
    epub_accessibility=(
        "Un livre recomposable fait uniquement de texte\u00a0: les titres, les listes et un sommaire "
        "en donnent la structure, le texte suit l’ordre de lecture et la police, la taille et les "
        "couleurs choisies par le lecteur s’appliquent. Il satisfait aux WCAG 2.2 au niveau AA."
    ),
    epub_accessibility_pictures=(
        "Un livre recomposable de texte et d’images\u00a0: chaque image a une "
        "alternative textuelle, si bien que le texte seul donne tout\u00a0; les titres, les "
        "listes et un sommaire en donnent la structure, le texte suit l’ordre de lecture, et "
        "la police, la taille et les couleurs choisies par le lecteur s’appliquent. Il "
        "satisfait aux WCAG 2.2 au niveau AA."
    ),
    braille_item="{term}\u00a0: {definition}",
    braille_picture="Image\u00a0: {alt}",
    braille_caption="Légende\u00a0: {caption}",
    braille_credit="Crédit\u00a0: {credit}",
    braille_code="braille français abrégé",
    braille_pages=("{n} page braille", "{n} pages braille"),
    braille_guide_title="Comment embosser l’édition braille de «\u00a0{title}\u00a0»",
    braille_guide_summary=(
        "{file} contient {pages} de {cells} cellules sur {lines} lignes, en {code}, prête "
        "à embosser\u00a0: le titre, tout l’article, l’avertissement et la date de révision."
    ),
    braille_guide_steps=(
        "1. Envoyez le fichier à l’embosseuse comme braille mis en forme (BRF, braille ASCII nord-américain), "
        "en désactivant la transcription braille du logiciel de l’embosseuse\u00a0: le fichier est déjà en braille.",
        "2. Réglez la page sur {cells} cellules par ligne et {lines} lignes par page. Chaque page se termine par "
        "un saut de page, et sa dernière ligne ne porte que le numéro de page braille, à droite.",
        "3. Embossez sur du papier braille, en recto seul ou en recto verso (interpoint), selon la préférence "
        "du lecteur.",
        "4. Vérifiez la première page\u00a0: le titre est centré sur sa première ligne et le numéro 1 se trouve à "
        "droite de sa dernière ligne. Si des lignes débordent ou si les pages s’arrêtent trop tôt, le nombre de "
        "cellules ou de lignes par page est mal réglé.",
        "5. N’imprimez pas le fichier sur une imprimante à encre\u00a0: ses lettres sont des codes braille, pas du texte.",
    ),
)
