"""What a brief tells the writer to say or never to say: 'Must say: "dermatologist tested"', 'Don't mention
free.', 'Bitte nicht „billig“ sagen.', 'Por favor, no uséis la palabra "oferta".' in the six languages.

Such a sentence is an instruction to the studio, never copy: `without_say_rules` takes it out of the brief
the writer reads, and `must_lines` gives the words it asks for and the words it forbids.
"""

from __future__ import annotations

import re

from studio.brief.shapes import quoted

_NEVER = (
    r"don'?t say|do not say|never say|must not say|never mention|don'?t mention|do not mention|"
    r"avoid the words?|avoid saying|avoid using|avoid mentioning|(?:avoid|never|banned|evitar|à éviter|"
    r"vermeiden|evitare)(?=\s*:)|"
    r"don'?t use(?: the words?)?|do not use(?: the words?)?|"
    r"never use(?: the words?)?|no mention of|banned words?|forbidden words?|words? to avoid|steer clear of|"
    r"palabras? prohibidas?|mots? interdits?|verbotene[ns]? w(?:ö|o)rt(?:er)?|parole vietate|parola vietata|"
    r"palavras? proibidas?|"
    r"no (?:digas|decir|diga|mencion(?:ar|es|e)|uses|usar|hables de|hablar de)|"
    r"evit(?:a|ar|e) (?:la palabra|decir|mencionar)|"
    r"sin mencionar|ne (?:dites|dis) pas|ne pas (?:dire|mentionner|parler de|utiliser)|"
    r"évite[rz]? (?:le mot|de dire|de parler de|de mentionner)|sans mentionner|"
    r"nicht (?:erwähnen|sagen|verwenden|benutzen|von)|erwähne nicht|sag nicht|kein wort (?:über|von)|"
    r"vermeide[n]? (?:das wort|zu sagen)|"
    r"non (?:dire|dite|dica|menzionare|menzionate|nominare|usare|parlare di|parlate di)|"
    r"evita(?:re)? (?:la parola|di dire|di parlare di)|"
    r"não (?:diga|dizer|mencion(?:ar|e)|use|usar|fale (?:de|em|sobre)|falar (?:de|em|sobre))|"
    r"evite (?:a palavra|dizer|falar (?:de|em|sobre))"
)
"""Ways a brief says a word must not be said, in the six languages ('Ne pas parler de douleur')."""
_ALWAYS = (
    r"must say|must include|always say|be sure to say|di siempre|hay que decir|dites toujours|"
    r"immer sagen|sagt immer|di sempre|dica sempre|diga sempre"
)


_NEGATION = re.compile(
    r"(?i)(?<!\w)(?:not|don'?t|do not|never|no|avoid\w*|nicht|keine?n?|ne|n'|jamais|éviter|évitez|"
    r"non|não|nunca|evit\w+|vermeide\w*|sans|sin|senza|ohne)(?![\w'])"
)
_SAYING = re.compile(
    r"(?i)(?<!\w)(?:say|mention|use|using|write|sagen|erwähnen|verwenden|benutzen|schreiben|dire|dites|"
    r"mentionner|mentionnez|utiliser|utilisez|écrire|écrivez|parler|parlez|decir|digas|diga|digáis|mencionar|menciones|mencionéis|"
    r"usar|uses|uséis|utilizar|utilices|escribir|hablar|menzionare|usare|usate|utilizzare|scrivere|"
    r"parlare|dizer|digam|mencione|use|usem|utilize|escrever|falar|"
    r"words?|terms?|phrases?|palabras?|términos?|expresi[oó]n|mots?|termes?|expressions?|w[oö]rt(?:er)?|"
    r"begriffe?|ausdruck|parol[ae]|termin[ei]|espressione|palavras?|termos?|expressão)(?!\w)"
)
"""Verbs of saying or using, and the nouns for a word, in the six languages."""
_WORD_NOUN = re.compile(
    r"(?i)(?<!\w)(?:the\s+)?(?:words?|terms?|phrases?|(?:la\s+)?palabras?|(?:le\s+)?mots?|(?:das\s+)?"
    r"w[oö]rt(?:er)?|(?:la\s+)?parol[ae]|(?:a\s+)?palavras?)\s+(?=\w)"
)


