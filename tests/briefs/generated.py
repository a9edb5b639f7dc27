"""Generated briefs: invented brands, products, places, prices, dates, offers, codes, URLs, handles and
hashtags set in five shapes a marketer writes (a launch, a place before the brand, a question before it, a
client's e-mail with a "don't mention" line and a sign-off, a bullet sheet), in the six languages.

A third split beside tuning and held-out, and like held-out it is only reported, never tuned on: the
sentences were written for it, not taken from either corpus, and every name in it is invented from
syllables, so no word list can know it. The facts are known by construction (each value is what was put
in the brief, spelled as there). The same seed gives the same briefs on every run, so the printed table
can be compared from one run to the next. Each brief is an entry in held_out.yaml's format, which
`measure.held_out_case` reads.
"""

from __future__ import annotations

import random
import unicodedata
from typing import Any

from tests.invented import SYLLABLES

SEED = 19
DRAWS = 2
"""Briefs per shape and language."""

_SYLLABLES = (*SYLLABLES, "rud", "sel", "ov", "tam", "ner")

# Per language: launch, place first, question first, client e-mail, bullet sheet. {offer} and {date} are
# the language's own; {brand} and the other names are invented.
TEMPLATES: dict[str, dict[str, str]] = {
    "en": {
        "launch": "{brand} launches the {product} in {place} on {date}. It costs {price}, and you get "
        "{offer} with code {code}. Order at {url}.",
        "place first": "In {place}, where the winters are long, {brand} makes the {product}: {price}, "
        "delivered in two days. {Offer} until {date}. {url}",
        "question first": "Cold feet on the trail? The {product} by {brand} keeps them warm. {price}. Use "
        "code {code} for {offer}. Shop at {url} and follow {handle}.",
        "client email": "Hi team,\nfor the spring spot we want the {product} front and centre: {price}, "
        "{offer} until {date}. Customers call it clever, never {forbidden}. Please don't mention "
        "{forbidden}. Link: {url}\nThanks,\n{person}\n{brand}",
        "bullets": "- Brand: {brand}\n- Product: {product}\n- Price: {price}\n- Offer: {offer}\n"
        "- Where: {place}\n- Launch: {date}\n- Link: {url}\n- Social: {handle} {hashtag}",
    },
    "fr": {
        "launch": "{brand} lance le {product} à {place} le {date}. Il coûte {price}, et vous avez {offer} "
        "avec le code {code}. Commandez sur {url}.",
        "place first": "À {place}, où les hivers sont longs, {brand} fabrique le {product} : {price}, livré "
        "en deux jours. {Offer} jusqu'au {date}. {url}",
        "question first": "Froid aux pieds en randonnée ? Le {product} de {brand} les garde au chaud. "
        "{price}. Avec le code {code}, {offer}. Boutique : {url}, suivez {handle}.",
        "client email": "Bonjour à tous,\npour le spot de printemps, nous voulons le {product} en avant : "
        "{price}, {offer} jusqu'au {date}. Nos clients le trouvent malin, jamais {forbidden}. Merci de ne "
        "pas dire « {forbidden} ». Lien : {url}\nBien à vous,\n{person}\n{brand}",
        "bullets": "- Marque : {brand}\n- Produit : {product}\n- Prix : {price}\n- Offre : {offer}\n"
        "- Où : {place}\n- Lancement : {date}\n- Lien : {url}\n- Réseaux : {handle} {hashtag}",
    },
    "de": {
        "launch": "{brand} bringt den {product} am {date} in {place} heraus. Er kostet {price}, und mit dem "
        "Code {code} gibt es {offer}. Bestellen auf {url}.",
        "place first": "In {place}, wo die Winter lang sind, baut {brand} den {product}: {price}, in zwei "
        "Tagen geliefert. {Offer} bis zum {date}. {url}",
        "question first": "Kalte Füße auf dem Trail? Der {product} von {brand} hält sie warm. {price}. Mit "
        "dem Code {code} gibt es {offer}. Shop: {url}, folgt {handle}.",
        "client email": "Hallo zusammen,\nim Frühjahrsspot soll der {product} im Mittelpunkt stehen: "
        "{price}, {offer} bis zum {date}. Unsere Kunden nennen ihn clever, nie {forbidden}. Bitte nicht "
        "„{forbidden}“ sagen. Link: {url}\nViele Grüße\n{person}\n{brand}",
        "bullets": "- Marke: {brand}\n- Produkt: {product}\n- Preis: {price}\n- Angebot: {offer}\n"
        "- Wo: {place}\n- Start: {date}\n- Link: {url}\n- Social: {handle} {hashtag}",
    },
    "es": {
        "launch": "{brand} lanza el {product} en {place} el {date}. Cuesta {price}, y con el código {code} "
        "tienes {offer}. Pide en {url}.",
        "place first": "En {place}, donde los inviernos son largos, {brand} fabrica el {product}: {price}, "
        "entregado en dos días. {Offer} hasta el {date}. {url}",
        "question first": "¿Pies fríos en la montaña? El {product} de {brand} los mantiene calientes. "
        "{price}. Con el código {code}, {offer}. Tienda: {url}, síguenos en {handle}.",
        "client email": "Hola equipo:\npara el anuncio de primavera queremos el {product} en primer plano: "
        "{price}, {offer} hasta el {date}. Los clientes dicen que es listo, nunca {forbidden}. Por favor, "
        "no digáis «{forbidden}». Enlace: {url}\nUn saludo,\n{person}\n{brand}",
        "bullets": "- Marca: {brand}\n- Producto: {product}\n- Precio: {price}\n- Oferta: {offer}\n"
        "- Dónde: {place}\n- Lanzamiento: {date}\n- Enlace: {url}\n- Redes: {handle} {hashtag}",
    },
    "it": {
        "launch": "{brand} lancia il {product} a {place} il {date}. Costa {price}, e con il codice {code} "
        "hai {offer}. Ordina su {url}.",
        "place first": "A {place}, dove gli inverni sono lunghi, {brand} produce il {product}: {price}, "
        "consegnato in due giorni. {Offer} fino al {date}. {url}",
        "question first": "Piedi freddi sul sentiero? Il {product} di {brand} li tiene al caldo. {price}. "
        "Con il codice {code}, {offer}. Negozio: {url}, seguici su {handle}.",
        "client email": "Ciao a tutti,\nper lo spot di primavera vogliamo il {product} in primo piano: "
        "{price}, {offer} fino al {date}. I clienti lo chiamano furbo, mai {forbidden}. Per favore non "
        "dite «{forbidden}». Link: {url}\nGrazie,\n{person}\n{brand}",
        "bullets": "- Marchio: {brand}\n- Prodotto: {product}\n- Prezzo: {price}\n- Offerta: {offer}\n"
        "- Dove: {place}\n- Lancio: {date}\n- Link: {url}\n- Social: {handle} {hashtag}",
    },
    "pt": {
        "launch": "A {brand} lança o {product} em {place} em {date}. Custa {price}, e com o código {code} "
        "você tem {offer}. Peça em {url}.",
        "place first": "Em {place}, onde os invernos são longos, a {brand} fabrica o {product}: {price}, "
        "entregue em dois dias. {Offer} até {date}. {url}",
        "question first": "Pés frios na trilha? O {product} da {brand} mantém-nos quentes. {price}. Com o "
        "código {code}, {offer}. Loja: {url}, siga {handle}.",
        "client email": "Olá, equipa,\npara o anúncio da primavera queremos o {product} em destaque: "
        "{price}, {offer} até {date}. Os clientes dizem que é esperto, nunca {forbidden}. Por favor, não "
        "digam «{forbidden}». Link: {url}\nObrigado,\n{person}\n{brand}",
        "bullets": "- Marca: {brand}\n- Produto: {product}\n- Preço: {price}\n- Oferta: {offer}\n"
        "- Onde: {place}\n- Lançamento: {date}\n- Link: {url}\n- Redes: {handle} {hashtag}",
    },
}

