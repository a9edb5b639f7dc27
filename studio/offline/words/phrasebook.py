"""The offline writer's own phrases in the five other languages it writes: Spanish, French, German,
Italian and Portuguese.

The copy of a brief in one of these languages is the brief's own sentences (its grammar, its facts
verbatim) joined by these few phrases: a hook per framework, the line that names the product, the line
that says who it is for, the call to action built on an address, and a close. Every phrase is a whole
sentence that agrees with anything put in it: a name is never given an article or a gender here
('Descubre {name}.', 'Entdecke {name}.'), so no template seam shows. English is `frameworks.py` and the
director's; a language not listed here keeps English phrases around the brief's verbatim facts, and the
page says so.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Phrases:
    """One language's phrases; {name}, {product}, {brand}, {audience} and {address} are filled in."""

    hooks: dict[str, tuple[str, ...]]
    """Per framework, opening lines that need nothing from the brief (FAB's may name the product)."""
    meet: str
    """The line that names the product ('Descubre {name}.')."""
    product_by: str
    """A named product and its maker ('{product}, de {brand}.')."""
    made_for: str
    visit: str
    call: str
    follow: str
    close: str
    """A closing line when the brief gives no call to action and no address."""


PHRASEBOOK: dict[str, Phrases] = {
    "es": Phrases(
        hooks={
            "AIDA": ("Esto te va a gustar.", "Mira esto.", "Presta atención un momento."),
            "PAS": ("¿Te suena?", "Todos hemos pasado por ahí.", "¿Y si hubiera una forma mejor?"),
            "FAB": ("Así es {name}.", "Mira lo que trae {name}."),
        },
        meet="Descubre {name}.",
        product_by="{product}, de {brand}.",
        made_for="Pensado para {audience}.",
        visit="Más información en {address}.",
        call="Llama al {address}.",
        follow="Síguenos en {address}.",
        close="No te lo pierdas.",
    ),
    "fr": Phrases(
        hooks={
            "AIDA": ("Regardez bien.", "Ça va vous plaire.", "Un instant, regardez ça."),
            "PAS": ("Ça vous parle ?", "On est tous passés par là.", "Et s'il existait mieux ?"),
            "FAB": ("Voici {name}.", "Tout ce qu'il faut savoir sur {name}."),
        },
        meet="Découvrez {name}.",
        product_by="{product}, par {brand}.",
        made_for="Pensé pour {audience}.",
        visit="Rendez-vous sur {address}.",
        call="Appelez le {address}.",
        follow="Suivez-nous sur {address}.",
        close="À ne pas manquer.",
    ),
    "de": Phrases(
        hooks={
            "AIDA": ("Schau genau hin.", "Das wird dir gefallen.", "Einen Moment, bitte."),
            "PAS": ("Kennst du das?", "Das kennen wir alle.", "Was wäre, wenn es besser ginge?"),
            "FAB": ("Das ist {name}.", "Alles Wichtige über {name}."),
        },
        meet="Entdecke {name}.",
        product_by="{product} von {brand}.",
        made_for="Gemacht für {audience}.",
        visit="Mehr unter {address}.",
        call="Ruf an: {address}.",
        follow="Folge uns auf {address}.",
        close="Nicht verpassen.",
    ),
    "it": Phrases(
        hooks={
            "AIDA": ("Guarda bene.", "Questo ti piacerà.", "Un attimo di attenzione."),
            "PAS": ("Ti suona familiare?", "Ci siamo passati tutti.", "E se ci fosse un modo migliore?"),
            "FAB": ("Ecco {name}.", "Tutto quello che devi sapere su {name}."),
        },
        meet="Scopri {name}.",
        product_by="{product}, di {brand}.",
        made_for="Pensato per {audience}.",
        visit="Scopri di più su {address}.",
        call="Chiama il {address}.",
        follow="Seguici su {address}.",
        close="Da non perdere.",
    ),
    "pt": Phrases(
        hooks={
            "AIDA": ("Olhe com atenção.", "Você vai gostar disto.", "Um momento de atenção."),
            "PAS": ("Isto soa familiar?", "Já passou por isto?", "E se houvesse uma maneira melhor?"),
            "FAB": ("Apresentamos {name}.", "Tudo sobre {name}."),
        },
        meet="Conheça {name}.",
        product_by="{product}, de {brand}.",
        made_for="Pensado para {audience}.",
        visit="Saiba mais em {address}.",
        call="Ligue para {address}.",
        follow="Siga-nos em {address}.",
        close="Não perca.",
    ),
}
"""The languages the offline writer writes besides English, by their two-letter code."""


def phrases_for(language: str) -> Phrases | None:
    """The phrasebook of a language the offline writer writes in (not English), else None."""
    return PHRASEBOOK.get((language or "").lower().split("-")[0])


__all__ = ["PHRASEBOOK", "Phrases", "phrases_for"]
