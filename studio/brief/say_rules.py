"""What a brief tells the writer to say or never to say: 'Must say: "dermatologist tested"', 'Don't mention
free.', 'Bitte nicht „billig“ sagen.', 'Por favor, no uséis la palabra "oferta".' in the six languages.

Such a sentence is an instruction to the studio, never copy: `without_say_rules` takes it out of the brief
the writer reads, and `must_lines` gives the words it asks for and the words it forbids.
"""

from __future__ import annotations

import re

from studio.brief.shapes import QUOTED, Found

_QUOTED = re.compile(QUOTED.pattern + r"|»\s*([^«»\n]{2,80}?)\s*«")
"""Quoted words, German's »…« too ('Bitte nicht »billig« sagen')."""
_OPEN = "\"“„'«‘»"
"""The marks a quoted word opens on."""


def quoted(text: str) -> list[Found]:
    """The quoted words of a text, as written (`_QUOTED`)."""
    found = []
    for m in _QUOTED.finditer(text):
        group = next(g for g in range(1, _QUOTED.groups + 1) if m.group(g))
        inner = m.group(group).strip()
        start = m.start(group) + m.group(group).find(inner)
        found.append(Found("title", inner, start, start + len(inner)))
    return found

_NEVER = (
    r"don['’]?t say|do not say|never say|must not say|never mention|don['’]?t mention|do not mention|"
    r"avoid (?:the )?words?|avoid saying|avoid using|avoid mentioning|(?:avoid|never|banned|evitar|à éviter|"
    r"vermeiden|evitare|don['’]?ts|do not|no[- ]go(?: words)?|forbidden|off[- ]limits|taboo(?: words)?|"
    r"tabu(?:-?w[öo]rter)?|verboten|interdits?|à proscrire|prohibid[oa]s?|da evitare|a evitar|vietat[oei]|"
    r"proibid[oa]s?)(?=\s*:)|"
    r"don['’]?t use(?: the words?)?|do not use(?: the words?)?|"
    r"never use(?: the words?)?|no mention of|banned words?|forbidden words?|words? to avoid|steer clear of|"
    r"palabras? prohibidas?|mots? interdits?|verbotene[ns]? w(?:ö|o)rt(?:er)?|parole vietate|parola vietata|"
    r"palavras? proibidas?|"
    r"no (?:digas|decir|diga|mencion(?:ar|es|e)|uses|usar|hables de|hablar de)|"
    r"evit(?:a|ar|e) (?:la palabra|decir|mencionar)|"
    r"sin mencionar|sans mentionner|ne (?:dites|dis) pas|ne pas (?:dire|mentionner|parler de|utiliser)|"
    r"n(?:e\s+|['’])(?:dites|dis|mentionnez|mentionne|utilisez|utilise|parlez|parle|écrivez|employez|citez)"
    r"\s+pas(?:\s+(?:de|d['’]|du|des|le mot|les mots|l['’]expression))?|"
    r"évite[rz]? (?:le mot|les mots|de dire|de parler de|de mentionner)|"
    r"nicht (?:erwähnen|sagen|verwenden|benutzen|von)|erwähne nicht|sag nicht|kein wort (?:über|von)|"
    r"vermeide[n]? (?:das wort|zu sagen)|"
    r"non (?:dire|dite|dica|menzionare|menzionate|nominare|usare|parlare di|parlate di)|"
    r"evita(?:re)? (?:la parola|di dire|di parlare di)|"
    r"não (?:diga|dizer|mencion(?:ar|e)|use|usar|fale (?:de|em|sobre)|falar (?:de|em|sobre))|"
    r"evite (?:a palavra|dizer|falar (?:de|em|sobre))|sem (?:falar (?:de|em|sobre)|mencionar)|"
    r"senza (?:dire|menzionare|nominare|parlare di)"
)
"""Ways a brief says a word must not be said, in the six languages ('Ne pas parler de douleur')."""
_ALWAYS = (
    r"mandatory(?: line)?:?(?:\s*say)?|must say|must include|always say|be sure to say|di siempre|"
    r"hay que decir|dites toujours|"
    r"immer sagen|sagt immer|di sempre|dica sempre|diga sempre"
)