_DATES = {
    "en": ("12 March", "Friday 3 May", "24 June"),
    "fr": ("12 mars", "3 mai", "24 juin"),
    "de": ("3. Mai", "12. März", "24. Juni"),
    "es": ("5 de junio", "12 de marzo", "3 de mayo"),
    "it": ("7 aprile", "12 marzo", "24 giugno"),
    "pt": ("10 de outubro", "12 de março", "3 de maio"),
}
_PRICES = {
    "en": ("£24.99", "£39", "$49.95"),
    "fr": ("49,90 €", "24 €", "129 €"),
    "de": ("29,95 €", "119 €", "64,50 €"),
    "es": ("19,99 €", "64 €", "89,90 €"),
    "it": ("24,90 €", "89 €", "149 €"),
    "pt": ("34,90 €", "R$ 129,90", "59 €"),
}
_OFFERS = {
    "en": ("20% off your first order", "free delivery over £40", "two for the price of one"),
    "fr": ("-20 % sur la première commande", "livraison offerte dès 40 €", "le deuxième à moitié prix"),
    "de": ("20 % Rabatt auf die erste Bestellung", "versandkostenfrei ab 40 €", "zwei zum Preis von einem"),
    "es": ("20 % de descuento en tu primer pedido", "envío gratis desde 40 €", "dos por el precio de uno"),
    "it": ("sconto del 20% sul primo ordine", "spedizione gratuita da 40 €", "due al prezzo di uno"),
    "pt": ("20% de desconto na primeira compra", "portes grátis acima de 40 €", "leve dois, pague um"),
}
_FORBIDDEN = {"en": "cheap", "fr": "bradé", "de": "billig", "es": "barato", "it": "economico", "pt": "barato"}
_PEOPLE = {
    "en": ("Maria", "Tom"), "fr": ("Claire", "Julien"), "de": ("Anna", "Jonas"),
    "es": ("Lucía", "Pablo"), "it": ("Giulia", "Marco"), "pt": ("Inês", "Tiago"),
}  # fmt: skip
_TLD = {"en": ".com", "fr": ".fr", "de": ".de", "es": ".es", "it": ".it", "pt": ".pt"}