def _rule_words(sentence: str) -> list[str]:
    """The words a rule-only sentence forbids ('Bitte nicht „billig“ sagen.', 'No uséis la palabra
    \"oferta\".', 'Please avoid the word cheap.'): a negation with a verb of saying or a noun for a word, and
    the quoted words (else the words after 'the word')."""
    near = [
        (n, w)
        for n in _NEGATION.finditer(sentence)
        for w in _SAYING.finditer(sentence)
        if len(between := sentence[min(n.end(), w.end()) : max(n.start(), w.start())].split()) <= 3
        and not re.search(r"[,:;]", " ".join(between))  # 'Sin azúcar y sin excusas: Dulzura, la palabra…'
    ]
    if not near:
        return []  # 'Don't miss the 'Midnight Run' and use code RUN10': no rule
    said = [f.text for f in quoted(sentence)]
    if said:
        return said
    noun = _WORD_NOUN.search(sentence)
    return _ruled_out(sentence[noun.end() :]) if noun else []


def says_what_to_say(line: str) -> bool:
    """True for a line or sentence that tells the writer what (not) to say ('Don't say \"cheap\"',
    'Merci de ne pas parler de douleur', 'Bitte nicht „billig“ sagen.')."""
    if re.search(rf"(?i)\b(?:{_ALWAYS}|{_NEVER})\b", line) or _WORD_NOT.search(line) is not None:
        return True
    return any(_rule_words(s) for s in re.split(r"(?<=[.!?])\s+", line))


def without_say_rules(text: str) -> str:
    """The brief less each sentence that tells the writer what (not) to say; the rest of its line stays."""
    out = []
    for line in text.splitlines():
        parts = re.split(r"(?<=[.!?])\s+", line)
        out.append(" ".join(p for p in parts if not says_what_to_say(p)))
    return "\n".join(ln for ln in out if ln.strip())


def directive(line: str) -> bool:
    """A line that tells the writer what (not) to say is not copy about the product."""
    return bool(re.match(r"(?i)\s*(?:must|always|never|don'?t|do not|avoid|tone\b)", line))


# 'Bitte „billig“ nicht erwähnen', '"barato" no': the word before the rule
_WORD_NOT = re.compile(
    r"[\"“„'«]\s*(?P<v>[^\"“”'»\n]{2,40}?)\s*[\"“”'»]\s+(?i:nicht (?:erwähnen|sagen|verwenden|benutzen)|"
    r"bitte nicht|no,|jamais|nunca|mai)\b"
)


def must_lines(text: str) -> tuple[list[str], list[str]]:
    """The lines the brief says must be said, and the words it says never to say."""
    quote = r"\s*:?\s*[\"“„'«]?\s*(?P<v>[^\"”“'».\n]{2,80})"
    say = re.finditer(rf"(?i)\b(?:{_ALWAYS})" + quote, text)
    words: list[str] = []
    for m in re.finditer(rf"(?i)\b(?:{_NEVER})\b", text):
        words += _ruled_out(re.split(r"[.!?;\n]", text[m.end() :], maxsplit=1)[0])
    words += [m.group("v").strip() for m in _WORD_NOT.finditer(text)]
    for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
        words += _rule_words(sentence)
    return [m.group("v").strip() for m in say], list(dict.fromkeys(w for w in words if w))


_LIST_BREAK = re.compile(r"(?i)\s*,\s*|\s+(?:or|and|nor|o|y|ni|ou|et|oder|und|e|né)\s+")


def _ruled_out(rest: str) -> list[str]:
    """The words a rule forbids, from what follows it: each quoted one ('"cheap" or "bargain"'), else the
    phrase up to the sentence's end, split at commas and 'or' ('discounts, sales or cheap')."""
    quoted = re.findall(r"[\"“„'«‘]\s*([^\"”“'»’\n]{2,40}?)\s*[\"”“'»’]", rest)
    if quoted:
        return [q.strip() for q in quoted]
    phrase = re.sub(r"(?i)^\s*:?\s*(?:the words?|words? like|anything about|the)\s+", "", rest).strip(" :")
    phrase = re.split(r"(?i)\s+(?:anywhere|at all|in the ad|please|in any form)\b", phrase)[0]
    items = [i.strip(" .") for i in _LIST_BREAK.split(phrase) if i and i.strip(" .")]
    return [i for i in items if len(i.split()) <= 4][:4]


__all__ = ["directive", "must_lines", "says_what_to_say", "without_say_rules"]