_NEGATION = re.compile(
    r"(?i)(?<!\w)(?:not|don['’]?t|do not|never|no|avoid\w*|nicht|keine?n?|ne|jamais|éviter|évitez|"
    r"non|não|nunca|evit\w+|vermeide\w*|sans|sin|senza|sem|ohne|"
    r"can['’]?t|cannot|mustn['’]?t|shouldn['’]?t|won['’]?t|nie|niemals|verzicht\w*|aucun\w*|niente|nessun\w*|"
    r"(?-i:mai)|nada|ningún|ninguna|nenhum\w*|(?:keep|stay) (?:away|clear) from|steer clear of|leave out|"
    r"omit\w*|skip)(?![\w'’])|(?<!\w)n['’](?=\w)"
)
"""Negations and avoidance in the six languages: 'can't', 'nie' (German never), 'mai' (Italian never, in
small letters: 'Mai' is May), 'verzichten auf', 'niente', 'keep away from', 'leave out'."""
_CALLING = (
    r"call|calling|describe|describing|refer to|nenn(?:en|t|e)?|bezeichne[nt]?|appel(?:er|ez|le|les)|"
    r"décri(?:re|vez)|llam(?:ar|es|éis|e|en)|describ(?:ir|as|áis)|chiam(?:are|ate|arlo|arla|atelo|atela)|"
    r"descrive(?:re|te)|cham(?:ar|e|em)|descrev(?:er|a|am)"
)
"""Verbs of calling a thing something ('Don't call it a diet', 'Ne l'appelez pas « régime »', 'Não chame
de dieta'): what follows is the word the brief forbids."""
_SAYING = re.compile(
    r"(?i)(?<!\w)(?:say|mention|use|using|write|sag|sagt|sagen|erwähnen|verwenden|benutzen|schreiben|dire|dites|"
    r"mentionner|mentionnez|utiliser|utilisez|écrire|écrivez|parler|parlez|decir|digas|diga|digáis|mencionar|menciones|mencionéis|"
    r"usar|uses|uséis|utilizar|utilices|escribir|hablar|menzionare|usare|usate|utilizzare|scrivere|"
    r"parlare|dizer|digam|mencione|use|usem|utilize|escrever|falar|"
    r"words?|terms?|phrases?|palabras?|términos?|expresi[oó]n|mots?|termes?|expressions?|w[oö]rt(?:er)?|"
    r"begriffe?|ausdruck|parol[ae]|termin[ei]|espressione|palavras?|termos?|expressão|"
    rf"{_CALLING})(?!\w)"
)
"""Verbs of saying or using, and the nouns for a word, in the six languages."""
_WORD_NOUN = re.compile(
    r"(?i)(?<!\w)(?:the\s+)?(?:words?|terms?|phrases?|(?:las?\s+)?palabras?|(?:les?\s+)?mots?|(?:das\s+|die\s+)?"
    r"w[oö]rt(?:er)?|(?:la\s+|le\s+)?parol[ae]|(?:as?\s+)?palavras?)\s+(?=\w)"
)


