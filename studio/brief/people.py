"""The people a brief names, who are never the brand: a name after a role or a family word ('Owner Jake
Miller', 'Grandma Rosa', 'Chef Marco', 'Oma Ilse', 'Nonna Lucia'), and the business they open, found or
own, which is ('Mia and Theo Russo opened Forno Russo', 'Jake Miller, owner of Pedal Works').
"""

from __future__ import annotations

import re

from studio.brief.shapes import is_day_or_month
from studio.brief.whole_name import BRAND_NAME

TITLES = frozenset(
    [
        # roles a writer puts before a person's name ('Owner Jake Miller', 'Chef Marco', 'Inhaberin Katrin')
        "chef", "owner", "founder", "co-founder", "cofounder", "director", "manager", "ceo", "dueño",
        "dueña", "fundador", "fundadora", "fondateur", "fondatrice", "propriétaire", "inhaber", "inhaberin",
        "gründer", "gründerin", "titolare", "fondatore", "dono",
        # family words a writer calls a person by ('Grandma Rosa', 'Oma Ilse', 'Tía Carmen')
        "grandma", "grandpa", "granny", "nan", "nana", "nanna", "mum", "mom", "dad", "aunt", "auntie",
        "uncle", "abuela", "abuelo", "tía", "tío", "mamie", "papi", "mémé", "pépé", "tante", "oncle", "oma",
        "opa", "onkel", "avó", "avô", "vovó", "vovô", "tia", "tio", "nonna", "nonno", "zia", "zio",
    ]
)  # fmt: skip
"""Roles and family words in the six languages that stand before a person's name. Honorifics are left out:
'Mr Kipling', 'Dr Martens' and 'Don Pepe' are as often a business's name as a person's."""


def is_person(name: str) -> bool:
    """'Owner Jake Miller', 'Grandma Rosa', 'Chef Marco': a role or a family word before a capitalised
    name; not 'Nonna Rosa's Kitchen' (a business named after her) nor 'Nonna's Oven'."""
    words = name.split()
    if len(words) < 2 or re.search(r"\w['’]s\s+[A-ZÀ-Þ]", name):
        return False
    return words[0].lower().rstrip(".") in TITLES and words[1][:1].isupper()


_OPENS = (
    r"opened|founded|co-founded|started|set\s+up|"
    r"abrió|abrieron|fundó|fundaron|a\s+ouvert|ont\s+ouvert|a\s+fondé|ont\s+fondé|eröffnete|eröffneten|"
    r"gründete|gründeten|abriu|abriram|fundou|fundaram|ha\s+aperto|hanno\s+aperto|ha\s+fondato|"
    r"hanno\s+fondato|aprì|aprirono|fondò|fondarono"
)
"""Verbs whose object is the business a person opens, founds or runs, in the six languages."""

_ROLE_OF = (
    r"(?:co-)?(?:owner|founder)s?\s+(?:of|at)|(?:head\s+)?chef\s+(?:of|at)|dueñ[oa]s?\s+de|"
    r"fundador(?:a|es)?\s+de|propriétaire\s+de|fondat(?:eur|rice)s?\s+de|"
    r"inhaber(?:in)?\s+(?:von|der|des)|gründer(?:in)?\s+(?:von|der|des)|don[oa]\s+d[aoe]|"
    r"fundador(?:a)?\s+d[aoe]|titolare\s+d[ie]|fondat(?:ore|rice)\s+d[ie]"
)
"""A person's role in a business ('owner of', 'dueña de', 'propriétaire de', 'Inhaberin von')."""


def business_of_people(text: str) -> str | None:
    """The business a sentence says people opened, founded or run ('Mia and Theo Russo opened Forno Russo in
    2015', 'Jake Miller, owner of Pedal Works'), or None."""
    # 'eröffnete 2015 die Bäckerei ...', "a ouvert l'Atelier ...": a year may stand before the article, and
    # the elided article is written on to the name
    year = r"(?:(?:(?i:in|en|em|im|nel|au)\s+)?(?:19|20)\d\d,?\s+)?"
    article = rf"{year}(?:(?i:the|la|le|el|il|der|die|das|o|a)\s+|(?i:l)['’])?"
    # the verb inside a sentence, in small letters: a heading's 'Get Started Free' opens nothing
    pattern = rf"(?<![\w'’])(?:{_OPENS}|(?i:{_ROLE_OF}))\s+{article}(?P<n>{BRAND_NAME})"
    for m in re.finditer(pattern, text):
        if " " in m.group("n") or not is_day_or_month(m.group("n")):  # 'we opened Saturday': when, not what
            return m.group("n")
    return None


__all__ = ["TITLES", "business_of_people", "is_person"]
