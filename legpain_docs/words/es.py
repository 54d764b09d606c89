"""The Spanish catalogue: every fixed word the outputs print in Spanish."""

from .catalogue import Words
from .forms import Forms

SPANISH = Words(
    language="es",
    name="Spanish",
    locale="es",
    # CLDR's es: long date "d 'de' MMMM 'de' y", decimal ",", plural "one" for 1
    forms=Forms(
        "es",
        (
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ),
        "{day} de {month} de {year}",
        ",",
        frozenset({1}),
    ),
    disclaimer="Este folleto no sustituye el consejo de su médico u otro profesional de la salud.",
    reviewed="Revisado el {date}",
    next_review="Próxima revisión: {date}",
    source="Fuente: {source}",
    handout_subject="Folleto para pacientes",
    page="Página {page} de {total}",
    notes="Notas",
    continued="{title} (continuación)",
    qr_label="Escanee el código para leer la fuente en internet",
    deck_description="Tarjetas de estudio del artículo «{title}», revisado el {date}.",
    reviewed_short="revisado el {date}",
    term_prompt="¿Qué término es este?",
    definition_prompt="¿Qué dice el artículo sobre esto?",
    list_prompt="¿Qué elemento sigue en la lista?",
    retired="Tarjeta retirada",
    changes_new="Nuevo: {term}",
    changes_reworded="Redacción revisada: {term}",
    changes_retired="Retirado: {term}",
    changes_latest="Qué ha cambiado",
    cards_subject="Tarjetas de estudio para imprimir a doble cara: el término en el anverso, la definición en el reverso",
    cards_title="{title} — Tarjetas de estudio",
    cards_none=(
        "Ningún elemento de «{title}» tiene todavía una definición, así que no hay tarjetas que imprimir: "
        "cada elemento con una <b>definición</b> se convierte en una tarjeta."
    ),
    guide_bookmark="Cómo imprimir",
    guide_title="Cómo imprimir estas tarjetas",
    guide_summary=(
        "{cards} en {sheets} de papel {paper}, {per_sheet} por hoja, cada una de {size}: el término en "
        "el anverso, su definición en el reverso y el número de la tarjeta en ambas caras."
    ),
    papers={"letter": "tamaño carta", "a4": "A4"},
    card_size="{width_mm} × {height_mm} mm",
    guide_steps=(
        "<b>Imprima al 100 %.</b> En el cuadro de diálogo de impresión elija «Tamaño real» o una escala del "
        "100 %, nunca «Ajustar a la página» ni «Reducir páginas grandes»: cualquier cambio de escala separa los "
        "reversos de sus anversos.",
        "<b>Imprima a doble cara, girando por el {edge}</b> ({edge_name}). Imprima todas las páginas: el "
        "reverso de esta hoja queda en blanco para que el reverso de cada tarjeta caiga detrás de su anverso. "
        "O, para ahorrar esta hoja, imprima solo las páginas {first}–{last}.",
        "<b>Revise la primera hoja</b> a contraluz: el reverso de cada tarjeta, con su número, debe verse "
        "dentro del contorno de la misma tarjeta en el anverso.",
        "<b>Si su impresora no alinea las dos caras,</b> imprima solo los anversos ({fronts}), dé la vuelta "
        "a la pila impresa por su {edge}, vuelva a ponerla en la bandeja del papel y después imprima los "
        "reversos ({backs}). Pruebe antes con una sola hoja: cada impresora pide la pila en una posición distinta.",
        "<b>Corte por las marcas de corte</b> del anverso. Las tarjetas están juntas, así que un solo corte "
        "recto entre dos marcas separa dos filas o dos columnas a la vez; con una guillotina se tarda menos. "
        "Las marcas quedan fuera de las tarjetas y no dejan huella en ellas.",
    ),
    guide_made_from="Hecho a partir de «{title}», revisado el {date}",
    guide_source="; fuente: {source}",
    blank_back=(
        "Esta cara está en blanco a propósito: así el reverso de cada tarjeta queda detrás de su anverso "
        "cuando se imprime todo el archivo a doble cara."
    ),
    sheet_fronts="Tarjetas {first}–{last}: anversos",
    sheet_backs="Tarjetas {first}–{last}: reversos",
    card_number="Tarjeta {number}",
    card=("{n} tarjeta", "{n} tarjetas"),
    sheet=("{n} hoja", "{n} hojas"),
    edges={
        "long": ("borde largo", "«Girar por el borde largo» o «Encuadernación por el borde largo»"),
        "short": ("borde corto", "«Girar por el borde corto» o «Encuadernación por el borde corto»"),
    },
    one_page="la página {page}",
    some_pages="las páginas {pages} y {last}",
    every_other_page={
        "odd": "las páginas impares de la {first} a la {last}",
        "even": "las páginas pares de la {first} a la {last}",
    },
    summary="Resumen",
    questions="¿Tiene preguntas? Llame al {phone}.",
    questions_online="¿Tiene preguntas? Llame al {phone} o visite {website}.",
    contents="Índice",
    epub_accessibility=(
        "Un libro adaptable que solo contiene texto: los títulos, las listas y un índice dan su "
        "estructura, el texto sigue el orden de lectura y se aplican la letra, el tamaño y los "
        "colores que elija el lector. Cumple las WCAG 2.2 en el nivel AA."
    ),
    epub_accessibility_pictures=(
        "Un libro adaptable de texto e imágenes: cada imagen tiene una alternativa en "
        "texto, de modo que el texto solo lo da todo; los títulos, las listas y un índice "
        "dan su estructura, el texto sigue el orden de lectura y se aplican la letra, el "
        "tamaño y los colores que elija el lector. Cumple las WCAG 2.2 en el nivel AA."
    ),
    braille_item="{term}: {definition}",
    braille_picture="Imagen: {alt}",
    braille_caption="Pie de imagen: {caption}",
    braille_credit="Crédito: {credit}",
    braille_code="braille español integral (grado 1)",
    braille_pages=("{n} página braille", "{n} páginas braille"),
    braille_guide_title="Cómo imprimir en braille la edición de «{title}»",
    braille_guide_summary=(
        "{file} contiene {pages} de {cells} celdas por {lines} líneas, en {code}, lista "
        "para imprimir: el título, todo el artículo, el aviso y la fecha de revisión."
    ),
    braille_guide_steps=(
        "1. Envíe el archivo a la impresora braille como braille con formato (BRF, braille ASCII "
        "norteamericano), con la transcripción a braille del programa de la impresora desactivada: el "
        "archivo ya está en braille.",
        "2. Configure la página con {cells} celdas por línea y {lines} líneas por página. Cada página termina "
        "con un salto de página, y su última línea lleva solo el número de página braille, a la derecha.",
        "3. Imprima en papel braille, a una cara o a dos (interpunto), según prefiera el lector.",
        "4. Revise la primera página: el título está centrado en su primera línea y el número 1 está a la "
        "derecha de su última línea. Si las líneas se cortan o las páginas terminan antes, las celdas o las "
        "líneas por página no están bien configuradas.",
        "5. No imprima el archivo en una impresora de tinta: sus letras son códigos braille, no texto.",
    ),
)

# French typography puts a no-break space (U+00A0) inside « » and before : ; ? !