_PLEASE = (
    r"(?:please|kindly|thanks|thank you|bitte|danke|por favor|gracias|obrigad[oa]|"
    r"s['’]il (?:vous|te) pla[iî]t|merci|per favore|grazie)"
)
_BARE_RULE = re.compile(
    rf"(?i)\W*(?:p\.?\s?s\.?\W+)?(?:(?:and|also|et|aussi|y|und|auch|e|anche|também)\s+)?(?:{_PLEASE}\W+)?"
    r"(?:avoid|ban|skip|omit|no|not|never|nicht|non|não|évite[rz]?|pas de|jamais|aucun\w*|vermeide[nt]?|"
    r"kein\w*|nie|niemals|evit(?:a|ad|ar|e|en|em|ate|iamo)|nada de|nunca|niente|nessun\w*|mai|nenhum\w*)"
    rf"\W+(?:{_PLEASE}\W+)?(?:Q(?:\s*(?:,|/|or|and|nor|o|y|ni|ou|et|oder|und|e|né)\s*)?)+"
    r"(?:\s+(?:anywhere|at all|(?:in|on|en|dans|im|nel\w*|no|na)\s+(?:\w+\s+){0,2}\w+))?"
    rf"(?:\W*{_PLEASE})?(?:\s+(?:and|then|y|et|und|e|ed)\s+(?-i:[^Q]*))?\W*"
)
"""A sentence that is nothing but avoidance and quoted words: 'Please avoid 'cheap'.', 'No 'luxury'
please.', 'Pas de « promo », merci.', 'Evitad «barato».' (each quoted word stands as Q), after a P.S.'s
mark, and before another instruction that quotes nothing ('Please avoid 'cheap' and link to the shop')."""
_BANNED_BARE = re.compile(
    r"(?i)\W*(?P<w>[^\W\d][\w'’-]*(?:\s+(?:(?:and|or|&|y|o|et|ou|und|oder|e)\s+)?[^\W\d][\w'’-]*){0,3})"
    r"\s+(?:is|are|ist|sind|est|sont|es|son|está|están|è|sono|é|são)\s+(?:\w+ly\s+|strengstens\s+)?"
    r"(?:banned|forbidden|off[- ]limits|a no[- ]go|taboo|tabu|verboten|interdite?s?|prohibid[oa]s?|"
    r"vietat[oaie]|proibid[oa]s?)\W*"
)
"""A sentence that says of a few bare words that they are banned ('Sweat is off-limits.', 'Billig und
günstig sind tabu.'): the words are forbidden (never 'out' or 'not allowed' here: 'Tickets are out')."""
_KEEP_OUT = re.compile(
    rf"(?i)(?<!\w)(?:keep|leave)\s+(?P<w>(?:the\s+words?\s+|any\s+mention\s+of\s+|words\s+like\s+)"
    rf"[^,.;:!?]{{2,40}}?|[{_OPEN}][^,.;:!?]{{2,40}}?)\s+out(?:\s+of\s+(?:it|this|them|the\s+\w+))?(?!\w)"
)
"""'Keep 'luxury' out of it', 'Leave the word sweat out of the script': the words kept out, quoted or after
'the word'."""
_WORDS_THEN_NOT = re.compile(
    r"(?i)\W*(?:(?:das|die)\s+w[öo]rt(?:er)?\s+)?(?P<w>[^\W\d][\w'’-]*(?:[\s,]+[^\W\d][\w'’-]*){0,4}?)"
    r"\s+(?:bitte\s+)?(?:nicht|nie|niemals|keinesfalls)\s+(?:erwähnen|sagen|verwenden|benutzen|schreiben)\W*"
)
"""A German rule with its bare words first and its verb last ('Fabrik und billig bitte nicht erwähnen.')."""
_BANNED_AFTER = re.compile(
    r"(?i)Q\s+(?:is|are|ist|sind|est|sont|es|son|está|están|è|sono|é|são)\s+(?:\w+ly\s+|strengstens\s+)?"
    r"(?:banned|forbidden|off[- ]limits|a no[- ]go|not allowed|taboo|out|tabu|verboten|nicht erlaubt|"
    r"interdite?s?|prohibid[oa]s?|vetad[oa]s?|vietat[oaie]|proibid[oa]s?|(?:no|não|non) permitid[oa]s?|"
    r"non ammess[oaie])\b"
)
"""Quoted words and what the brief says of them after: ''cheap' is off-limits', '„billig“ ist tabu',
'« promo » est interdit', '«barato» está prohibido', ''economico' è vietato'."""
_CALLED = re.compile(
    rf"(?i)(?<!\w)(?:{_CALLING})\s+(?:l['’]|(?:it|them|us|this|these|that|him|her|es|sie|uns|ihn|les|lo|la|"
    r"los|las|nos|o|a|os|as|pas|nicht|de|as|als|comme|como|come|ever)\s+)*(?P<w>[^,.;:!?]+)"
)
"""What a brief forbids calling the thing: 'Don't call it a diet' (after the pronoun and 'as', to the
sentence's end)."""
_ARTICLE = re.compile(r"(?i)^(?:an?|the|un|une|el|la|le|l'|lo|il|o|a|ein|eine|einen|der|die|das)\s+")


_CLAUSE_BREAK = re.compile(
    r"\s*[,;](?!\s*[\"“„'«‘»])\s*|\s+[—–-]\s+|\s+(?:but|mais|pero|aber|sondern|ma|mas)\s+", re.I
)
"""Where a clause of a rule ends: a comma not followed by a quoted word (a list of them goes on), a dash,
'but' ('No digas «barato», di «asequible»': «asequible» is asked for, not forbidden)."""
_INSTEAD = re.compile(
    r"(?i)(?<!\w)(?:instead of|rather than|statt|anstatt|anstelle von|au lieu de|plutôt que|en lugar de|"
    r"en vez de|invece di|anziché|piuttosto che|em vez de|ao invés de|no lugar de)\s+(?:the word\s+)?"
    r"[\"“„'«‘»]\s*$"
)
"""The word another replaces: 'Say 'blend', not 'mix'', 'Sag „handgemacht“ statt „hausgemacht“'."""


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """The spans of a sentence's clauses (`_CLAUSE_BREAK`)."""
    cuts = [0, *(x for m in _CLAUSE_BREAK.finditer(sentence) for x in (m.start(), m.end())), len(sentence)]
    return list(zip(cuts[::2], cuts[1::2], strict=True))