# The facts each shape states, by kind (the measure's FACT_KINDS); the brand is always one of them.
_FACTS = {
    "launch": ("brand", "product", "place", "date", "price", "offer", "code", "url"),
    "place first": ("brand", "product", "place", "price", "offer", "date", "url"),
    "question first": ("brand", "product", "price", "code", "offer", "url", "handle"),
    "client email": ("brand", "product", "price", "offer", "date", "url"),
    "bullets": ("brand", "product", "price", "offer", "place", "date", "url", "handle", "hashtag"),
}


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables)).capitalize()


def _plain(text: str) -> str:
    """Letters and digits only, lower case, accents dropped: a name as a domain or handle spells it."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum())


def _entry(rng: random.Random, lang: str, shape: str, n: int) -> dict[str, Any]:
    brand = _word(rng, rng.choice((2, 3))) if rng.random() < 0.6 else f"{_word(rng, 2)} {_word(rng, 2)}"
    values = {
        "brand": brand,
        "product": f"{_word(rng, 2)} {rng.choice(('', 'X', 'S'))}{rng.randint(2, 9)}",
        "place": _word(rng, 3),
        "date": rng.choice(_DATES[lang]),
        "price": rng.choice(_PRICES[lang]),
        "offer": rng.choice(_OFFERS[lang]),
        "code": f"{_word(rng, 2).upper()}{rng.choice((10, 15, 20, 25))}",
        "url": _plain(brand) + _TLD[lang],
        "handle": "@" + _plain(brand),
        "hashtag": "#" + brand.replace(" ", "") + rng.choice(("Trail", "Days", "Live")),
        "forbidden": _FORBIDDEN[lang],
        "person": rng.choice(_PEOPLE[lang]),
    }
    values["Offer"] = values["offer"][:1].upper() + values["offer"][1:]  # where it opens a sentence
    return {
        "id": f"gen-{lang}-{shape.replace(' ', '-')}-{n}",
        "lang": lang,
        "shape": shape,
        "brief": TEMPLATES[lang][shape].format(**values),
        "facts": {kind: values[kind] for kind in _FACTS[shape]},
        "address": values["url"],
        "forbidden": values["forbidden"] if shape == "client email" else None,
    }


def generated_entries(seed: int = SEED, draws: int = DRAWS) -> list[dict[str, Any]]:
    """Every shape in every language, `draws` times, from one seeded generator."""
    rng = random.Random(seed)
    return [
        _entry(rng, lang, shape, n)
        for lang in TEMPLATES
        for shape in TEMPLATES[lang]
        for n in range(1, draws + 1)
    ]


__all__ = ["DRAWS", "SEED", "TEMPLATES", "generated_entries"]