def _rule_words(sentence: str) -> list[str]:
    """The words a rule-only sentence forbids (`_words_ruled`), a pronoun's noun for the pronoun ('We're not
    a bootcamp, so don't call us that': 'bootcamp')."""
    return _named(_words_ruled(sentence), sentence)


def _words_ruled(sentence: str) -> list[str]:
    """The words a rule-only sentence forbids ('Bitte nicht „billig“ sagen.', 'No uséis la palabra
    \"oferta\".', 'Please avoid the word cheap.', 'Don't call it a diet'): a negation with a verb of saying
    or a noun for a word, and the quoted words of its clause (else the words after 'the word' or after what
    it must not be called); or quoted words with nothing but avoidance around them in their clause ('Please
    avoid 'cheap'.', 'Say 'blend', not 'mix''), said to be banned after them (''cure' is off-limits') or
    named as what another word replaces ('Sag „handgemacht“ statt „hausgemacht“')."""
    found = quoted(sentence)
    spans = _clauses(sentence)
    ruled: list[str] = []
    for a, b in spans:
        inside = [f.text for f in found if a <= f.start < b]
        bare = _QUOTED.sub("Q", sentence[a:b]).strip()
        if inside and (_BARE_RULE.fullmatch(bare) or _BANNED_AFTER.search(bare)):
            ruled += inside
    if found and _SAYING.search(_QUOTED.sub("Q", sentence)):
        ruled += [f.text for f in found if _INSTEAD.search(sentence[: f.start])]
    if ruled:
        return list(dict.fromkeys(ruled))
    shaped = _shaped_rule(sentence)
    if shaped:
        return shaped
    near = [
        (n, w)
        for n in _NEGATION.finditer(sentence)
        for w in _SAYING.finditer(sentence)
        if len(between := sentence[min(n.end(), w.end()) : max(n.start(), w.start())].split()) <= 3
        and not re.search(r"[,:;]", " ".join(between))  # 'Sin azúcar y sin excusas: Dulzura, la palabra…'
        and not re.match(r"(?i)\s+(?:no|yes|goodbye)\b", sentence[w.end() :])  # 'can't say no to …'
    ]
    if not near:
        return []  # 'Don't miss the 'Midnight Run' and use code RUN10': no rule
    if found:
        # the quoted words of the clauses the rule stands in ('No digas «barato», di «asequible»': «barato»)
        # or, where they hold none, the sentence's ('nada de "gratis", por favor: no lo digáis')
        ruling = {sp for n, w in near for sp in spans if sp[0] <= min(n.start(), w.start()) < sp[1]}
        inside = [f.text for f in found if any(a <= f.start < b for a, b in ruling)]
        # a rule that names its word bare keeps to it ('Don't say cheap, the line is 'Built to last'')
        bare = [
            words
            for n, w in near
            if (words := _ruled_out(_STILL_NOT.sub("", sentence[max(n.end(), w.end()) :])))
        ]
        return inside or (bare[0] if bare else [f.text for f in found])
    noun = _WORD_NOUN.search(sentence)
    if noun:
        return _ruled_out(sentence[noun.end() :])
    called = next((c for _, w in near if (c := _CALLED.match(sentence, w.start()))), None)
    if called:
        return [_ARTICLE.sub("", w) for w in _ruled_out(called.group("w"))]
    # the verb last ('Bitte nicht Diät nennen', 'Es nie billig nennen'): the words between
    last = [(n, w) for n, w in near if n.end() < w.start() and not sentence[w.end() :].strip(" .!")]
    last = [(n, w) for n, w in last if re.fullmatch(rf"(?i){_CALLING}", w.group(0))]
    if last:
        n, w = last[0]
        return [_ARTICLE.sub("", i) for i in _ruled_out(sentence[n.end() : w.start()])]
    return []


_STILL_NOT = re.compile(r"(?i)^\s*(?:pas|plus|jamais|nicht|not|never|nie|mai|nunca)(?!\w)")
"""The rest of a negation after its verb ('Ne dites pas luxe')."""


def _shaped_rule(sentence: str) -> list[str]:
    """The words of a rule told by its shape: kept out ('Keep 'luxury' out of it'), said to be banned
    ('Sweat is off-limits.'), or first before a German verb of saying ('Fabrik und billig bitte nicht
    erwähnen.')."""
    keep = _KEEP_OUT.search(sentence)
    if keep:
        words = keep.group("w")
        return _ruled_out(_WORD_NOUN.sub("", words, count=1) if _WORD_NOUN.match(words) else words)
    bare = _BANNED_BARE.fullmatch(sentence) or _WORDS_THEN_NOT.fullmatch(sentence)
    if bare and not re.search(rf"[{_OPEN}]", sentence):
        return _ruled_out(bare.group("w"))
    return []


_PRONOUN = re.compile(
    r"(?i)(?:it|that|this|them|those|these|so|lo|la|los|las|le|les|eso|esto|ça|cela|ceci|es|das|dies|sie|"
    r"isso|isto|o|a|os|as|ciò|questo|quello|ne|us|nos|nous|uns|ci)"
)
"""Words that stand for a word said before them ('don't say it'): never the forbidden word itself."""
_NOT_A = re.compile(
    r"(?i)(?<!\w)(?:(?:we['’]re|we are|it['’]s|it is|this is|they['’]re|they are)\s+(?:not|never)|no somos|"
    r"no es|ne sommes pas|n['’]est pas|sind kein\w*|ist kein\w*|não somos|não é|non siamo|non è)\s+"
    r"(?:an?|the|un[oa]?|une|um|uma|el|la|le|il|o|a)?\s*(?P<w>[^\W\d][\w'’-]*(?:\s+[^\W\d][\w'’-]*)?)"
    r"(?=\s*(?:[,;:.!?—–-]|$))"
)
"""What a brief says the business is not, before a rule that forbids it by a pronoun ('We're not a
bootcamp, so don't say it', 'Wir sind kein Discounter, also nicht so nennen')."""


def _named(words: list[str], sentence: str) -> list[str]:
    """The words less pronouns; where only pronouns were forbidden, the noun the sentence says the business
    is not ('We're not a bootcamp, so don't say it': 'bootcamp')."""
    kept = [w for w in words if not _PRONOUN.fullmatch(w.strip())]
    if words and not kept:
        noun = _NOT_A.search(sentence)
        return [noun.group("w")] if noun else []
    return kept


def says_what_to_say(line: str) -> bool:
    """True for a line or sentence that tells the writer what (not) to say ('Don't say \"cheap\"',
    'Merci de ne pas parler de douleur', 'Bitte nicht „billig“ sagen.')."""
    if re.search(rf"(?i)\b(?:{_ALWAYS}|{_NEVER})\b", line) or _WORD_NOT.search(line) is not None:
        return True
    return any(_rule_words(s) for s in re.split(r"(?<=[.!?])\s+", line))


def without_say_rules(text: str) -> str:
    """The brief less each sentence that tells the writer what (not) to say, and less each list of words a
    rule line heads ('Don't mention:' over '- cheap', '- discount'); the rest of its line stays, and so does
    the copy a forbidding sentence holds beside its rule ('Don't say cheap, the line is 'Built to last'':
    'Built to last', `copy_of`)."""
    lines = text.splitlines()
    _, listed = listed_rules(lines)
    out = []
    for i, line in enumerate(lines):
        if i in listed:
            continue
        parts = re.split(r"(?<=[.!?])\s+", line)
        out.append(" ".join(p if not says_what_to_say(p) else _copy_beside(p) for p in parts).strip())
    return "\n".join(ln for ln in out if ln.strip())


def _copy_beside(sentence: str) -> str:
    """The copy a rule's sentence holds beside its rule, as a sentence of its own ('' for none)."""
    copy = copy_of(sentence) if forbids(sentence) else ""
    # 'We're not a bootcamp, so don't say it': the clause that names the forbidden word is no copy
    ruled = must_lines(sentence)[1]
    parts = [p for p in copy.split("; ") if not any(_says_word(p, w) for w in ruled)]
    copy = "; ".join(parts).strip(" ;:,")
    if not copy.strip(" .!?"):
        return ""
    return copy if copy[-1:] in ".!?" else f"{copy}."


def _says_word(text: str, word: str) -> bool:
    """Whether the text says the word whole, in any case."""
    word = word.strip()
    return bool(word) and re.search(rf"(?i)(?<!\w){re.escape(word)}(?!\w)", text) is not None


def forbids(sentence: str) -> bool:
    """True for a sentence that forbids a word ('Don't mention Paris or our old name Zorvik Classic.',
    'Bitte „billig“ nicht erwähnen'); a rule that asks for words ('Must say: ...') is no forbidding one."""
    if re.search(rf"(?i)\b(?:{_NEVER})\b", sentence) or _WORD_NOT.search(sentence) is not None:
        return True
    return bool(_rule_words(sentence))


def copy_of(sentence: str) -> str:
    """The sentence less the rule it holds: '' for a sentence that is a rule ('Don't mention Paris or our old
    name Zorvik Classic.'), the clauses before the rule and after its semicolon or dash for one that holds
    copy too ('Hand-poured in Lyon, but never say Paris': 'Hand-poured in Lyon'); the words of a rule are
    rules only, never a place, a brand or a product."""
    if not forbids(sentence):
        return sentence
    start = _rule_start(sentence)
    quote = re.search(rf"[{_OPEN}]", sentence)
    if quote and quote.start() < start and _WORD_NOT.search(sentence):
        start = quote.start()  # '„billig“ bitte nicht sagen': the rule opens on its word
    cuts = [c.start() for c in _CLAUSE_BREAK.finditer(sentence) if c.end() <= start]
    before = sentence[: cuts[-1]].strip() if cuts else ""
    if not re.sub(rf"(?i){_PLEASE}", "", before).strip(" ,.!?:;"):
        before = ""  # 'Please, no 'sweat'': a please is no copy
    # a semicolon or a dash ends the rule ('non dire "economico"; 20% di sconto su ...'): the rest is copy
    end = _FIRM_BREAK.search(sentence, start)
    after = copy_of(sentence[end.end() :]) if end else ""
    # so does a comma before a clause of its own, with a verb of being or a quote ('Don't say cheap, the
    # line is 'Built to last'')
    listed = start + _list_end(sentence[start:])
    rest = sentence[listed + 1 :]
    if (not end or listed < end.start()) and (_COPULA.search(rest) or re.search(rf"[{_OPEN}]", rest)):
        line = _LINE_IS.fullmatch(_QUOTED.sub("Q", rest))
        said = m.group(0) if line and (m := _QUOTED.search(rest)) else copy_of(rest)
        after = "; ".join(p for p in (said, after) if p.strip(" .!?:;"))
    return "; ".join(p for p in (before, after) if p.strip(" .!?:;"))


def _rule_start(sentence: str) -> int:
    """Where a sentence's rule opens: its verb of forbidding, else the first clause that holds a word it
    forbids and a negation or nothing but avoidance ('Pas de « bon marché », notre devise est « Affiné sans
    hâte »': at 'Pas', not at the copy's 'sans'), else its first negation."""
    rule = re.search(rf"(?i)\b(?:{_NEVER})\b", sentence)
    if rule:
        return rule.start()
    words = _rule_words(sentence)
    for a, b in _clauses(sentence):
        clause = sentence[a:b]
        bare = _QUOTED.sub("Q", clause).strip()
        ruling = _NEGATION.search(clause) or _BARE_RULE.fullmatch(bare) or _BANNED_AFTER.search(bare)
        if ruling and any(w in clause for w in words):
            return a
    negation = _NEGATION.search(sentence)
    return negation.start() if negation else 0


_FIRM_BREAK = re.compile(r"\s*;\s*|\s+[—–-]\s+")
"""Where a rule ends inside a sentence for sure: a comma may go on with its list of words, these do not (a
hyphen between spaces is a dash: 'Never say cheap - shop the lamps at ...')."""


_LIST_ITEM = re.compile(r"^\s*(?:[-–•*·▪●◦]|\d{1,2}[.)])\s+(?P<v>\S.*)$")
"""A list's item: a bullet's mark or a number ('- cheap', '• Rabatt', '2. free shipping') before it."""
_PLAIN_ITEM = re.compile(r"^[\"“„'«‘]?[a-zà-ÿß][^.!?:]*$")
"""An item with no mark: words in small letters with no end mark ('cheap', 'pas cher')."""


def listed_rules(lines: list[str]) -> tuple[list[str], set[int]]:
    """The words forbidden by a rule line that ends on its colon and lists them on the lines under it, one
    a line, with or without a bullet ('Don't mention:', 'Nicht erwähnen:', 'Ne pas dire :' over '- cheap',
    '* billig', '1. pas cher'); and the indices of the rule's lines (its head and its items), which are no
    copy. Each line is an item: the list never runs together into one phrase."""
    words: list[str] = []
    ruled: set[int] = set()
    for i, line in enumerate(lines):
        head = _LIST_ITEM.match(line)
        text = head.group("v") if head else line.strip()
        if i in ruled or not text.endswith(":") or not forbids(text):
            continue
        items = []
        for j in range(i + 1, len(lines)):
            item = _LIST_ITEM.match(lines[j])
            value = item.group("v").strip() if item else lines[j].strip()
            if not value or (not item and (not _PLAIN_ITEM.match(value) or len(value.split()) > 4)):
                break
            if value.endswith(":") or re.search(r"\w\.\w{2,}|@|https?:", value):
                break  # the next rule's head, or a web address: the list has ended
            items.append(j)
        if items:
            ruled |= {i, *items}
            for j in items:
                item = _LIST_ITEM.match(lines[j])
                words += _ruled_out((item.group("v") if item else lines[j]).strip().rstrip(".,;"))
    return list(dict.fromkeys(w for w in words if w)), ruled


def directive(line: str) -> bool:
    """A line that tells the writer what (not) to say is not copy about the product."""
    return bool(re.match(r"(?i)\s*(?:must|always|never|don'?t|do not|avoid|tone\b)", line))


# 'Bitte „billig“ nicht erwähnen', '"barato" no': the word before the rule
_WORD_NOT = re.compile(
    r"[\"“„'«]\s*(?P<v>[^\"“”'»\n]{2,40}?)\s*[\"“”'»]\s+(?i:nicht (?:erwähnen|sagen|verwenden|benutzen)|"
    r"bitte nicht|no,|jamais|nunca|mai)\b"
)


_LABEL_INSIDE = re.compile(r"\s+(?=[A-ZÀ-Þ][\w'-]*(?: [\w'-]+){0,2}\s?:\s)")
"""Where a labelled line opens inside text whose lines were joined ('… Do not say: easy, instant URL:
tunebox.example'): a rule ends there."""


def must_lines(text: str) -> tuple[list[str], list[str]]:
    """The lines the brief says must be said, and the words it says never to say."""
    quote = r"\s*:?\s*[\"“„'«]?\s*(?P<v>[^\"”“'».\n]{2,80})"
    say = re.finditer(rf"(?i)\b(?:{_ALWAYS})" + quote, text)
    text = _LABEL_INSIDE.sub("\n", text)
    words: list[str] = []
    for m in re.finditer(rf"(?i)\b(?:{_NEVER})\b", text):
        # the rule's sentence: to its end mark (not a web address's dot), a semicolon or a dash
        sentence = re.split(r"[.!?](?=\s|$)|[;\n]", text[m.end() :], maxsplit=1)[0]
        opening = re.split(r"(?<=[.!?])\s+|\n", text[: m.start()])[-1]  # 'We're not a bootcamp, so …'
        words += _named(_ruled_out(_FIRM_BREAK.split(sentence, maxsplit=1)[0]), opening)
    words += [m.group("v").strip() for m in _WORD_NOT.finditer(text)]
    for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
        words += _rule_words(sentence)
    return [m.group("v").strip() for m in say], list(dict.fromkeys(w for w in words if w))


_LIST_BREAK = re.compile(r"(?i)\s*,\s*|\s+(?:or|and|nor|o|y|ni|ou|et|oder|und|noch|e|né|nem)\s+")


def _ruled_out(rest: str) -> list[str]:
    """The words a rule forbids, from what follows it: each quoted one ('"cheap" or "bargain"'), else the
    phrase up to the sentence's end, split at commas and 'or' ('discounts, sales or cheap'); a clause that
    asks for another word ends it ('«barato», di «asequible»', 'cheap, say affordable')."""
    cut = _CLAUSE_BREAK.search(rest)
    if cut and (not rest[: cut.start()].strip(" :") or re.search(rf"[{_OPEN}]", rest[: cut.start()])):
        rest = rest[: cut.start()]
    rest = re.split(rf"(?i),\s*(?={_SAYING.pattern.removeprefix('(?i)')})", rest, maxsplit=1)[0]
    rest = rest[: _list_end(rest)]
    if not rest.strip(" ,"):
        return []
    words = re.findall(r"[\"“„'«‘»]\s*([^\"”“'»«’\n]{2,40}?)\s*[\"”“'»’«]", rest)
    if words:
        return [q.strip() for q in words]
    phrase = re.sub(r"(?i)^\s*:?\s*(?:anything about|the)\s+", "", rest).strip(" :")
    phrase = _WORD_NOUN.sub("", phrase, count=1) if _WORD_NOUN.match(phrase) else phrase
    # 'words like cheap or basic', 'des mots comme « bon marché »': the examples after 'like'
    phrase = re.sub(r"(?i)^(?:like|such as|comme|wie|como|come|tipo)\s+", "", phrase)
    phrase = re.split(r"(?i)\s+(?:anywhere|at all|in the ad|please|in any form)\b", phrase)[0]
    items = [_NAMED.sub(r"\g<name>", i.strip(" .")) for i in _LIST_BREAK.split(phrase) if i and i.strip(" .")]
    # 'ne parlez pas de luxe ou de prestige': the word, not its preposition
    items = [re.sub(r"(?i)^(?:(?:de|of|di|von|em|sobre|about|über)\s+|d['’](?=\w))", "", i) for i in items]
    # 'the word luxury and link to brindle.example': an instruction with an address is no word
    return [i for i in items if len(i.split()) <= 4 and not (_ADDRESSED.search(i) and " " in i)][:4]


_ADDRESSED = re.compile(r"\w\.[a-z]{2,}\b|@\w|https?:")
"""A web address, a mailbox or a handle in a piece of a rule with other words: where to send people
('renvoyez vers brindle.example'), no word it forbids (an address alone may be one)."""
_COPULA = re.compile(
    r"(?i)(?<!\w)(?:is|are|was|were|(?:it|that|this|there|here|what|we|they|you)['’](?:s|re)|es|son|era|está|"
    r"están|est|sont|c['’]est|ist|sind|war|é|são|è|sono)(?!\w)"
)
"""A verb of being: a piece of a sentence that holds one is a clause of its own, no word of a list."""
_LINE_IS = re.compile(
    rf"(?i)\s*(?:[^\W\d][\w'’]*\s+){{0,3}}?(?:{_COPULA.pattern.removeprefix('(?i)')})\s*:?\s*Q\W*"
)
"""A clause that only names the words it quotes ('the line is 'Built to last'', 'notre devise est « … »'):
the quoted words are its copy."""
_LEAD_AND = re.compile(r"(?i)^\s*(?:and|or|nor|y|o|ni|et|ou|und|oder|noch|e|né|nem)\s+")


def _list_end(rest: str) -> int:
    """Where the words after a rule end ('cheap, budget or bargain' goes on; 'cheap, the line is 'Built to
    last'' ends at its comma): at the first comma whose next piece is a clause of its own, not a word of
    the list: it holds a verb of being ('el lema es …', 'notre devise est …'), a quote where the list
    quoted none, a web address, or more than four words."""
    pieces = list(re.finditer(r"[^,]+", rest))
    if not pieces:
        return len(rest)
    quoting = re.search(rf"[{_OPEN}]", pieces[0].group(0)) is not None
    for m in pieces[1:]:
        piece = _LEAD_AND.sub("", m.group(0))
        addressed = _ADDRESSED.search(piece) and len(piece.split()) > 1
        clause = _COPULA.search(piece) or addressed or len(piece.split()) > 4
        if clause or (not quoting and re.search(rf"[{_OPEN}]", piece)):
            return m.start() - 1
    return len(rest)


_NAMED = re.compile(
    r"^(?:[a-zà-ÿß'’-]+\s+(?:[a-zà-ÿß'’-]+\s+)*(?:Namen?|Marke)\s+|(?:[a-zà-ÿß'’-]+\s+){2,})"
    r"(?P<name>[A-ZÀ-Þ][\w'’&-]*(?:\s+[A-ZÀ-Þ0-9][\w'’&-]*)*)$"
)
"""A forbidden item that says what its name is before it ('our old name Zorvik Classic', 'notre ancien nom
Zorvik', 'unseren alten Namen Zorvik': German writes the noun in capitals): the name is the word the rule
forbids."""


__all__ = [
    "copy_of",
    "directive",
    "forbids",
    "listed_rules",
    "must_lines",
    "says_what_to_say",
    "without_say_rules",
]
